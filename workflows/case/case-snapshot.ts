// Pure functions over a case's snapshot: start, restore, apply an event, and read what the engine and
// the API need (state id, phase, events accepted now, why an event is refused, deadlines due).
import { getNextTransitions, initialTransition, transition, type SnapshotFrom } from 'xstate';
import type { CaseMachine } from './case.machine.js';
import type { CaseContext } from './context.js';
import { resolveDeadline, type DeadlineOverrides, type DeadlineSpec, type DueDeadline } from './deadlines.js';
import type { CaseEvent, CaseEventType } from './events.js';
import { guardRules, type FieldProblem, type GuardName, type GuardRule } from './guards.js';
import { joined, STATE_LABELS, stateName, type Localised } from './labels.js';
import type { Referral } from './referral.js';
import type { OutcomeCode } from './vocabulary.js';
import { CHART_VERSIONS, chartOf, LATEST_VERSION } from './versions.js';

export type CaseSnapshot = SnapshotFrom<CaseMachine>;

/**
 * What is stored: the version of the chart the case runs on, the state value and the context. The chart has
 * no child actors or history states. Snapshots stored before versions existed have no version: version 1.
 */
export interface PersistedCase {
  version?: number;
  value: CaseSnapshot['value'];
  context: CaseContext;
}

export const PHASES = ['segnalazione', 'valutazione', 'equipe', 'pais', 'monitoraggio', 'esito'] as const;
export type Phase = (typeof PHASES)[number];

/** Guards whose outcome depends only on the case, not on the payload: when they fail the event is not offered. */
const CONTEXT_ONLY_GUARDS = new Set<GuardName>(['consentRecorded', 'completesAs', 'planComplete']);

export function startCase(referral: Referral, version: number): CaseSnapshot {
  return initialTransition(chartOf(version), { referral })[0];
}

/** Throws when the snapshot names no released version or a state its version does not have. */
export function restoreCase(persisted: PersistedCase): CaseSnapshot {
  const machine = chartOf(persisted.version ?? 1);
  return machine.resolveState({ value: persisted.value, context: persisted.context });
}

/** The version of the chart a snapshot runs on. */
export function versionOf(snapshot: CaseSnapshot): number {
  return Number(snapshot.machine.version);
}

/** The state value of a dotted state id ("equipe.primo_livello.convocata" → {equipe: {primo_livello: …}}). */
export function stateValueOf(stateId: string): CaseSnapshot['value'] {
  const parts = stateId.split('.');
  return parts
    .slice(0, -1)
    .reduceRight<unknown>((child, key) => ({ [key]: child }), parts.at(-1)) as CaseSnapshot['value'];
}

export function persistCase(snapshot: CaseSnapshot): PersistedCase {
  return { version: versionOf(snapshot), value: snapshot.value, context: snapshot.context };
}

/** Runs the event on the version of the chart the case runs on. */
export function applyCaseEvent(snapshot: CaseSnapshot, event: CaseEvent): CaseSnapshot {
  return transition(snapshot.machine as CaseMachine, snapshot, event)[0];
}

/** The leaf state as a dotted path, e.g. "equipe.primo_livello.convocata". */
export function stateIdOf(snapshot: CaseSnapshot): string {
  const parts: string[] = [];
  let value: unknown = snapshot.value;
  while (typeof value === 'object' && value !== null) {
    const [key, child] = Object.entries(value)[0];
    parts.push(key);
    value = child;
  }
  parts.push(String(value));
  return parts.join('.');
}

export function phaseOf(stateId: string): Phase {
  return stateId.split('.')[0] as Phase;
}

function guardName(guard: unknown): GuardName | undefined {
  if (typeof guard === 'string') return guard as GuardName;
  if (guard && typeof guard === 'object' && 'type' in guard) return (guard as { type: GuardName }).type;
  return undefined;
}

