/**
 * Recognising a request for a definition ("define WT23", "what does DSP mean",
 * "meaning of jtai", "dsp?") and deciding whether a glossary entry answers it.
 *
 * The knowledge base finds the entry; this decides when a glossary card is the
 * right reply rather than an answer from the guidance. "what is independent
 * scrutiny" names a subject, not an acronym: the guidance says far more about it
 * than a one-line definition, so a long form only counts when someone asks for a
 * definition in so many words.
 */
import type { GlossaryTerm } from '../knowledge/frontMatter.js';

export interface DefinitionRequest {
  subject: string;
  /** 'strong': asked for a meaning in so many words; 'weak': "what is X", or a bare term. */
  strength: 'strong' | 'weak';
}

const STRONG: RegExp[] = [
  /^(?:please\s+)?(?:define|definition\s+of|meaning\s+of|expand|explain\s+the\s+(?:term|acronym|abbreviation))\s*[:\s]\s*(?:the\s+(?:term|acronym|abbreviation)\s+)?(.+)$/i,
  /^what(?:'s|’s|\s+is)\s+the\s+(?:meaning|definition)\s+of\s+(.+)$/i,
  /^what\s+(?:does|do|did)\s+(?:an?\s+|the\s+)?(.+?)\s+(?:mean|stand\s+for|stands\s+for)$/i,
  /^what\s+(?:is|are)\s+(?:an?\s+|the\s+)?(.+?)\s+(?:short\s+for|an\s+acronym\s+for)$/i,
  /^(.+?)\s+(?:meaning|definition|stands\s+for)$/i,
];
const WEAK: RegExp[] = [/^what(?:'s|’s|\s+is|\s+are)\s+(?:an?\s+|the\s+)?(.+)$/i, /^who\s+(?:is|are)\s+(?:an?\s+|the\s+)?(.+)$/i];

/** Up to this many words for a bare term or the subject of "what is …". */
const MAX_TERM_WORDS = 4;

export function parseDefinitionRequest(text: string): DefinitionRequest | undefined {
  const t = text.replace(/\s+/g, ' ').trim();
  const questionMark = /\?\s*$/.test(t);
  const core = t.replace(/[?.!\s]+$/, '').trim();
  if (!core) return undefined;
  for (const re of STRONG) {
    const m = re.exec(core);
    if (m?.[1]) return { subject: tidy(m[1]), strength: 'strong' };
  }
  for (const re of WEAK) {
    const m = re.exec(core);
    if (m?.[1] && wordCount(m[1]) <= MAX_TERM_WORDS) return { subject: tidy(m[1]), strength: 'weak' };
  }
  // "dsp?" — one word and a question mark is how people ask what an acronym means.
  if (questionMark && wordCount(core) === 1) return { subject: tidy(core), strength: 'strong' };
  if (wordCount(core) <= 3) return { subject: tidy(core), strength: 'weak' };
  return undefined;
}

function tidy(s: string): string {
  return s.replace(/^["'“‘]+|["'”’]+$/g, '').replace(/[?.!]+$/, '').trim();
}

function wordCount(s: string): number {
  return s.trim().split(/\s+/).filter(Boolean).length;
}

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
export function glossaryAnswers(entry: GlossaryTerm, request: DefinitionRequest): boolean {
  const key = termKey(request.subject);
  if (!key) return false;
  if (request.strength === 'strong') return true;
  const names = [entry.term, ...entry.also].map(termKey);
  const singular = key.endsWith('s') ? key.slice(0, -1) : key;
  return names.includes(key) || names.includes(singular);
}
