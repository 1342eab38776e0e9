/**
 * Small text helpers for cards: emphasis of the words a search matched, safe
 * excerpts and the one-line source description people use to judge a passage.
 *
 * Teams renders a subset of Markdown in TextBlocks (**bold**, _italic_, lists,
 * links). Passage text is plain, so the only Markdown in an answer is the
 * emphasis added here; anything in the text that Teams could misread as
 * formatting is neutralised first.
 */
import type { SourceRef, Supersession } from '../knowledge/types.js';

/** Remove characters Teams would read as Markdown emphasis or links, so only our emphasis shows. */
export function plainMarkdown(text: string): string {
  return text
    .replace(/\*+/g, '')
    .replace(/(^|\s)_+|_+(?=\s|$|[.,;:!?])/g, '$1')
    .replace(/\[([^\]]*)\]\(([^)]*)\)/g, '$1')
    .replace(/\r\n?/g, '\n');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Bold every whole-word occurrence of the matched terms (any case), longest
 * first so "safeguarding partners" wins over "partners". Line breaks become
 * paragraph breaks, which is how Teams shows them.
 */
export function emphasise(text: string, terms: readonly string[]): string {
  const clean = plainMarkdown(text);
  const words = [...new Set(terms.map((t) => t.trim()).filter((t) => t.length >= 2 && !/[*_]/.test(t)))].sort((a, b) => b.length - a.length);
  const withBreaks = (s: string) => s.replace(/\n+/g, '\n\n');
  if (words.length === 0) return withBreaks(clean);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(${words.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  // Neighbouring matches read as one phrase: "**lead safeguarding partner**", not four bold words.
  return withBreaks(clean.replace(pattern, '**$1**').replace(/\*\*([ \t]+)\*\*/g, '$1'));
}

/** Cut at a sentence or word boundary near `max` characters, with an ellipsis when cut. */
export function excerpt(text: string, max: number): string {
  const t = text.trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const sentence = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('.\n'));
  if (sentence > max * 0.6) return cut.slice(0, sentence + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

/** "VKPP · June 2022", the line under a source title. */
export function sourceLine(source: Pick<SourceRef, 'publisher' | 'dateLabel'>): string {
  return [source.publisher, source.dateLabel].filter(Boolean).join(' · ');
}

/** The visible warning on anything replaced by newer guidance. */
export function supersededNote(supersededBy: Supersession | undefined): string {
  const by = supersededBy?.title ? `Superseded by ${supersededBy.title.replace(/^The /, 'the ')}` : 'Superseded by newer guidance';
  const note = supersededBy?.note ? ` ${supersededBy.note.trim()}` : '';
  return `${by} — check the current guidance.${note}`;
}

/** Questions are echoed on cards and carried in button data; keep both bounded. */
export const MAX_QUESTION_CHARS = 400;

export function boundedQuestion(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= MAX_QUESTION_CHARS) return t;
  const cut = t.slice(0, MAX_QUESTION_CHARS);
  const space = cut.lastIndexOf(' ');
  return space > MAX_QUESTION_CHARS * 0.7 ? cut.slice(0, space) : cut;
}
