/**
 * Part of speech: which words of a question name things and which say how it is asked.
 *
 * A question is about its nouns ("pension", "sergeants", "bin collection");
 * its verbs and adverbs frame it ("did they get binned", "where did it spring
 * from", "do we legally have to"). So a common English word the guidance never
 * uses points elsewhere only when it names a thing. The tagging is compromise's
 * (a maintained rule-and-lexicon tagger that needs no model download), run once
 * per question.
 */
import nlp from 'compromise';

export type WordClass = 'noun' | 'verb' | 'adverb' | 'adjective' | 'other';

interface TaggedTerm {
  text?: string;
  normal?: string;
  tags?: string[];
}

function classOf(tags: readonly string[]): WordClass {
  // A gerund names an activity ("rating", "visiting hours"): a thing the question is about.
  if (tags.includes('Gerund')) return 'noun';
  if (tags.includes('Verb')) return 'verb';
  if (tags.includes('Noun') || tags.includes('Acronym')) return 'noun';
  if (tags.includes('Adverb')) return 'adverb';
  if (tags.includes('Adjective')) return 'adjective';
  return 'other';
}

/** Lower-case word → its class in this text (the first occurrence wins). */
export function wordClasses(text: string): Map<string, WordClass> {
  const out = new Map<string, WordClass>();
  if (!text.trim()) return out;
  const sentences = nlp(text).json() as { terms?: TaggedTerm[] }[];
  for (const s of sentences) {
    for (const t of s.terms ?? []) {
      const word = (t.normal ?? t.text ?? '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
      if (word && !out.has(word)) out.set(word, classOf(t.tags ?? []));
    }
  }
  return out;
}
