// The live statechart of one case: every state of the process, the current one highlighted, the states
// and transitions the case went through (from its history) marked. The same as a nested list for screen
// readers and narrow screens, where the drawing's text is too small to read: the list is what a phone shows
// first, and either view is a button away.
import { useEffect, useMemo, useState } from 'react';
import { Button, Group, List, Paper, Skeleton, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { HistoryItem, WorkflowDescription } from '../api/types';
import { useLabels } from '../i18n/labels';
import { layoutStatechart, type ChartLayout, type ChartNode } from './statechart-layout';

const LINE_HEIGHT = 15;

/** A state and every state that contains it: "equipe.primo_livello" → equipe, equipe.primo_livello. */
export function withAncestors(stateId: string): string[] {
  const parts = stateId.split('.');
  return parts.map((_, index) => parts.slice(0, index + 1).join('.'));
}

const within = (stateId: string, ancestor: string) =>
  stateId === ancestor || stateId.startsWith(`${ancestor}.`);

export function travelled(history: HistoryItem[], edges: ChartLayout['edges']): Set<string> {
  const marked = new Set<string>();
  for (const item of history) {
    if (!item.fromState || item.fromState === item.toState) continue;
    for (const edge of edges) {
      if (
        edge.events.includes(item.eventType) &&
        within(item.fromState, edge.from) &&
        within(item.toState, edge.to)
      )
        marked.add(edge.id);
    }
  }
  return marked;
}

type Status = 'current' | 'active' | 'visited' | 'ahead';

const STYLE: Record<Status, { fill: string; stroke: string; text: string; width: number }> = {
  current: {
    fill: 'var(--mantine-color-teal-6)',
    stroke: 'var(--mantine-color-teal-8)',
    text: 'white',
    width: 2.5,
  },
  active: {
    fill: 'var(--mantine-color-teal-0)',
    stroke: 'var(--mantine-color-teal-6)',
    text: 'var(--mantine-color-teal-9)',
    width: 2,
  },
  visited: {
    fill: 'var(--mantine-color-teal-0)',
    stroke: 'var(--mantine-color-teal-4)',
    text: 'var(--mantine-color-teal-9)',
    width: 1.5,
  },
  ahead: {
    fill: 'white',
    stroke: 'var(--mantine-color-gray-4)',
    text: 'var(--mantine-color-gray-7)',
    width: 1,
  },
};

function Node({ node, statusOf }: { node: ChartNode; statusOf: (id: string) => Status }) {
  const status = statusOf(node.id);
  const style = STYLE[status];
  const compound = node.kind === 'compound';
  return (
    <g data-state-id={node.id} data-status={status}>
      <rect
        x={node.x}
        y={node.y}
        width={node.width}
        height={node.height}
        rx={compound ? 10 : 8}
        fill={
          compound
            ? status === 'ahead'
              ? 'var(--mantine-color-gray-0)'
              : 'rgba(18, 184, 134, 0.05)'
            : style.fill
        }
        stroke={style.stroke}
        strokeWidth={style.width}
        strokeDasharray={compound && status === 'ahead' ? '4 3' : undefined}
      />
      {node.kind === 'final' && (
        <rect
          x={node.x + 3}
          y={node.y + 3}
          width={node.width - 6}
          height={node.height - 6}
          rx={6}
          fill="none"
          stroke={style.stroke}
        />
      )}
      <text
        x={compound ? node.x + 10 : node.x + node.width / 2}
        y={node.y + (compound ? 16 : 19)}
        textAnchor={compound ? 'start' : 'middle'}
        fontSize={compound ? 12 : 11.5}
        fontWeight={compound || status === 'current' ? 700 : 500}
        fill={compound ? 'var(--mantine-color-gray-8)' : style.text}
      >
        {node.lines.map((line, index) => (
          <tspan
            key={index}
            x={compound ? node.x + 10 : node.x + node.width / 2}
            dy={index === 0 ? 0 : LINE_HEIGHT}
          >
            {line}
          </tspan>
        ))}
      </text>
      {node.children.map((child) => (
        <Node key={child.id} node={child} statusOf={statusOf} />
      ))}
    </g>
  );
}

const STATUS_LABEL: Record<Status, string> = {
  current: 'case.chartLegendCurrent',
  active: 'case.chartLegendCurrent',
  visited: 'case.chartLegendVisited',
  ahead: 'case.chartLegendOther',
};

/** The chart's states in its own order, nested as in the chart, each with where the case stands. */
function StateList({
  workflow,
  parent,
  statusOf,
}: {
  workflow: WorkflowDescription;
  parent: string | null;
  statusOf: (id: string) => Status;
}) {
  const labels = useLabels();
  const states = workflow.states.filter((state) => state.parent === parent);
  if (states.length === 0) return null;
  return (
    <List size="sm" spacing={4} withPadding={parent !== null} data-testid="state-list">
      {states.map((state) => {
        const status = statusOf(state.id);
        return (
          <List.Item key={state.id} data-status={status}>
            <Text span size="sm" fw={status === 'current' ? 700 : 400}>
              {labels.state(state.id)}
            </Text>
            {state.kind !== 'compound' || status !== 'ahead' ? (
              <Text span size="sm" c={status === 'ahead' ? 'dimmed' : 'teal'}>
                {' — '}
                {labels.t(STATUS_LABEL[status])}
              </Text>
            ) : null}
            <StateList workflow={workflow} parent={state.id} statusOf={statusOf} />
          </List.Item>
        );
      })}
    </List>
  );
}

export function Statechart({
  workflow,
  state,
  history,
}: {
  workflow: WorkflowDescription;
  state: string;
  history: HistoryItem[];
}) {
  const labels = useLabels();
  const [layout, setLayout] = useState<ChartLayout | null>(null);

  useEffect(() => {
    let current = true;
    void layoutStatechart(workflow, labels.state).then((result) => current && setLayout(result));
    return () => {
      current = false;
    };
    // The layout depends on the chart and the language of its labels, not on the case.
  }, [workflow, labels.language]);

  const visited = useMemo(
    () =>
      new Set(
        history.flatMap((item) => [item.toState, item.fromState ?? item.toState]).flatMap(withAncestors),
      ),
    [history],
  );
  const active = useMemo(() => new Set(withAncestors(state)), [state]);
  const marked = useMemo(
    () => (layout ? travelled(history, layout.edges) : new Set<string>()),
    [history, layout],
  );

  const statusOf = (id: string): Status =>
    id === state ? 'current' : active.has(id) ? 'active' : visited.has(id) ? 'visited' : 'ahead';
  const narrow = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const [chosen, choose] = useState<'list' | 'drawing' | null>(null);
  const asList = (chosen ?? (narrow ? 'list' : 'drawing')) === 'list';

  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
        <Title order={2} size="h4">
          {labels.t('case.chart')}
        </Title>
        <Button size="compact-sm" variant="subtle" onClick={() => choose(asList ? 'drawing' : 'list')}>
          {labels.t(asList ? 'case.chartAsDrawing' : 'case.chartAsList')}
        </Button>
      </Group>
      {asList ? (
        <StateList workflow={workflow} parent={null} statusOf={statusOf} />
      ) : (
        <ChartDrawing layout={layout} state={state} statusOf={statusOf} marked={marked} />
      )}
    </Paper>
  );
}