function guardParams(guard: unknown): Record<string, unknown> | undefined {
  return guard && typeof guard === 'object' && 'params' in guard
    ? (guard as { params: Record<string, unknown> }).params
    : undefined;
}

function transitionsFor(snapshot: CaseSnapshot, type: string) {
  return getNextTransitions(snapshot).filter((candidate) => candidate.eventType === type);
}

/** Event types the case accepts now: a handler exists and no payload could be blocked by the case itself. */
export function availableEvents(snapshot: CaseSnapshot): CaseEventType[] {
  if (snapshot.status === 'done') return [];
  const types = new Set<CaseEventType>();
  for (const candidate of getNextTransitions(snapshot)) {
    const name = guardName(candidate.guard);
    const blocked =
      name !== undefined &&
      CONTEXT_ONLY_GUARDS.has(name) &&
      !guardRules[name].holds({
        context: snapshot.context,
        event: undefined as never,
        params: guardParams(candidate.guard),
      });
    if (!blocked) types.add(candidate.eventType as CaseEventType);
  }
  return [...types];
}

export interface BlockedEvent {
  type: CaseEventType;
  guards: GuardName[];
  /** The rule's own words, which say what to do first. */
  message: Localised;
}

/**
 * Events the current state handles that a rule about the case itself blocks now (no consent yet, domains
 * still to assess, an incomplete plan), each with why. `wordingContext` is the context the messages are
 * worded from: a viewer's redacted one, so that a message names only what that viewer may read.
 */
export function blockedEvents(snapshot: CaseSnapshot, wordingContext = snapshot.context): BlockedEvent[] {
  if (snapshot.status === 'done') return [];
  const available = new Set(availableEvents(snapshot));
  const blocked = new Map<CaseEventType, { guards: Set<GuardName>; messages: Localised[] }>();
  for (const candidate of getNextTransitions(snapshot)) {
    const type = candidate.eventType as CaseEventType;
    const name = guardName(candidate.guard);
    if (available.has(type) || name === undefined || !CONTEXT_ONLY_GUARDS.has(name)) continue;
    const entry = blocked.get(type) ?? { guards: new Set(), messages: [] };
    const rule: GuardRule = guardRules[name];
    entry.guards.add(name);
    entry.messages.push(
      rule.explain({
        context: wordingContext,
        event: undefined as never,
        params: guardParams(candidate.guard),
      }),
    );
    blocked.set(type, entry);
  }
  return [...blocked].map(([type, { guards, messages }]) => ({
    type,
    guards: [...guards],
    message: joined(messages),
  }));
}

/** What an event would do that cannot be taken back: close the case, or move it to the second level. */
export type Consequence = { kind: 'closes'; outcome: OutcomeCode | null } | { kind: 'escalates' } | null;

/**
 * The machine's own answer to "what will this step do?", so a form can warn before a step that closes the
 * case or escalates it (a second consecutive criticità, a decision, a profilo that ends the path).
 */
export function foreseenConsequence(snapshot: CaseSnapshot, event: CaseEvent): Consequence {
  if (explainRefusal(snapshot, event)) return null;
  const next = applyCaseEvent(snapshot, event);
  if (next.status === 'done') return { kind: 'closes', outcome: next.context.outcome?.primary ?? null };
  const secondLevel = (id: string) => id.startsWith('equipe.secondo_livello');
  return secondLevel(stateIdOf(next)) && !secondLevel(stateIdOf(snapshot)) ? { kind: 'escalates' } : null;
}

export type Refusal =
  | { code: 'illegal_event'; state: string; accepted: CaseEventType[] }
  | { code: 'guard_failed'; guards: GuardName[]; message: Localised; fields: FieldProblem[] };

