// The shape of a deadline as the statechart declares it (in each state's `meta.deadlines`), and the
// pure arithmetic that turns a declaration into a due date. Scheduling reads these; nothing here runs
// a timer.
import { deadlineName, type DeadlineKey, type Localised } from './labels.js';

export type Recipient =
  'coordinatore' | 'valutatori' | 'partecipanti_equipe' | 'responsabile' | 'supervisore';

export type Duration = { days: number } | { months: number };

export interface DeadlineSpec {
  /** Stable key, unique in the chart; ambiti override defaults by this key; its name is in labels.ts. */
  key: DeadlineKey;
  /** Where the clock starts: when the owning state was entered, or the date of the scheduled meeting. */
  from: 'state_entry' | 'meeting_date';
  after: Duration;
  reminders: { before: Duration; to: Recipient[] }[];
  /** null: the deadline only drives reminders. */
  onExpiry: { alert: Recipient[] } | { send: 'ESCALATE'; reason: 'scadenza' } | null;
  /** Only for cases whose outcome includes employment. */
  onlyIf?: 'employment_outcome';
}

export function addDuration(isoTime: string, duration: Duration): string {
  const date = new Date(isoTime);
  if ('days' in duration) date.setUTCDate(date.getUTCDate() + duration.days);
  else date.setUTCMonth(date.getUTCMonth() + duration.months);
  return date.toISOString();
}

export function subtractDuration(isoTime: string, duration: Duration): string {
  return addDuration(isoTime, 'days' in duration ? { days: -duration.days } : { months: -duration.months });
}

/** An ambito's own rule for a deadline: another duration, other reminder offsets (days before). */
export interface DeadlineOverride {
  afterDays?: number;
  reminderDays?: number[];
}

export type DeadlineOverrides = Record<string, DeadlineOverride>;

export interface DueDeadline extends DeadlineSpec {
  label: Localised;
  state: string;
  startsAt: string;
  dueAt: string;
  remindAt: { at: string; to: Recipient[] }[];
}

/** Dates a declared deadline from its start, applying the ambito's override when there is one. */
export function resolveDeadline(
  spec: DeadlineSpec,
  state: string,
  startsAt: string,
  override?: DeadlineOverride,
): DueDeadline {
  const after = override?.afterDays !== undefined ? { days: override.afterDays } : spec.after;
  const recipients = [...new Set(spec.reminders.flatMap((reminder) => reminder.to))];
  const reminders = override?.reminderDays
    ? override.reminderDays.map((days) => ({ before: { days }, to: recipients }))
    : spec.reminders;
  const dueAt = addDuration(startsAt, after);
  return {
    ...spec,
    label: deadlineName(spec.key),
    after,
    reminders,
    state,
    startsAt,
    dueAt,
    remindAt: reminders.map((reminder) => ({
      at: subtractDuration(dueAt, reminder.before),
      to: reminder.to,
    })),
  };
}
