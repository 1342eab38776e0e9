/**
 * CSV for the feedback export: RFC 4180 quoting, and no cell a spreadsheet would run as a formula.
 *
 * Facilitators open the export in Excel. A question beginning with "=", "+",
 * "-" or "@" would be read as a formula there, so such cells get a leading
 * apostrophe, the usual defence against CSV injection.
 */
import type { FeedbackRecord } from '../storage/feedbackStore.js';

export const FEEDBACK_CSV_HEADER = ['created_at', 'vote', 'question', 'passage_ids', 'conversation_type'] as const;

export function csvCell(value: string | null | undefined): string {
  let s = value ?? '';
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: Array<string | null | undefined>): string {
  return values.map(csvCell).join(',');
}

/** Header and one line per vote, each ending CRLF as RFC 4180 asks; passage ids are separated by spaces. */
export function feedbackCsv(records: readonly FeedbackRecord[]): string {
  const lines = [csvLine([...FEEDBACK_CSV_HEADER])];
  for (const r of records) lines.push(csvLine([r.createdAt, r.vote, r.question, r.passageIds.join(' '), r.conversationType]));
  return `${lines.join('\r\n')}\r\n`;
}
