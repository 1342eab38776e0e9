/**
 * Dates as people in England read them. Timestamps are stored in UTC; they are
 * shown in UK time, because the partnerships are all in England.
 */
const TIME_ZONE = 'Europe/London';

const dateTime = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
const dateOnly = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
const parts = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

/** "3 March 2025 at 10:42" */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = Object.fromEntries(dateTime.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.day} ${p.month} ${p.year} at ${p.hour}:${p.minute}`;
}

/** "at 10:42" when the moment is today (UK time), otherwise "on 3 March 2025 at 10:42". */
export function whenPhrase(iso: string, now = new Date()): string {
  const full = formatDateTime(iso);
  const today = formatDateTime(now.toISOString()).split(' at ')[0]!;
  return full.startsWith(`${today} at `) ? `at ${full.slice(today.length + 4)}` : `on ${full}`;
}

/** "31 March 2025" for a YYYY-MM-DD date. */
export function formatDate(ymd: string): string {
  const d = new Date(`${ymd}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? ymd : dateOnly.format(d);
}

/** "2025-03-03 10:42" in UK time: sorts as text and Excel reads it as a date. */
export function spreadsheetDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = Object.fromEntries(parts.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** A real calendar date written YYYY-MM-DD (what Input.Date sends). */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(text);
}
