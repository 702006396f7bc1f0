// The chart as plain JSON for clients (GET /api/workflow): states with their names and deadlines,
// every transition with its guard, and each event's payload as JSON Schema.
import { z } from 'zod';
import type { StateNode } from 'xstate';
import type { DeadlineSpec } from './deadlines.js';
import { caseEventSchemas, type CaseEventType } from './events.js';
import { deadlineName, inEveryLanguage, stateName, type Localised } from './labels.js';
import { chartOf, LATEST_VERSION } from './versions.js';

export interface WorkflowState {
  id: string;
  label: Localised;
  parent: string | null;
  kind: 'compound' | 'atomic' | 'final';
  initial: string | null;
  deadlines: (DeadlineSpec & { label: Localised })[];
}

export interface WorkflowTransition {
  from: string;
  event: CaseEventType;
  to: string[];
  guard: string | null;
}

export interface WorkflowDescription {
  id: string;
  version: number;
  states: WorkflowState[];
  transitions: WorkflowTransition[];
  events: { type: CaseEventType; label: Localised; payloadSchema: unknown }[];
}

const pathOf = (node: StateNode<never, never>) => node.path.join('.');

function guardLabel(guard: unknown): string | null {
  if (!guard) return null;
  if (typeof guard === 'string') return guard;
  const { type, params } = guard as { type: string; params?: Record<string, unknown> };
  return params ? `${type}(${Object.values(params).join(', ')})` : type;
}

function walk(node: StateNode<never, never>, states: WorkflowState[], transitions: WorkflowTransition[]) {
  for (const child of Object.values(node.states) as StateNode<never, never>[]) {
    const id = pathOf(child);
    states.push({
      id,
      label: stateName(id),
      parent: node.path.length ? pathOf(node) : null,
      kind: child.type === 'final' ? 'final' : child.type === 'compound' ? 'compound' : 'atomic',
      initial: child.type === 'compound' ? `${id}.${child.config.initial as string}` : null,
      deadlines: ((child.meta as { deadlines?: DeadlineSpec[] } | undefined)?.deadlines ?? []).map(
        (spec) => ({
          ...spec,
          label: deadlineName(spec.key),
        }),
      ),
    });
    for (const [event, definitions] of child.transitions) {
      for (const definition of definitions) {
        transitions.push({
          from: id,
          event: event as CaseEventType,
          to: (definition.target ?? []).map((target) => pathOf(target as StateNode<never, never>)),
          guard: guardLabel(definition.guard),
        });
      }
    }
    walk(child, states, transitions);
  }
}

/** One released version of the chart as data (the web UI draws it). */
export function describeWorkflow(version = LATEST_VERSION): WorkflowDescription {
  const caseMachine = chartOf(version);
  const states: WorkflowState[] = [];
  const transitions: WorkflowTransition[] = [];
  walk(caseMachine.root as unknown as StateNode<never, never>, states, transitions);
  const events = (Object.keys(caseEventSchemas) as CaseEventType[]).map((type) => ({
    type,
    label: inEveryLanguage((labels) => labels.events[type]),
    payloadSchema: z.toJSONSchema(caseEventSchemas[type], { io: 'input', unrepresentable: 'any' }),
  }));
  return { id: caseMachine.id, version, states, transitions, events };
}
