// When an open case becomes late, and why: the one definition. Each running deadline of its state entry is
// due its duration after it started (the ambito's override, else the chart's), and the state itself is due
// its threshold after it was entered (the ambito's row, even an empty one, else the chart's default). Late
// means strictly after the earliest of these. The projector stores the result with every transition, a rule
// change stores it again for the cases it moves, and the stuck list asks it which rules have passed.
import { addDuration } from '../../workflows/case/index.js';
import { DEFAULT_DEADLINE_DAYS, DEFAULT_THRESHOLD_DAYS } from './supervision-rules.js';

/** An ambito's own rules: deadline durations by key, thresholds by state (null: no threshold there). */
export interface AmbitoRules {
  deadlineDays: Map<string, number>;
  thresholdDays: Map<string, number | null>;
}

export const NO_AMBITO_RULES: AmbitoRules = { deadlineDays: new Map(), thresholdDays: new Map() };

/** The rule that makes a case late: a deadline by its key, or 'soglia' for the state's threshold. */
export interface LateRule {
  reason: string;
  lateFrom: Date;
}

export interface OpenCaseFacts {
  state: string;
  stateEnteredAt: Date;
  deadlines: readonly { key: string; startsAt: string | Date }[];
}

const dueAfter = (from: string | Date, days: number) =>
  new Date(addDuration(new Date(from).toISOString(), { days }));

/** Every rule that applies to the case, soonest first (ties by reason). */
export function latenessRules(facts: OpenCaseFacts, rules: AmbitoRules): LateRule[] {
  const found: LateRule[] = [];
  for (const deadline of facts.deadlines) {
    const days = rules.deadlineDays.get(deadline.key) ?? DEFAULT_DEADLINE_DAYS[deadline.key];
    if (days !== undefined) found.push({ reason: deadline.key, lateFrom: dueAfter(deadline.startsAt, days) });
  }
  const threshold = rules.thresholdDays.has(facts.state)
    ? rules.thresholdDays.get(facts.state)
    : DEFAULT_THRESHOLD_DAYS[facts.state];
  if (threshold !== null && threshold !== undefined) {
    found.push({ reason: 'soglia', lateFrom: dueAfter(facts.stateEnteredAt, threshold) });
  }
  return found.sort(
    (a, b) =>
      a.lateFrom.getTime() - b.lateFrom.getTime() || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0),
  );
}

export interface Lateness {
  /** The earliest moment of any rule; null when no rule applies. */
  lateFrom: Date | null;
  /** The earliest running deadline (the threshold is not a deadline), which the case list shows. */
  nextDeadline: LateRule | null;
}

export function latenessOf(facts: OpenCaseFacts, rules: AmbitoRules): Lateness {
  const found = latenessRules(facts, rules);
  return {
    lateFrom: found[0]?.lateFrom ?? null,
    nextDeadline: found.find((rule) => rule.reason !== 'soglia') ?? null,
  };
}
