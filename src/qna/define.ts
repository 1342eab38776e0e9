/**
 * Deciding whether a glossary entry answers a request for a definition
 * (recognised by the knowledge base's glossary, `parseDefinitionRequest`).
 *
 * The knowledge base finds the entry; this decides when a glossary card is the
 * right reply rather than an answer from the guidance. "what is independent
 * scrutiny" names a subject, not an acronym: the guidance says far more about it
 * than a one-line definition, so a long form only counts when someone asks for a
 * definition in so many words.
 */
import type { GlossaryTerm } from '../knowledge/frontMatter.js';
import type { DefinitionRequest } from '../knowledge/glossary.js';

export { parseDefinitionRequest, type DefinitionRequest } from '../knowledge/glossary.js';

/** Lower case, letters and digits only: "W.T. 23" → "wt23". */
export function termKey(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/**
 * Does the entry answer the request? Its term or one of its aliases ("DSPs",
 * "independent scrutiny" for IS) always does: a short definition with a button
 * to the guidance beats a passage that only mentions the words. A match on the
 * long form alone counts only when a meaning was asked for in so many words.
 */
export function glossaryAnswers(entry: GlossaryTerm, request: Pick<DefinitionRequest, 'subject' | 'strength'>): boolean {
  const key = termKey(request.subject);
  if (!key) return false;
  if (request.strength === 'strong') return true;
  const names = [entry.term, ...entry.also].map(termKey);
  const singular = key.endsWith('s') ? key.slice(0, -1) : key;
  return names.includes(key) || names.includes(singular);
}
