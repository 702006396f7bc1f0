// Dates of things already done (a consent given, a meeting held, a plan signed, a check made) cannot be
// later than the day the event is recorded; the day is Italy's, where the services work.
import type { CaseEvent } from './events.js';
import type { FieldProblem } from './guards.js';
import { italianDayOf } from './primitives.js';

const DONE_DATES: Partial<Record<CaseEvent['type'], string>> = {
  RECORD_CONSENT: 'informedOn',
  RECORD_WELCOME_INTERVIEW: 'heldOn',
  RECORD_MEETING: 'heldOn',
  SIGN: 'signedOn',
  RECORD_MONITORING: 'checkedOn',
};

export const FUTURE_DONE_DATE = 'is after today: it dates something already done';

/** The payload fields that date something done after the day the event is recorded. */
export function futureDoneDates(event: Pick<CaseEvent, 'type' | 'data' | 'at'>): FieldProblem[] {
  const field = DONE_DATES[event.type];
  const value = field && (event.data as Record<string, unknown>)[field];
  if (typeof value !== 'string') return [];
  const today = italianDayOf(new Date(event.at));
  return value > today ? [{ field: `data.${field}`, reason: FUTURE_DONE_DATE }] : [];
}
