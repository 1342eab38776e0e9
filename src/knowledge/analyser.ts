/**
 * Analyser: the one place where text becomes index terms.
 *
 * The index side (lunr's builder) and the query side (our query builder, the
 * synonym matcher, sentence scoring) must turn words into terms in exactly the
 * same way, or a word in a question silently misses the same word in a passage.
 * So every caller goes through `tokenize` + `analyseWord` here, and the lunr
 * pipeline is assembled from the same functions.
 *
 * lunr's own tokenizer splits only on whitespace and hyphens and keeps
 * punctuation, so "neglect?" or "(ICB)" would never match; ours splits on
 * anything that is not a letter or digit and records character positions so
 * matches can be highlighted.
 */
import { createRequire } from 'node:module';
import lunr from 'lunr';
import { LruCache } from '../lruCache.js';

export interface TextToken {
  /** As written, e.g. "ICB's". */
  raw: string;
  /** Lower-case, accents and possessive removed, e.g. "icb". */
  norm: string;
  /** Index term (stemmed), or '' for a stop word. */
  term: string;
  stop: boolean;
  /** Character offset and length in the source string. */
  start: number;
  length: number;
}

/** Longer "words" are junk (URLs, base64, keyboard mashing) and only slow fuzzy matching down. */
const MAX_WORD_LENGTH = 40;

/** Words, plus "%" as a word of its own ("90%" → "90", "percent") so "percentage" questions can find figures. */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*|%/gu;

/**
 * lunr's own English stop words, asked of lunr.stopWordFilter itself so index
 * and query can never disagree (it returns nothing for a stop word).
 */
const stopWords = new LruCache<string, boolean>();

export function isStopWord(word: string): boolean {
  return stopWords.getOrSet(word, () => lunr.stopWordFilter(new lunr.Token(word, {})) === undefined);
}

/**
 * The standard English stopword list (stopwords-iso, the largest maintained
 * one): function words and the small talk around a question ("please",
 * "thanks", "anyway", "actually"). Used on the query side only, and never
 * alone: the query builder lets the corpus overrule it for words our
 * passages are about ("research", "young", "act" are on the list too).
 */
let standardStopwords: ReadonlySet<string> | undefined;

function standardList(): ReadonlySet<string> {
  // Normalised as words are ("don't" → "dont"), once, at the first use (start-up warm-up).
  return (standardStopwords ??= new Set(
    (createRequire(import.meta.url)('stopwords-iso/stopwords-iso.json') as { en: string[] }).en.map((w) => normaliseWord(normaliseText(w))),
  ));
}

export function isStandardStopword(norm: string): boolean {
  return standardList().has(norm);
}

/**
 * Question words say what kind of answer a question asks for: "who", "which", "when", "where", "why"
 * and "how many/often/long/much" ask for a person, a choice, a time, a place, a reason or a number; "what" and a
 * bare "how" ask for an explanation, which any passage gives. Our headings are written as the
 * questions they answer ("How often partners must publish a yearly report"), so the words that
 * name a kind of answer are kept in headings (stop words everywhere else), and a question's own
 * are matched against headings only.
 */
const AFTER_HOW = ['many', 'often', 'long', 'much'] as const;
const WH_WORDS = new Map<string, AnswerType>([['who', 'who'], ['whom', 'who'], ['whose', 'who'], ['when', 'when'], ['where', 'where'], ['why', 'why'], ['which', 'which'], ['what', 'what']]);
export type AnswerType = 'who' | 'which' | 'when' | 'where' | 'why' | 'what' | 'how' | `how ${(typeof AFTER_HOW)[number]}`;

/** The words headings keep: the one word of each kind of answer ("who", "often"). */
export const QUESTION_WORDS: ReadonlySet<string> = new Set<string>([...WH_WORDS.values(), ...AFTER_HOW].filter((w) => w !== 'what'));

/** The kind of answer token i asks for, if it is a question word ("how" before "many" asks "how many"). */
export function answerTypeAt(tokens: readonly { norm: string }[], i: number): AnswerType | undefined {
  const w = tokens[i]!.norm;
  if (w !== 'how') return WH_WORDS.get(w);
  const next = tokens[i + 1]?.norm as (typeof AFTER_HOW)[number] | undefined;
  return next && AFTER_HOW.includes(next) ? `how ${next}` : 'how';
}