/** Why the machine would not take this event, or null when it would. */
export function explainRefusal(snapshot: CaseSnapshot, event: CaseEvent): Refusal | null {
  // A closed case accepts nothing, not even the events every open state takes (RECORD_CONSENT).
  if (snapshot.status === 'done') return { code: 'illegal_event', state: stateIdOf(snapshot), accepted: [] };
  if (snapshot.can(event)) return null;
  const candidates = transitionsFor(snapshot, event.type);
  if (candidates.length === 0) {
    return { code: 'illegal_event', state: stateIdOf(snapshot), accepted: availableEvents(snapshot) };
  }
  const failed: { name: GuardName; message: Localised; fields: FieldProblem[] }[] = [];
  for (const candidate of candidates) {
    const name = guardName(candidate.guard);
    if (!name) continue;
    const rule: GuardRule = guardRules[name];
    const args = { context: snapshot.context, event, params: guardParams(candidate.guard) };
    if (rule.applies && !rule.applies(args)) continue;
    failed.push({ name, message: rule.explain(args), fields: rule.fields?.(args) ?? [] });
  }
  if (failed.length === 0) {
    return {
      code: 'guard_failed',
      guards: [],
      message: {
        it: `Questa scelta non è ammessa nello stato «${stateName(stateIdOf(snapshot)).it}».`,
        en: `This choice is not allowed in the state “${stateName(stateIdOf(snapshot)).en}”.`,
      },
      fields: [],
    };
  }
  return {
    code: 'guard_failed',
    guards: failed.map((f) => f.name),
    message: joined(failed.map((f) => f.message)),
    fields: [...new Map(failed.flatMap((f) => f.fields).map((problem) => [problem.field, problem])).values()],
  };
}

function activeStateIds(snapshot: CaseSnapshot): string[] {
  const leaf = stateIdOf(snapshot).split('.');
  return leaf.map((_, index) => leaf.slice(0, index + 1).join('.'));
}

function anchorOf(spec: DeadlineSpec, stateId: string, context: CaseContext): string | undefined {
  if (spec.from === 'meeting_date') return context.meetings.at(-1)?.date;
  return context.enteredAt[stateId];
}

function employmentOutcome(context: CaseContext): boolean {
  const outcome = context.outcome;
  return !!outcome && (outcome.primary === 'occupazione' || outcome.secondary.includes('occupazione'));
}

/** The deadlines a state of a version of the chart owns (none for a state that version does not have). */
export function deadlineSpecsOf(
  stateId: string,
  machine: CaseMachine = chartOf(LATEST_VERSION),
): DeadlineSpec[] {
  const node = findStateNode(machine, stateId);
  return (node?.meta as { deadlines?: DeadlineSpec[] } | undefined)?.deadlines ?? [];
}

function findStateNode(machine: CaseMachine, stateId: string) {
  try {
    return machine.getStateNodeById(`case.${stateId}`);
  } catch {
    return undefined;
  }
}

/**
 * Every deadline a released version of the chart declares, with the state that owns it: the keys an ambito's
 * rules may name (a key keeps its meaning across versions).
 */
export function chartDeadlines(): (DeadlineSpec & { state: string })[] {
  const byKey = new Map<string, DeadlineSpec & { state: string }>();
  for (const machine of CHART_VERSIONS.values()) {
    for (const stateId of Object.keys(STATE_LABELS)) {
      for (const spec of deadlineSpecsOf(stateId, machine)) {
        if (!byKey.has(spec.key)) byKey.set(spec.key, { ...spec, state: stateId });
      }
    }
  }
  return [...byKey.values()];
}

/** The deadlines the case's current states own, with their due and reminder times. */
export function deadlinesOf(snapshot: CaseSnapshot, overrides: DeadlineOverrides = {}): DueDeadline[] {
  const context = snapshot.context;
  return activeStateIds(snapshot).flatMap((stateId) =>
    deadlineSpecsOf(stateId, snapshot.machine as CaseMachine).flatMap((spec) => {
      if (spec.onlyIf === 'employment_outcome' && !employmentOutcome(context)) return [];
      const startsAt = anchorOf(spec, stateId, context);
      return startsAt ? [resolveDeadline(spec, stateId, startsAt, overrides[spec.key])] : [];
    }),
  );
}
