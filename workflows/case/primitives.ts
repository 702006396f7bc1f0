// The text, identifier and date types every schema is built from (payloads, the scheda unica, the API's
// query parameters, administration). Each refuses at the edge what PostgreSQL would refuse later (a NUL
// character, a lone UTF-16 surrogate, the year 0000) so bad input is a 422 naming the field, never a 500.
import { z } from 'zod';

const NUL = String.fromCharCode(0);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text PostgreSQL can store unchanged: no NUL character, no unpaired surrogate. */
export function storableText(value: string): boolean {
  return !value.includes(NUL) && !LONE_SURROGATE.test(value);
}

const STORABLE_TEXT = { message: 'contains a NUL character or an unpaired UTF-16 surrogate' };

/** Any string, possibly empty (passwords keep their spaces). */
export const rawText = (max: number) => z.string().max(max).refine(storableText, STORABLE_TEXT);

/** A trimmed, non-empty text of at most `max` characters. */
export const text = (max: number, min = 1) =>
  z.string().trim().min(min).max(max).refine(storableText, STORABLE_TEXT);

/** The shortest password anyone may set (by an amministratore for a user, or by the user, POST /api/auth/password). */
export const MIN_PASSWORD_LENGTH = 12;
export const PASSWORD_TOO_SHORT = `must be at least ${MIN_PASSWORD_LENGTH} characters long`;

/** A new password: the same rule wherever one is set. */
export const newPassword = rawText(200).min(MIN_PASSWORD_LENGTH, PASSWORD_TOO_SHORT);

/** A reference to a record by its id (users, organisations, plan goals and actions). */
export const id = text(100);

export const email = z.email().max(200);

const yearOf = (iso: string) => Number(iso.slice(0, 4));
const REAL_YEAR = { message: 'must be a year from 0001 (PostgreSQL has no year 0000)' };

/** A calendar date, YYYY-MM-DD. */
export const isoDate = z.iso.date().refine((value) => yearOf(value) >= 1, REAL_YEAR);

/** A moment with its offset, as ISO 8601 (2026-03-02T10:00:00+01:00). */
export const isoDateTime = z.iso.datetime({ offset: true }).refine((value) => yearOf(value) >= 1, REAL_YEAR);

/** A calendar month, YYYY-MM. */
export const isoMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM')
  .refine((value) => yearOf(value) >= 1, REAL_YEAR);

/** Nobody alive was born more than this many years ago. */
export const OLDEST_AGE_YEARS = 125;

const ITALIAN_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' });

/** The calendar date (YYYY-MM-DD) of a moment in Italy, where the services work. */
export function italianDayOf(moment: Date): string {
  return ITALIAN_DAY.format(moment);
}

/** Today's date in Italy, where every person Percorsi serves is referred. */
function todayInItaly(): string {
  return italianDayOf(new Date());
}

/**
 * A birth date of a living person: not in the future and at most OLDEST_AGE_YEARS ago. It reads the
 * real date because it checks what a person typed, not a rule of the process (those take the clock).
 */
export const birthDate = isoDate.superRefine((value, ctx) => {
  const today = todayInItaly();
  if (value > today) ctx.addIssue({ code: 'custom', message: 'is in the future' });
  const oldest = `${yearOf(today) - OLDEST_AGE_YEARS}${today.slice(4)}`;
  if (value < oldest) {
    ctx.addIssue({
      code: 'custom',
      message: `is more than ${OLDEST_AGE_YEARS} years ago: the person cannot be alive`,
    });
  }
});
