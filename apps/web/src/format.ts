// Dates as Italian users read them (dd/mm/yyyy), and relative times for deadlines.
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import relativeTime from 'dayjs/plugin/relativeTime';

dayjs.extend(customParseFormat);
dayjs.extend(relativeTime);

export const DATE_FORMAT = 'DD/MM/YYYY';

export function formatDate(value: string | null | undefined): string {
  return value ? dayjs(value).format(DATE_FORMAT) : '—';
}

export function formatDateTime(value: string | null | undefined): string {
  return value ? dayjs(value).format(`${DATE_FORMAT} HH:mm`) : '—';
}

/** A month of the form YYYY-MM as a reader names it: "ottobre 2026", or "ott 2026" where room is short. */
export function formatMonth(month: string, length: 'long' | 'short' = 'long'): string {
  return dayjs(`${month}-01`).format(length === 'long' ? 'MMMM YYYY' : 'MMM YYYY');
}

/** "tra 3 giorni", "2 giorni fa": how far a moment is from now, in the current language. */
export function fromNow(value: string, now: Date = new Date()): string {
  return dayjs(value).from(now);
}

export function isPast(value: string, now: Date = new Date()): boolean {
  return new Date(value).getTime() < now.getTime();
}

/** Accepts what people type: 15/03/2026, 15-3-2026, 15.03.26, or the ISO form. */
export function parseItalianDate(text: string): string | null {
  const parsed = dayjs(
    text.trim(),
    // Also the digits alone, as many type a birth date: 14031988.
    ['DD/MM/YYYY', 'D/M/YYYY', 'DD-MM-YYYY', 'D-M-YYYY', 'DD.MM.YYYY', 'YYYY-MM-DD', 'DD/MM/YY', 'DDMMYYYY'],
    true,
  );
  return parsed.isValid() ? parsed.format('YYYY-MM-DD') : null;
}

export function today(): string {
  return dayjs().format('YYYY-MM-DD');
}
