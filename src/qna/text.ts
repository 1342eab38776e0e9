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

/** A word as the search reads one: letters and digits, with inner apostrophes ("children's"). */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/**
 * Bold every whole-word occurrence of the matched terms (any case), longest
 * first so "safeguarding partners" wins over "partners". Line breaks become
 * paragraph breaks, which is how Teams shows them.
 *
 * One pass over the words of the text with one fixed pattern: a pattern built
 * from each answer's terms would be compiled afresh for every new question,
 * which cost more than the search itself.
 */
export function emphasise(text: string, terms: readonly string[]): string {
  const clean = plainMarkdown(text);
  const phrases = [...new Set(terms.map((t) => t.trim().toLowerCase()).filter((t) => t.length >= 2 && !/[*_]/.test(t)))]
    .map(phraseOf)
    .filter((p) => p.words.length > 0)
    .sort((a, b) => b.words.length - a.words.length);
  const withBreaks = (s: string) => s.replace(/\n+/g, '\n\n');
  if (phrases.length === 0) return withBreaks(clean);
  const words = [...clean.matchAll(WORD)];
  const lower = words.map((m) => m[0].toLowerCase());
  let out = '';
  let at = 0;
  for (let i = 0; i < words.length; ) {
    // Phrases match word by word, with the term's own separators between them ("12-month", "lead partner").
    const phrase = phrases.find((p) => p.words.every((w, k) => lower[i + k] === w && (k === 0 || sameSeparator(between(clean, words[i + k - 1]!, words[i + k]!), p.seps[k]!))));
    if (!phrase) {
      i++;
      continue;
    }
    const start = words[i]!.index!;
    const last = words[i + phrase.words.length - 1]!;
    const end = last.index! + last[0].length;
    out += `${clean.slice(at, start)}**${clean.slice(start, end)}**`;
    at = end;
    i += phrase.words.length;
  }
  out += clean.slice(at);
  // Neighbouring matches read as one phrase: "**lead safeguarding partner**", not four bold words.
  return withBreaks(out.replace(/\*\*([ \t]+)\*\*/g, '$1'));
}

/** A term as its words and what separates them ("12-month" → 12, month with "-" between). */
function phraseOf(term: string): { words: string[]; seps: string[] } {
  const found = [...term.matchAll(WORD)];
  return { words: found.map((m) => m[0]), seps: found.map((m, k) => (k === 0 ? '' : between(term, found[k - 1]!, m))) };
}

function sameSeparator(inText: string, inTerm: string): boolean {
  const space = (s: string) => /^[ \t]+$/.test(s);
  return inText === inTerm || (space(inText) && space(inTerm));
}

function between(text: string, a: RegExpMatchArray, b: RegExpMatchArray): string {
  return text.slice(a.index! + a[0].length, b.index!);
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
