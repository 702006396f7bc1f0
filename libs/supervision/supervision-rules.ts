// What counts as late by default: each deadline's duration and each state's "in this state too long"
// threshold, derived from the chart. An ambito overrides them in deadline_overrides and
// supervision_thresholds; lateness.ts applies both.
import { deadlineSpecsOf, phaseOf, STATE_LABELS } from '../../workflows/case/index.js';

/** Months and "per period" figures follow the service's calendar, not UTC. */
export const SERVICE_TIME_ZONE = 'Europe/Rome';

const STATE_IDS = Object.keys(STATE_LABELS);

/** The states an open case can be in (closed cases are never stuck). */
export const OPEN_LEAF_STATES = STATE_IDS.filter(
  (id) => phaseOf(id) !== 'esito' && !STATE_IDS.some((other) => other.startsWith(`${id}.`)),
);

function ancestorsOrSelf(stateId: string): string[] {
  const parts = stateId.split('.');
  return parts.map((_, index) => parts.slice(0, index + 1).join('.')).reverse();
}

const openDeadlineSpecs = STATE_IDS.filter((id) => phaseOf(id) !== 'esito').flatMap((id) =>
  deadlineSpecsOf(id).map((spec) => ({ ...spec, state: id })),
);

/** Default duration in days of every deadline an open case can have, by key. */
export const DEFAULT_DEADLINE_DAYS: Record<string, number> = Object.fromEntries(
  openDeadlineSpecs.map((spec) => {
    if (!('days' in spec.after)) throw new Error(`deadline ${spec.key} of an open state is not in days`);
    return [spec.key, spec.after.days];
  }),
);

/**
 * Default threshold per state: the deadline counted from entering the state or its nearest ancestor
 * (a case in valutazione.in_corso is late after valutazione's 30 days). States with no such deadline
 * (bozza, da_integrare, sospeso) have none unless the ambito sets one.
 */
export const DEFAULT_THRESHOLD_DAYS: Record<string, number | null> = Object.fromEntries(
  OPEN_LEAF_STATES.map((state) => {
    for (const id of ancestorsOrSelf(state)) {
      const spec = deadlineSpecsOf(id).find((candidate) => candidate.from === 'state_entry');
      if (spec && 'days' in spec.after) return [state, spec.after.days];
    }
    return [state, null];
  }),
);
