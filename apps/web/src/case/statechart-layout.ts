// Lays out the case statechart (GET /api/workflow) with ELK: compound states become boxes that contain
// their children, and each pair of states joined by a transition gets one routed edge.
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { WorkflowDescription } from '../api/types';

const LINE_HEIGHT = 15;
const CHAR_WIDTH = 6.4;
const MAX_LINE = 24;

export interface ChartNode {
  id: string;
  lines: string[];
  kind: 'compound' | 'atomic' | 'final';
  x: number;
  y: number;
  width: number;
  height: number;
  depth: number;
  children: ChartNode[];
}

export interface ChartEdge {
  id: string;
  from: string;
  to: string;
  events: string[];
  points: { x: number; y: number }[];
}

export interface ChartLayout {
  width: number;
  height: number;
  nodes: ChartNode[];
  edges: ChartEdge[];
}

export function wrap(text: string, max = MAX_LINE): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= max) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** Inside its parent's box a child need not repeat the parent's name: "Equipe di primo livello convocata" → "Convocata". */
export function shortLabel(label: string, parentLabel: string | undefined): string {
  if (!parentLabel || !label.startsWith(`${parentLabel} `)) return label;
  const rest = label.slice(parentLabel.length + 1);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** One edge per pair of distinct states; self-transitions (updates, re-entries) are not drawn. */
export function chartEdges(workflow: WorkflowDescription): Omit<ChartEdge, 'points'>[] {
  const byPair = new Map<string, Omit<ChartEdge, 'points'>>();
  for (const transition of workflow.transitions) {
    for (const to of transition.to) {
      if (to === transition.from) continue;
      const id = `${transition.from}->${to}`;
      const edge = byPair.get(id) ?? { id, from: transition.from, to, events: [] };
      if (!edge.events.includes(transition.event)) edge.events.push(transition.event);
      byPair.set(id, edge);
    }
  }
  return [...byPair.values()];
}

function ancestors(workflow: WorkflowDescription, stateId: string): string[] {
  const parents = new Map(workflow.states.map((state) => [state.id, state.parent]));
  const chain: string[] = [];
  for (let parent = parents.get(stateId); parent; parent = parents.get(parent)) chain.push(parent);
  return chain;
}

export function commonAncestor(workflow: WorkflowDescription, from: string, to: string): string | null {
  const toAncestors = new Set(ancestors(workflow, to));
  return ancestors(workflow, from).find((candidate) => toAncestors.has(candidate)) ?? null;
}

// ELK is large (it is compiled from Java): load it when the first chart is drawn, not with the app.
let elk: Promise<{ layout(graph: ElkNode): Promise<ElkNode> }> | undefined;
function loadElk() {
  elk ??= import('elkjs/lib/elk.bundled.js').then(({ default: ELK }) => new ELK());
  return elk;
}

export async function layoutStatechart(
  workflow: WorkflowDescription,
  label: (stateId: string) => string,
): Promise<ChartLayout> {
  const elkNodes = new Map<string, ElkNode>();
  const roots: ElkNode[] = [];
  for (const state of workflow.states) {
    const lines = wrap(shortLabel(label(state.id), state.parent ? label(state.parent) : undefined));
    const compound = state.kind === 'compound';
    const node: ElkNode = compound
      ? {
          id: state.id,
          children: [],
          layoutOptions: {
            'elk.padding': `[top=${12 + LINE_HEIGHT * lines.length},left=10,bottom=10,right=10]`,
            'elk.nodeLabels.placement': 'INSIDE V_TOP H_LEFT',
          },
        }
      : {
          id: state.id,
          width: Math.max(...lines.map((line) => line.length)) * CHAR_WIDTH + 24,
          height: lines.length * LINE_HEIGHT + 16,
        };
    elkNodes.set(state.id, node);
    if (state.parent) elkNodes.get(state.parent)!.children!.push(node);
    else roots.push(node);
  }
  const edges = chartEdges(workflow);
  // ELK routes an edge, and measures its points, inside the innermost state that contains both ends.
  const rootEdges: ElkExtendedEdge[] = [];
  for (const edge of edges) {
    const container = commonAncestor(workflow, edge.from, edge.to);
    const elkEdge = { id: edge.id, sources: [edge.from], targets: [edge.to] };
    if (container) (elkNodes.get(container)!.edges ??= []).push(elkEdge);
    else rootEdges.push(elkEdge);
  }
  const root: ElkNode = {
    id: 'case',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.spacing.nodeNodeBetweenLayers': '36',
      'elk.spacing.nodeNode': '16',
      'elk.spacing.edgeNode': '12',
      'elk.padding': '[top=8,left=8,bottom=8,right=8]',
    },
    children: roots,
    edges: rootEdges,
  };
  const graph = await (await loadElk()).layout(root);

  const labels = new Map(workflow.states.map((state) => [state.id, state]));
  const toChartNode = (node: ElkNode, offsetX: number, offsetY: number, depth: number): ChartNode => {
    const state = labels.get(node.id)!;
    const x = offsetX + (node.x ?? 0);
    const y = offsetY + (node.y ?? 0);
    return {
      id: node.id,
      lines: wrap(shortLabel(label(node.id), state.parent ? label(state.parent) : undefined)),
      kind: state.kind,
      x,
      y,
      width: node.width ?? 0,
      height: node.height ?? 0,
      depth,
      children: (node.children ?? []).map((child) => toChartNode(child, x, y, depth + 1)),
    };
  };

  const laidOutEdges = new Map<string, { x: number; y: number }[]>();
  const collectEdges = (node: ElkNode, offsetX: number, offsetY: number) => {
    for (const edge of (node.edges ?? []) as ElkExtendedEdge[]) {
      const section = edge.sections?.[0];
      if (!section) continue;
      const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint];
      laidOutEdges.set(
        edge.id,
        points.map((point) => ({ x: point.x + offsetX, y: point.y + offsetY })),
      );
    }
    for (const child of node.children ?? [])
      collectEdges(child, offsetX + (child.x ?? 0), offsetY + (child.y ?? 0));
  };
  collectEdges(graph, 0, 0);
  return {
    width: graph.width ?? 0,
    height: graph.height ?? 0,
    nodes: (graph.children ?? []).map((node) => toChartNode(node, 0, 0, 0)),
    edges: edges.map((edge) => ({ ...edge, points: laidOutEdges.get(edge.id) ?? [] })),
  };
}
