/**
 * Part of speech: which words of a question name things and which say how it is asked.
 *
 * A question is about its nouns ("pension", "sergeants", "bin collection");
 * its verbs, adverbs and adjectives frame it ("did they get binned", "do we
 * legally have to", "is that normal"). So a common English word the guidance never uses points elsewhere only
 * when it names a thing.
 *
 * Each word's usual class comes from a table generated once from everyday
 * English (wordClassData.ts, scripts/word-classes.ts: SUBTLEX-US words tagged
 * by the compromise tagger). A table rather than the tagger at run time: asked
 * about our questions in context, the tagger scored the same on the tuning
 * sets, and it would cost about 25 MB of memory in every instance. A word the
 * table lacks is read by its ending: "-ed" a verb ("binned"), "-ly" an adverb,
 * anything else a noun.
 */
import { ADJECTIVES, ADVERBS, VERBS } from './wordClassData.js';

export type WordClass = 'noun' | 'verb' | 'adverb' | 'adjective';

let table: Map<string, WordClass> | undefined;

function classes(): Map<string, WordClass> {
  if (table) return table;
  table = new Map();
  for (const [list, cls] of [[VERBS, 'verb'], [ADVERBS, 'adverb'], [ADJECTIVES, 'adjective']] as const) {
    for (const w of list.split(/\s+/)) if (w) table.set(w, cls);
  }
  return table;
}

/** The usual class of a word as typed ("Binned", "children's"). */
export function wordClass(typed: string): WordClass {
  const word = typed.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const known = classes().get(word);
  if (known) return known;
  if (word.length > 4 && word.endsWith('ed')) return 'verb';
  if (word.length > 4 && word.endsWith('ly')) return 'adverb';
  return 'noun';
}
