// Model-based testing of the case chart: @xstate/graph walks the chart with example payloads, and we
// keep one path per transition so that together the paths take every transition and reach every state.
// Every function takes the released version of the chart it walks.
import { getAdjacencyMap, getShortestPaths } from '@xstate/graph';
import { getNextTransitions, type AnyStateNode } from 'xstate';
import {
  applyCaseEvent,
  chartOf,
  evaluateGuard,
  exampleReferral,
  startCase,
  stateIdOf,
  type CaseEvent,
  type CaseEventType,
  type CaseSnapshot,
  type GuardName,
} from '../../workflows/case/index.js';
import { caseEvent } from './case-events.js';

export const modelReferral = exampleReferral().referral;

/** Every payload variant that can steer the chart differently. */
const VARIANTS: Partial<Record<CaseEventType, CaseEvent[]>> = {
  RECORD_DOMAIN_ASSESSMENT: [
    caseEvent('RECORD_DOMAIN_ASSESSMENT', { domain: 'lavoro' }),
    caseEvent('RECORD_DOMAIN_ASSESSMENT', { domain: 'casa' }),
  ],
  COMPLETE_ASSESSMENT: (['lavorativo', 'sociale', 'socio_lavorativo', 'complesso'] as const).map((profilo) =>
    caseEvent('COMPLETE_ASSESSMENT', { profilo }),
  ),
  RECORD_MEETING: [
    caseEvent('RECORD_MEETING'),
    caseEvent('RECORD_MEETING', { decision: 'escalate', responsabile: undefined } as never),
    caseEvent('RECORD_MEETING', {
      decision: 'chiusura',
      responsabile: undefined,
      outcome: { primary: 'invio_altro_servizio', secondary: [] },
    } as never),
  ],
  RECORD_MONITORING: [
    caseEvent('RECORD_MONITORING'),
    caseEvent('RECORD_MONITORING', { andamento: 'criticita' }),
  ],
};

function modelEvents(snapshot: CaseSnapshot): CaseEvent[] {
  const types = new Set(
    getNextTransitions(snapshot).map((transition) => transition.eventType as CaseEventType),
  );
  return [...types].flatMap((type) => VARIANTS[type] ?? [caseEvent(type)]);
}

/** What distinguishes states for the chart: the state plus the facts its guards read. */
function serializeState(snapshot: CaseSnapshot): string {
  const { context } = snapshot;
  return JSON.stringify([
    stateIdOf(snapshot),
    context.consent?.given === true,
    Object.keys(context.assessments).sort(),
    context.responsabile !== null,
    context.plan !== null && context.plan.goals.length > 0,
    context.monitoring.at(-1)?.andamento === 'criticita',
  ]);
}

type TransitionKey = string;

function allStateNodes(node: AnyStateNode): AnyStateNode[] {
  return Object.values(node.states).flatMap((child) => [child, ...allStateNodes(child)]);
}

export function allTransitionKeys(version: number): TransitionKey[] {
  const root = chartOf(version).root;
  return [root, ...allStateNodes(root)].flatMap((node) =>
    [...node.transitions].flatMap(([type, definitions]) =>
      definitions.map((_, index) => `${node.id} ${type} #${index}`),
    ),
  );
}

export function allStateIds(version: number): string[] {
  return allStateNodes(chartOf(version).root).map((node) => node.id);
}

/** The transition definition the chart takes for this event, found the way XState selects it. */
export function takenTransition(snapshot: CaseSnapshot, event: CaseEvent): TransitionKey | null {
  for (const candidate of getNextTransitions(snapshot).filter(
    (transition) => transition.eventType === event.type,
  )) {
    const guard = candidate.guard as
      string | { type: GuardName; params?: Record<string, unknown> } | undefined;
    const passes =
      guard === undefined ||
      (typeof guard === 'string'
        ? evaluateGuard(guard as GuardName, { context: snapshot.context, event, params: undefined })
        : evaluateGuard(guard.type, { context: snapshot.context, event, params: guard.params }));
    if (passes) {
      const index = candidate.source.transitions.get(event.type)!.indexOf(candidate);
      return `${candidate.source.id} ${event.type} #${index}`;
    }
  }
  return null;
}

export interface ModelPath {
  name: string;
  events: CaseEvent[];
  /** The state id expected after each event. */
  states: string[];
  transitions: TransitionKey[];
}

export function activeStateIds(snapshot: CaseSnapshot): string[] {
  const parts = stateIdOf(snapshot).split('.');
  return parts.map((_, index) => `case.${parts.slice(0, index + 1).join('.')}`);
}

/** One shortest path per transition, dropping paths that add no transition not yet covered. */
export function generateModelPaths(version: number): ModelPath[] {
  const machine = chartOf(version);
  const options = { events: modelEvents, serializeState, input: { referral: modelReferral } };
  const shortest = new Map(
    getShortestPaths(machine, options).map((path) => [serializeState(path.state), path] as const),
  );
  const adjacency = getAdjacencyMap(machine, options);
  const covered = new Set<TransitionKey>();
  const paths: ModelPath[] = [];
  for (const [serialized, { state, transitions }] of Object.entries(adjacency)) {
    const prefix = shortest.get(serialized);
    if (!prefix) continue;
    for (const { event } of Object.values(transitions) as { event: CaseEvent }[]) {
      const key = takenTransition(state, event);
      if (!key || covered.has(key)) continue;
      const prefixEvents = prefix.steps
        .map((step) => step.event)
        .filter((step) => (step.type as string) !== 'xstate.init');
      const events = [...prefixEvents, event];
      const replay = replayOnMachine(version, events);
      replay.transitions.forEach((transition) => covered.add(transition));
      paths.push({ name: `${key} via ${events.length} events`, events, ...replay });
    }
  }
  return paths;
}

function replayOnMachine(
  version: number,
  events: CaseEvent[],
): { states: string[]; transitions: TransitionKey[] } {
  let snapshot = startCase(modelReferral, version);
  const states: string[] = [];
  const transitions: TransitionKey[] = [];
  for (const event of events) {
    const key = takenTransition(snapshot, event);
    if (key) transitions.push(key);
    snapshot = applyCaseEvent(snapshot, event);
    states.push(stateIdOf(snapshot));
  }
  return { states, transitions };
}