function ChartDrawing({
  layout,
  state,
  statusOf,
  marked,
}: {
  layout: ChartLayout | null;
  state: string;
  statusOf: (id: string) => Status;
  marked: Set<string>;
}) {
  const labels = useLabels();
  return (
    <>
      <Group gap="sm" mb="xs" aria-hidden>
        {(['current', 'visited', 'ahead'] as const).map((status) => (
          <Group key={status} gap={6} wrap="nowrap">
            <svg width="14" height="14">
              <rect
                x="1"
                y="1"
                width="12"
                height="12"
                rx="3"
                fill={STYLE[status].fill}
                stroke={STYLE[status].stroke}
              />
            </svg>
            <Text size="xs" c="dimmed">
              {labels.t(
                status === 'current'
                  ? 'case.chartLegendCurrent'
                  : status === 'visited'
                    ? 'case.chartLegendVisited'
                    : 'case.chartLegendOther',
              )}
            </Text>
          </Group>
        ))}
      </Group>
      {!layout ? (
        <Skeleton h={480} />
      ) : (
        <svg
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          role="img"
          aria-label={labels.t('case.chartDescription', { state: labels.state(state) })}
          data-testid="statechart"
          className="statechart-canvas"
          style={{ maxHeight: '62vh' }}
        >
          <defs>
            {(['travelled', 'other'] as const).map((kind) => (
              <marker
                key={kind}
                id={`arrow-${kind}`}
                viewBox="0 0 10 10"
                refX="9"
                refY="5"
                markerWidth="7"
                markerHeight="7"
                orient="auto-start-reverse"
              >
                <path
                  d="M 0 0 L 10 5 L 0 10 z"
                  fill={kind === 'travelled' ? 'var(--mantine-color-teal-7)' : 'var(--mantine-color-gray-5)'}
                />
              </marker>
            ))}
          </defs>
          {layout.nodes.map((node) => (
            <Node key={node.id} node={node} statusOf={statusOf} />
          ))}
          {layout.edges.map((edge) => {
            const isTravelled = marked.has(edge.id);
            return (
              <path
                key={edge.id}
                data-edge={edge.id}
                data-travelled={isTravelled || undefined}
                d={edge.points
                  .map((point, index) => `${index === 0 ? 'M' : 'L'} ${point.x} ${point.y}`)
                  .join(' ')}
                fill="none"
                stroke={isTravelled ? 'var(--mantine-color-teal-7)' : 'var(--mantine-color-gray-5)'}
                strokeWidth={isTravelled ? 2.5 : 1}
                markerEnd={`url(#arrow-${isTravelled ? 'travelled' : 'other'})`}
              >
                <title>{edge.events.map(labels.event).join(' · ')}</title>
              </path>
            );
          })}
        </svg>
      )}
    </>
  );
}
