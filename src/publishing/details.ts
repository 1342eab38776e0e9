/**
 * The title, date and publisher a briefing states, found in its first lines or
 * its file properties. They are suggestions: the draft card shows them in
 * editable boxes, and the facilitator's values are the ones published.
 */
import type { DocBlock, ExtractedDocument } from './blocks.js';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

export interface FoundDetails {
  title: string;
  /** YYYY-MM-DD, or '' when none was found. */
  date: string;
  publisher: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1990 || y > 2100 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** The first date written out in `text`: "20 November 2026", "November 2026", "2026-11-20" or "20/11/2026". */
export function firstDate(text: string): string | undefined {
  const patterns: Array<[RegExp, (m: RegExpExecArray) => string | undefined]> = [
    [/\b(\d{4})-(\d{2})-(\d{2})\b/, (m) => validDate(Number(m[1]), Number(m[2]), Number(m[3]))],
    [new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTHS.join('|')})\\s+(\\d{4})\\b`, 'i'), (m) => validDate(Number(m[3]), MONTHS.indexOf(m[2]!.toLowerCase()) + 1, Number(m[1]))],
    [/\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/, (m) => validDate(Number(m[3]), Number(m[2]), Number(m[1]))],
    [new RegExp(`\\b(${MONTHS.join('|')})\\s+(\\d{4})\\b`, 'i'), (m) => validDate(Number(m[2]), MONTHS.indexOf(m[1]!.toLowerCase()) + 1, 1)],
  ];
  let best: { at: number; date: string } | undefined;
  for (const [pattern, toDate] of patterns) {
    const m = pattern.exec(text);
    const date = m ? toDate(m) : undefined;
    if (m && date && (!best || m.index < best.at)) best = { at: m.index, date };
  }
  return best?.date;
}

/** "Published by the Northmoor Safeguarding Partnership, 20 November 2026" → "Northmoor Safeguarding Partnership". */
export function statedPublisher(text: string): string | undefined {
  const m = /\b(?:published|produced|issued|prepared|written)\s+by\s+(?:the\s+)?([^,.;:\n(]{2,100}?)(?=\s*(?:[,.;:(]|\s+(?:on|in)\s+\d|\s+\d{1,2}\s|$))/i.exec(text);
  return m?.[1]?.trim() || undefined;
}

export function findDetails(doc: ExtractedDocument, fileName: string): FoundDetails {
  const opening = doc.blocks.slice(0, 8).map((b) => b.text).join('\n');
  const firstHeading = doc.blocks.find((b): b is Extract<DocBlock, { kind: 'heading' }> => b.kind === 'heading');
  const topHeading = doc.blocks.find((b) => b.kind === 'heading' && b.level === Math.min(...doc.blocks.flatMap((x) => (x.kind === 'heading' ? [x.level] : []))));
  const fromName = fileName.replace(/\.[a-z0-9]+$/i, '').replace(/[-_]+/g, ' ').trim();
  const title = doc.properties.title ?? topHeading?.text ?? firstHeading?.text ?? (fromName || 'Untitled briefing');
  const propertyDate = doc.properties.date && /^\d{4}-\d{2}-\d{2}$/.test(doc.properties.date) ? doc.properties.date : undefined;
  return {
    title: title.slice(0, 200),
    date: firstDate(opening) ?? propertyDate ?? '',
    publisher: (statedPublisher(opening) ?? doc.properties.author ?? '').slice(0, 120),
  };
}
