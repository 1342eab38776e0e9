/**
 * What a document says, in its own words: the passages of it that a search for
 * its title ranks highest. `about <document>` shows them as sections; the cards
 * the "Share a briefing" message extension puts in a message use the opening
 * sentences, since that card has to stand on its own in somebody else's chat.
 *
 * Only the knowledge base's search is used, so a fake `ask` is enough to test it.
 */
import type { DocumentSummary, KnowledgeBase } from '../knowledge/types.js';
import { excerpt, plainMarkdown } from './text.js';

export interface SummarySection {
  heading: string;
  /** Plain text (no Markdown of the source's own), paragraphs separated by blank lines. */
  text: string;
}

/** The document's own passages that best describe it: a search for its title, kept to its own sections. */
export function summarySections(knowledge: Pick<KnowledgeBase, 'ask'>, doc: DocumentSummary, count: number): SummarySection[] {
  const found = knowledge.ask(doc.title, { limit: 20 });
  return found.passages
    .filter((p) => p.docId === doc.id)
    .slice(0, count)
    .map((p) => ({ heading: plainMarkdown(p.headingPath.at(-1) ?? p.title), text: plainMarkdown(excerpt(p.text, 700)).replace(/\n+/g, '\n\n') }));
}

/** Sentence ends: a full stop (or ! ?) then a space and what looks like the start of the next sentence. */
const SENTENCE_END = /(?<=[.!?])\s+(?=["'‘“(]?[A-Z0-9])/;

/**
 * Two or three sentences from the start of the best section, on one line, within
 * `maxChars`. When the search found nothing of the document, `fallback` (what the
 * source is) is better than an empty card.
 */
export function shortSummary(sections: readonly SummarySection[], fallback: string, maxChars = 420): string {
  const text = (sections[0]?.text ?? '').replace(/\s+/g, ' ').trim();
  if (!text) return excerpt(plainMarkdown(fallback).replace(/\s+/g, ' '), maxChars);
  const sentences = text.split(SENTENCE_END);
  let summary = sentences[0] ?? '';
  for (const next of sentences.slice(1, 3)) {
    if (summary.length + 1 + next.length > maxChars) break;
    summary = `${summary} ${next}`;
  }
  return excerpt(summary, maxChars);
}
