// Dates as the documents print them, in Italian and Italy's time: "2 marzo 2026", "2 marzo 2026, 10:30".
const DAY = new Intl.DateTimeFormat('it-IT', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Rome',
});
const TIME = new Intl.DateTimeFormat('it-IT', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Rome',
});

/** A calendar date (YYYY-MM-DD) is read at noon, so no time zone moves it to another day. */
const asDate = (value: string | Date) =>
  value instanceof Date ? value : new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value);

export function italianDate(value: string | Date): string {
  return DAY.format(asDate(value));
}

export function italianDateTime(value: string | Date): string {
  const date = asDate(value);
  return `${DAY.format(date)}, ${TIME.format(date)}`;
}