/** The kind of answer a question asks for: its first question word's. */
export function answerType(tokens: readonly { norm: string }[]): AnswerType | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const asks = answerTypeAt(tokens, i);
    if (asks) return asks;
  }
  return undefined;
}

/** The heading word of a kind of answer ("who", "often"); none for an explanation ("what", "how"). */
export function answerWord(asks: AnswerType): string | undefined {
  return asks === 'what' || asks === 'how' ? undefined : asks.split(' ').at(-1);
}

/** Stop words of five letters or more, for recognising their misspellings ("actualy", "plese"). */
export function fillerWords(): readonly string[] {
  return (fillerList ??= [...standardList()].filter((w) => w.length >= 5));
}
let fillerList: string[] | undefined;

/** Lower case, strip accents, unify quotes: "Café’s" → "cafe's". */
export function normaliseText(text: string): string {
  // Most words are plain ASCII; Unicode normalisation is the slow part, so skip it for them.
  if (PLAIN_ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[’‘`´]/g, "'").toLowerCase();
}

const PLAIN_ASCII = /^[\x20-\x26\x28-\x5f\x61-\x7e]*$/;

/**
 * Irregular forms the Porter stemmer cannot join to their base word
 * ("chosen" → choose, "led" → lead), so "who led the research" finds "the
 * research was led by". Index and queries both pass through this.
 */
const IRREGULAR: Record<string, string> = {
  chose: 'choose', chosen: 'choose', led: 'lead', began: 'begin', begun: 'begin', gave: 'give', given: 'give',
  took: 'take', taken: 'take', wrote: 'write', written: 'write', held: 'hold', kept: 'keep', met: 'meet',
  paid: 'pay', sent: 'send', spent: 'spend', told: 'tell', thought: 'think', brought: 'bring', bought: 'buy',
  came: 'come', went: 'go', gone: 'go', saw: 'see', seen: 'see', knew: 'know', known: 'know', grew: 'grow',
  grown: 'grow', drew: 'draw', drawn: 'draw', fell: 'fall', fallen: 'fall', rose: 'rise', risen: 'rise',
  stood: 'stand', understood: 'understand', won: 'win', lost: 'lose', felt: 'feel', heard: 'hear', built: 'build',
  sought: 'seek', taught: 'teach', caught: 'catch', fought: 'fight', meant: 'mean', struck: 'strike', undertook: 'undertake',
  undertaken: 'undertake', oversaw: 'oversee', overseen: 'oversee', withdrew: 'withdraw', withdrawn: 'withdraw',
  children: 'children', child: 'child', people: 'people', women: 'woman', men: 'man',
};

/** A pronoun with its verb run on ("we'd", "they'll", "you've"): without the apostrophe it would read as "wed" or "well". */
const PRONOUN_CONTRACTION = /^(i|you|we|they|he|she|it|who|that|there)'(d|ll|ve|re|m)$/;

/** Small numbers are written both ways ("3 partners", "three partners"); one form for both. */
const NUMBER_WORDS: Record<string, string> = {
  '2': 'two', '3': 'three', '4': 'four', '5': 'five', '6': 'six', '7': 'seven', '8': 'eight', '9': 'nine', '10': 'ten',
};

/** "children's" → "children", "don't" → "dont", "we'd" → "we", "chosen" → "choose", "3" → "three": possessives, contractions, irregular forms and digits carry no meaning for search. */
export function normaliseWord(word: string): string {
  if (Object.prototype.hasOwnProperty.call(NUMBER_WORDS, word)) return NUMBER_WORDS[word]!;
  const w = word.includes("'") ? (PRONOUN_CONTRACTION.exec(word)?.[1] ?? word.replace(/'s$/, '').replace(/'/g, '')) : word;
  return Object.prototype.hasOwnProperty.call(IRREGULAR, w) ? IRREGULAR[w]! : w;
}

/**
 * The custom pipeline function: registered with lunr so a serialised index that
 * names it can be loaded (lunr.Index.load fails on unregistered functions).
 */
export const normaliseToken: lunr.PipelineFunction = (token) =>
  token.update((s) => normaliseWord(normaliseText(s)));

/** lunr's stop-word filter, except that question words survive in headings (see QUESTION_WORDS). */
export const stopWordFilter: lunr.PipelineFunction = (token) => {
  const word = token.toString();
  if (!isStopWord(word)) return token;
  const fields = ((token as unknown as { metadata?: { fields?: string[] } }).metadata?.fields ?? []) as string[];
  return QUESTION_WORDS.has(word) && fields.includes('headings') ? token : (undefined as unknown as lunr.Token);
};

const NORMALISE_LABEL = 'lscpNormalise';
const STOP_LABEL = 'lscpStopWords';
let registered = false;

/** Idempotent: call before building or loading any index (lunr.Index.load throws on unregistered functions). */
export function registerPipelineFunctions(): void {
  if (registered) return;
  lunr.Pipeline.registerFunction(normaliseToken, NORMALISE_LABEL);
  lunr.Pipeline.registerFunction(stopWordFilter, STOP_LABEL);
  registered = true;
}

const stemCache = new LruCache<string, string>();

/** Normalised word → index term (Porter stem), the same transformation the index pipeline applies. */
export function stem(norm: string): string {
  return stemCache.getOrSet(norm, () => lunr.stemmer(new lunr.Token(norm, {})).toString());
}

/** Split free text into tokens with positions. Never throws; bounded by maxTokens. */
export function tokenize(text: string, maxTokens = Number.POSITIVE_INFINITY): TextToken[] {
  const out: TextToken[] = [];
  if (!text) return out;
  // Normalising can change string length (NFKD), so match on the original and normalise per word.
  for (const m of text.matchAll(WORD)) {
    if (out.length >= maxTokens) break;
    const raw = m[0];
    if (raw.length > MAX_WORD_LENGTH) continue;
    const norm = raw === '%' ? 'percent' : normaliseWord(normaliseText(raw));
    if (!norm) continue;
    const stop = isStopWord(norm);
    out.push({ raw, norm, term: stop ? '' : stem(norm), stop, start: m.index ?? 0, length: raw.length });
  }
  return out;
}

const tokenCache = new LruCache<string, TextToken[]>();

/** `tokenize` for passage texts shown again and again. */
export function tokenizeCached(text: string): TextToken[] {
  return tokenCache.getOrSet(text, () => tokenize(text));
}

/** The index terms of a word or phrase, stop words removed: "Working Together 2018" → ["work", "togeth", "2018"]. */
export function analysePhrase(text: string): string[] {
  return tokenize(text)
    .filter((t) => !t.stop)
    .map((t) => t.term);
}

/**
 * lunr tokenizer replacement for the builder: same splitting as `tokenize`.
 * Tokens carry their position ([start, length]) as lunr's own tokenizer does;
 * the index keeps it only if metadataWhitelist asks for it.
 * Arrays (the concepts field) are taken as ready-made tokens.
 */
export function lunrTokenizer(obj: unknown, metadata?: Record<string, unknown>): lunr.Token[] {
  if (obj === null || obj === undefined) return [];
  if (Array.isArray(obj)) {
    return obj.map((t, index) => new lunr.Token(String(t), { ...(metadata ?? {}), index }));
  }
  return tokenize(String(obj)).map((t, index) => new lunr.Token(t.norm, { ...(metadata ?? {}), position: [t.start, t.length], index }));
}

/** Build the index-side pipeline: normalise, drop stop words, stem. */
export function configureBuilder(builder: lunr.Builder): void {
  registerPipelineFunctions();
  builder.pipeline.add(normaliseToken, lunr.trimmer, stopWordFilter, lunr.stemmer);
  // Only used if something calls Index#search; our queries pass analysed terms with usePipeline false.
  builder.searchPipeline.add(normaliseToken, lunr.trimmer, lunr.stemmer);
  builder.tokenizer = lunrTokenizer as unknown as typeof lunr.tokenizer;
}
