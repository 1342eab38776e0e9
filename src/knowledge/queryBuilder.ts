/**
 * Query builder: free text → a query plan → lunr clauses.
 *
 * We never hand user text to lunr's query parser (Index#search), which treats
 * `: ~ ^ * + -` as syntax and throws on stray ones. Instead we tokenise the
 * text ourselves and add one clause per analysed term through Index#query, so
 * no input can throw. Each meaningful word or phrase of the question becomes a
 * *unit* with alternative ways to match it:
 *
 *  - the word itself (stemmed), full weight;
 *  - the concepts it names (glossary acronym or synonym group), via the hidden
 *    concepts field, so "wt18" finds "Working Together 2018";
 *  - for a word the corpus does not contain: spelling corrections against
 *    the index vocabulary (edit distance 1 from five letters, 2 from eight) and
 *    abbreviations ("indep"), at a lower boost, so a typo still finds its
 *    passage but never outranks exact matches;
 *  - other forms of a known word the stemmer keeps apart ("scrutinising" →
 *    scrutiny, scrutineer), at a lower boost.
 *
 * Units also carry a weight (the rarity of their best match in the corpus, or
 * a high weight when the corpus has no such word), which search.ts uses to
 * measure how much of a question a passage answers, and to decline. A unit is
 * *everyday* when its words are framing ("really", "brought", "set up": far
 * rarer in the corpus than in speech, see generalEnglish.ts; standard stopwords;
 * verbs and adverbs, see partOfSpeech.ts) or off-topic ("desk", "rain"); framing
 * units weigh little and do not count when declining, off-topic ones weigh
 * twice an unknown word, and so does an ordinary English word the corpus never
 * uses ("pension", "bin"): the question is about something the guidance is
 * not. Misspelt filler ("actualy") is dropped, and common English words are
 * never "corrected" into corpus words.
 */
import { fillerWords, isStandardStopword, isStopWord, normaliseText, stem, tokenize, answerType, answerTypeAt, answerWord, type AnswerType, type TextToken } from './analyser.js';
import { LruCache } from '../lruCache.js';
import { wordClass } from './partOfSpeech.js';
import { NO_PHRASING, type Phrasing } from './phrasing.js';
import { britishSpellings } from './britishSpelling.js';
import { domainScore, generalCount, isGeneralTerm } from './generalEnglish.js';
import { isPlaceWord } from './places.js';
import type { ConceptMatcher, Concept } from './synonyms.js';
import { CONCEPT_FIELDS, TEXT_FIELDS } from './searchIndex.js';
import type { Field } from './searchIndex.js';

/**
 * Fields for guessed matches (typo corrections, prefixes, other word forms):
 * not the asked lines, whose casual words a guess should not land on, and each field
 * a term is looked up in adds to lunr's cost.
 */
const GUESS_FIELDS = TEXT_FIELDS.filter((f) => f !== 'asked');

export interface Vocabulary {
  /** Number of passages containing the term in any field (0 if unknown). */
  df(term: string): number;
  /** Passages in the index. */
  readonly size: number;
  /** Known terms of a given length (for spelling correction). */
  termsOfLength(length: number): readonly string[];
  /** Words of the corpus as written (normalised, not stemmed) of a given length: typos are made in words, not stems. */
  wordsOfLength(length: number): readonly string[];
  /** Known terms starting with a prefix (for abbreviations such as "indep"). */
  termsWithPrefix(prefix: string): readonly string[];
}

export type AlternativeKind = 'exact' | 'term' | 'group' | 'fuzzy' | 'prefix' | 'family';

export interface Alternative {
  kind: AlternativeKind;
  /** All of these index terms must be present for the alternative to match. */
  terms: string[];
  fields: Field[];
  boost: number;
  /** How much of the unit's weight a match through this alternative earns (a guessed spelling earns less). */
  credit: number;
}

export interface QueryUnit {
  /** The words of the question this unit stands for, as typed. */
  text: string;
  alternatives: Alternative[];
  /** How much this unit matters (inverse document frequency of its best alternative). */
  weight: number;
  /** False when nothing in the corpus matches any alternative. */
  known: boolean;
  /** Only everyday words ("time", "leave"): matching it is no evidence the question is about safeguarding. */
  everyday: boolean;
  /** Names something other than safeguarding ("desk", "rain"): weighs fully, so a passage without it misses the point. */
  offTopic: boolean;
  concepts: Concept[];
}

export interface QueryClause {
  term: string;
  fields: Field[];
  boost: number;
}

export interface QueryPlan {
  units: QueryUnit[];
  clauses: QueryClause[];
  /** Concept tokens named in the question. */
  conceptTokens: Set<string>;
  /** What kind of answer the question asks for ("who", "when", "how many" …), if it says. */
  asks?: AnswerType;
}

export interface PlanOptions {
  /** Stop after this many meaningful units (long texts keep their rarest words). */
  maxUnits?: number;
  /** Characters of input considered (10 kB of pasted text is cut here). */
  maxChars?: number;
}

/**
 * The query builder's constants, injectable so each can be switched off on its own in
 * tests/knowledge/tuningConstants.test.ts. Boosts are relative to an exact word match (1).
 */
export interface QueryTuning {
  /**
   * A synonym group ("scrutineer" for "scrutiny") or another form of the word that the stemmer
   * keeps apart ("scrutinising" → scrutiny): related wording, looser than the word itself. (A
   * glossary concept, "wt18" for "Working Together 2018", is the same thing named exactly: 1.)
   */
  groupBoost: number;
  /** A guessed spelling, per slip from a corpus word ("survy": one), or a prefix of one ("PI"). */
  guessBoost: number;
  /** Question words ("how often") matched against headings only: a tie-breaker, not a topic. */
  questionBoost: number;
  /** Coverage credit for a guessed spelling, per slip: weaker evidence that the passage is on topic (every other match earns 1). */
  guessCredit: number;
  /** … and its weight against the word's: we are less sure the question means it. */
  guessWeightFactor: number;
  /** Cap on the weight of an everyday word ("time", "number"), however rare it is in the corpus. */
  everydayWeight: number;
  /**
   * A known word the corpus uses less than e^framingScore times as often as everyday speech
   * does is a framing word ("really", "brought", "back"), weighed as an everyday word (see
   * generalEnglish.ts).
   */
  framingScore: number;
  /** Words seen this often in speech (SUBTLEX-US counts, of ~50 million) are real words, not typos to correct. */
  realWordCount: number;
  /** Words seen at least this often (about six in a million) are English words, not names or garbled typing. */
  englishWordCount: number;
  /** … and this often, so common that a question using one says nothing by it ("supposed", "thing"). */
  commonWordCount: number;
  /**
   * Weight of an off-topic word ("pizza", "desk") relative to an unknown word: it names what
   * the question is about, so a passage without it cannot answer.
   */
  offTopicWeight: number;
  /** Weight multiplier for a unit that names a glossary concept ("six steps", "wt18"). */
  conceptWeightFactor: number;
}

export const DEFAULT_QUERY_TUNING: QueryTuning = {
  groupBoost: 0.6,
  guessBoost: 0.5,
  questionBoost: 0.8,
  guessCredit: 0.8,
  guessWeightFactor: 0.9,
  everydayWeight: 1.5,
  framingScore: 1.5,
  realWordCount: 1000,
  englishWordCount: 300,
  commonWordCount: 5000,
  offTopicWeight: 2,
  conceptWeightFactor: 1.5,
};

/** Words after which the next word is a verb: the subject pronouns, the modal verbs and the infinitive's "to" (closed classes of English grammar). */
const VERB_CONTEXT = new Set(['i', 'we', 'you', 'they', 'he', 'she', 'it', 'to', 'can', 'could', 'should', 'would', 'will', 'shall', 'may', 'might', 'must']);

/** lunr's BM25 idf, so weights and scores agree on what "rare" means. */
export function idf(df: number, n: number): number {
  return Math.log(1 + Math.abs((n - df + 0.5) / (df + 0.5)));
}

/** Optimal string alignment distance (Levenshtein plus adjacent swaps), stopping early above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const m = a.length;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

/**
 * Typo budget by word length, as lunr's fuzzy matching counts edits: one slip from five letters
 * ("survy"), two from eight. Shorter words are too easy to turn into other words.
 */
export function typoBudget(length: number): number {
  if (length < 5) return 0;
  return length >= 8 ? 2 : 1;
}

export class QueryBuilder {
  private readonly corrections = new LruCache<string, { term: string; distance: number }[]>();

  private readonly shorthand: ReadonlyMap<string, string>;
  private readonly gist: ReadonlySet<string>;
  private readonly elsewhere: ReadonlySet<string>;
  private framingFillers?: readonly string[];

  constructor(
    private readonly vocabulary: Vocabulary,
    private readonly matcher: ConceptMatcher,
    phrasing: Phrasing = NO_PHRASING,
    private readonly tuning: QueryTuning = DEFAULT_QUERY_TUNING,
  ) {
    this.shorthand = new Map(Object.entries(phrasing.shorthand));
    this.gist = new Set(phrasing.gist);
    this.elsewhere = new Set(phrasing.elsewhere);
  }

  /** "wht" → "what" (knowledge/phrasing.yaml): the token as if the word were written out. */
  private spelledOut(t: TextToken): TextToken {
    const word = this.shorthand.get(t.norm);
    if (!word) return t;
    const stop = isStopWord(word);
    return { ...t, norm: word, term: stop ? '' : stem(word), stop };
  }

  /** An American spelling the index has in British spelling ("neighboring"): that word, as the index spells it. */
  private inBritishSpelling(t: TextToken): TextToken {
    if (t.stop || !t.term || this.vocabulary.df(t.term) > 0) return t;
    for (const norm of britishSpellings(t.norm)) {
      const term = stem(norm);
      if (this.vocabulary.df(term) > 0) return { ...t, norm, term };
    }
    return t;
  }

  /** An everyday word that names something other than safeguarding ("desk", "rain", "salary"; knowledge/phrasing.yaml). */
  private isOffTopicWord(norm: string): boolean {
    return this.elsewhere.has(norm);
  }

  /** Token i asks for the gist, alone ("summary") or with a neighbour ("key messages"). */
  private asksForGist(tokens: readonly TextToken[], i: number): boolean {
    const w = tokens[i]?.norm;
    if (w === undefined) return false;
    const pair = (a?: TextToken, b?: TextToken) => a !== undefined && b !== undefined && this.gist.has(`${a.norm} ${b.norm}`);
    return this.gist.has(w) || pair(tokens[i], tokens[i + 1]) || pair(tokens[i - 1], tokens[i]);
  }

  private idfOf(term: string): number {
    return idf(this.vocabulary.df(term), this.vocabulary.size);
  }

  /**
   * Weight of a word the corpus does not have. Fairly high (an unknown word
   * is often the point of an off-topic question) but not the maximum, so one
   * stray word ("usage", "stuff") does not sink an otherwise clear question.
   */
  private get unknownWeight(): number {
    return idf(Math.max(1, this.vocabulary.size * 0.03), this.vocabulary.size);
  }

  /**
   * Abbreviations and other word forms: "indep" → independ(ent), "mergers" →
   * merg(ed). Known terms that extend the word, or that the word extends by a
   * few letters; the commonest first.
   */
  prefixMatches(norm: string): string[] {
    if (norm.length < 4 || /\d/.test(norm)) return [];
    const found = new Set<string>();
    for (const t of this.vocabulary.termsWithPrefix(norm)) if (!this.matcher.byToken.has(t)) found.add(t);
    const s = stem(norm);
    for (let len = Math.max(4, s.length - 3); len < s.length; len++) {
      const head = s.slice(0, len);
      if (this.vocabulary.df(head) > 0) found.add(head);
    }
    return [...found].sort((a, b) => this.vocabulary.df(b) - this.vocabulary.df(a)).slice(0, 3);
  }

  /** Known terms of the same word family: one stem extends the other by at most three letters, the shorter of six or more. */
  family(term: string): string[] {
    if (term.length < 6 || /\d/.test(term)) return [];
    const found = new Set<string>();
    for (const t of this.vocabulary.termsWithPrefix(term)) {
      if (t !== term && t.length <= term.length + 3 && !this.matcher.byToken.has(t)) found.add(t);
    }
    for (let len = Math.max(6, term.length - 3); len < term.length; len++) {
      const head = term.slice(0, len);
      if (this.vocabulary.df(head) > 0) found.add(head);
    }
    return [...found].slice(0, 4);
  }

  /** Known terms within the typo budget of an unknown word, best first (closest, then commonest). */
  correct(norm: string): { term: string; distance: number }[] {
    const cached = this.corrections.get(norm);
    if (cached) return cached;
    const budget = typoBudget(norm.length);
    const found = new Map<string, number>();
    const consider = (candidate: string, form: string, term: string, budget: number) => {
      // People rarely mistype the first letter (allowing it turns "night" into "eight"), and in
      // shorter words the second either ("waiting" is not "writing").
      if (candidate[0] !== form[0] || (form.length < 9 && candidate[1] !== form[1])) return;
      const d = editDistance(form, candidate, budget);
      if (d <= budget && d < (found.get(term) ?? Infinity) && this.vocabulary.df(term) > 0) found.set(term, d);
    };
    if (budget > 0) {
      // "releavnt" is one swap from the word "relevant", but far from its stem "relev".
      for (let len = norm.length - budget; len <= norm.length + budget; len++) {
        for (const w of this.vocabulary.wordsOfLength(len)) consider(w, norm, stem(w), budget);
      }
      // Stems too, with the budget a word of the stem's length would get ("wait" gets none).
      const s = stem(norm);
      const stemBudget = typoBudget(s.length);
      for (let len = s.length - stemBudget; stemBudget > 0 && len <= s.length + stemBudget; len++) {
        for (const t of this.vocabulary.termsOfLength(len)) {
          if (!this.matcher.byToken.has(t)) consider(t, s, t, stemBudget); // concept tokens are not words
        }
      }
    }
    const ranked = [...found.entries()]
      .map(([term, distance]) => ({ term, distance, df: this.vocabulary.df(term) }))
      .sort((a, b) => a.distance - b.distance || b.df - a.df)
      .filter((c, _, all) => c.distance === all[0]!.distance)
      .slice(0, 2)
      .map(({ term, distance }) => ({ term, distance }));
    this.corrections.set(norm, ranked);
    return ranked;
  }

  /**
   * A word the corpus does not know may be a slip for one it does, unless it is an everyday word
   * typed correctly and simply absent ("night" is not "eight"), an area we have nothing on (Surrey
   * is not "survey"), any common English word ("supposed", "charge") or a word the glossary or
   * synonyms use ("successor").
   */
  private mayBeTypo(t: TextToken): boolean {
    return (
      this.vocabulary.df(t.term) === 0 &&
      !this.isOffTopicWord(t.norm) &&
      !isPlaceWord(t.norm) &&
      generalCount(t.term) < this.tuning.realWordCount &&
      !this.matcher.words.has(t.term)
    );
  }

  /**
   * The tokens with misspelt words replaced by their best correction, for
   * finding concepts only: "anual report" names the yearly report and "cheif
   * officers" the chief officers, though the words themselves still match only
   * as guesses (see unitFor).
   */
  private corrected(tokens: TextToken[]): TextToken[] {
    let out: TextToken[] | undefined;
    tokens.forEach((t, i) => {
      if (t.stop || t.norm.length < 4 || /\d/.test(t.norm) || !this.mayBeTypo(t)) return;
      const best = this.correct(t.norm)[0];
      if (!best) return;
      out ??= [...tokens];
      out[i] = { ...t, term: best.term };
    });
    return out ?? tokens;
  }

  /**
   * A misspelt filler word ("actualy", "plese", "abuot"): unknown to the corpus and one
   * slip from a filler or stop word. Left out like the word it stands for, rather
   * than corrected into a corpus word ("actualy" is not "actual").
   */
  isFillerTypo(t: TextToken): boolean {
    const norm = t.norm;
    if (norm.length < 5 || /\d/.test(norm) || this.vocabulary.df(t.term) > 0 || this.isOffTopicWord(norm) || isGeneralTerm(t.term)) return false;
    // The start of a corpus word ("indep" for independent) is not a slip for a filler word ("index").
    if (this.vocabulary.termsWithPrefix(norm).length) return false;
    for (const f of this.fillers()) {
      if (f[0] === norm[0] && Math.abs(f.length - norm.length) <= 1 && editDistance(norm, f, 1) <= 1) return true;
    }
    return false;
  }

  /** The filler words that frame a question here: a listed word the corpus uses as a topic ("research") is not one, nor is a slip for it ("ressearch"). */
  private fillers(): readonly string[] {
    return (this.framingFillers ??= fillerWords().filter((f) => this.isStopword({ raw: f, norm: f, term: stem(f), stop: false, start: 0, length: f.length })));
  }

  /**
   * A word of the standard English stopword list (stopwords-iso) that the corpus does
   * not use as a topic word: "please", "thanks", "anyway" say nothing; "research",
   * "young" or "act" are in the list too but are what our passages are about.
   */
  isStopword(t: TextToken): boolean {
    if (!isStandardStopword(t.norm)) return false;
    const df = this.vocabulary.df(t.term);
    // One passage that happens to use a listed word ("versus") does not make it a topic word:
    // the corpus overrules the list only for words it uses in more than one passage.
    if (df <= 1) return true;
    // The speech counts cannot overrule a listed word they do not have: SUBTLEX splits
    // contractions ("isn't" is "isn" and "t"), so "isnt" typed without its apostrophe has none.
    return !isGeneralTerm(t.term) || domainScore(t.term, df, this.vocabulary.size) < this.tuning.framingScore;
  }

  plan(question: string, options: PlanOptions = {}): QueryPlan {
    const maxChars = options.maxChars ?? 2000;
    const maxUnits = options.maxUnits ?? 16;
    const text = typeof question === 'string' ? cutAtWord(question, maxChars) : '';
    const tokens = tokenize(text, 400).map((t) => this.inBritishSpelling(this.spelledOut(t)));
    const hits = this.matcher.match(this.corrected(tokens));

    // Which tokens carry meaning; filler and stop words are dropped unless a concept claims them ("IS").
    const claimed = new Set<number>();
    for (const h of hits) for (let i = h.start; i < h.end; i++) claimed.add(i);
    const gist = (i: number) => this.asksForGist(tokens, i);
    const meaningful = tokens.map(
      (t, i) =>
        !t.stop && !(t.norm.length === 1 && !/\d/.test(t.norm)) && (claimed.has(i) || (!this.isFillerTypo(t) && !gist(i))),
    );

    // Group tokens into units: concept phrases first (longest first), then single words.
    const unitOf = new Array<number>(tokens.length).fill(-1);
    const groups: { start: number; end: number; concepts: Set<Concept> }[] = [];
    const sortedHits = [...hits].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    for (const h of sortedHits) {
      const owner = unitOf[h.start]!;
      if (owner >= 0) {
        const g = groups[owner]!;
        // Same words, or a sub-phrase: the concept is another way to match that unit.
        if (h.start >= g.start && h.end <= g.end) g.concepts.add(h.concept);
        continue;
      }
      let free = true;
      for (let i = h.start; i < h.end; i++) if (unitOf[i]! >= 0) free = false;
      if (!free) continue;
      const id = groups.length;
      groups.push({ start: h.start, end: h.end, concepts: new Set([h.concept]) });
      for (let i = h.start; i < h.end; i++) unitOf[i] = id;
    }
    tokens.forEach((_, i) => {
      if (unitOf[i]! < 0 && meaningful[i]) {
        unitOf[i] = groups.length;
        groups.push({ start: i, end: i + 1, concepts: new Set() });
      }
    });
    groups.sort((a, b) => a.start - b.start);

    const seen = new Set<string>();
    let units: QueryUnit[] = [];
    for (const g of groups) {
      const words = tokens.slice(g.start, g.end).filter((_, k) => meaningful[g.start + k]);
      const key = words.map((w) => w.term).join(' ') + '|' + [...g.concepts].map((c) => c.token).join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      units.push(this.unitFor(tokens.slice(g.start, g.end), words, [...g.concepts], tokens[g.start - 1]));
    }
    if (units.length > maxUnits) {
      // Keep the most telling words of long texts, in their original order.
      const keep = new Set([...units].sort((a, b) => b.weight - a.weight).slice(0, maxUnits));
      units = units.filter((u) => keep.has(u));
    }

    const clauses = new Map<string, QueryClause>();
    const conceptTokens = new Set<string>();
    for (const u of units) {
      for (const c of u.concepts) conceptTokens.add(c.token);
      for (const alt of u.alternatives) {
        for (const term of alt.terms) {
          const key = `${term}|${alt.fields.join(',')}`;
          const existing = clauses.get(key);
          // Repeated words should not multiply their weight; keep the strongest boost.
          if (!existing || existing.boost < alt.boost) clauses.set(key, { term, fields: alt.fields, boost: alt.boost });
        }
      }
    }
    // "how often", "who", "when": matched against question-shaped headings only, and not a unit of coverage.
    tokens.forEach((_, i) => {
      const asks = answerTypeAt(tokens, i);
      const word = asks && answerWord(asks);
      if (!word) return;
      const term = stem(word);
      const key = `${term}|headings`;
      if (!clauses.has(key)) clauses.set(key, { term, fields: ['headings'], boost: this.tuning.questionBoost });
    });
    const asks = answerType(tokens);
    return {
      units,
      clauses: [...clauses.values()],
      conceptTokens,
      ...(asks ? { asks } : {}),
    };
  }

  /** A guessed spelling as an alternative: each slip is its own doubt, so two slips weigh less than one. */
  private guess(kind: 'fuzzy' | 'prefix', terms: string[], slips: number): Alternative {
    return { kind, terms, fields: GUESS_FIELDS, boost: this.tuning.guessBoost ** slips, credit: this.tuning.guessCredit ** slips };
  }

  private unitFor(span: TextToken[], words: TextToken[], concepts: Concept[], before?: TextToken): QueryUnit {
    const alternatives: Alternative[] = [];
    const df = (t: string) => this.vocabulary.df(t);
    const wordTerms = [...new Set(words.map((w) => w.term))];
    if (wordTerms.length && wordTerms.every((t) => df(t) > 0)) {
      alternatives.push({ kind: 'exact', terms: wordTerms, fields: TEXT_FIELDS, boost: 1, credit: 1 });
    } else if (wordTerms.length > 1) {
      // Phrase with a word the corpus lacks: the known words still count, individually.
      for (const t of wordTerms) {
        if (df(t) > 0) alternatives.push({ kind: 'exact', terms: [t], fields: TEXT_FIELDS, boost: 1, credit: 1 / wordTerms.length });
      }
      // … and the phrase as it was meant, when each missing word is one slip from a corpus word ("yearley report").
      const meant = words.map((w) => (df(w.term) > 0 ? w.term : this.correct(w.norm).find((c) => c.distance === 1)?.term));
      if (meant.every((t): t is string => t !== undefined)) {
        alternatives.push(this.guess('fuzzy', [...new Set(meant)], 1));
      }
    }
    for (const c of concepts) {
      if (df(c.token) === 0) continue;
      alternatives.push({ kind: c.kind, terms: [c.token], fields: CONCEPT_FIELDS, boost: c.kind === 'term' ? 1 : this.tuning.groupBoost, credit: 1 });
    }
    // Typos and abbreviations, only for a single word the corpus does not know; also when its
    // correction names a concept, so "reccomendations" matches the word in a heading, not only the concept.
    if (words.length === 1 && this.mayBeTypo(words[0]!)) {
      const norm = words[0]!.norm;
      for (const c of this.correct(norm)) {
        alternatives.push(this.guess('fuzzy', [c.term], c.distance));
      }
      for (const t of this.prefixMatches(norm)) {
        if (alternatives.some((a) => a.terms.length === 1 && a.terms[0] === t)) continue;
        alternatives.push(this.guess('prefix', [t], 1));
      }
    }
    // Other forms of a known word that the stemmer keeps apart: "scrutinising" (scrutinis) also
    // matches "scrutiny" (scrutini) and "scrutineer" (scrutin). Only long stems, a few letters apart.
    if (words.length === 1 && df(words[0]!.term) > 0 && !this.isOffTopicWord(words[0]!.norm)) {
      for (const t of this.family(words[0]!.term)) {
        if (alternatives.some((a) => a.terms.length === 1 && a.terms[0] === t)) continue;
        alternatives.push({ kind: 'family', terms: [t], fields: GUESS_FIELDS, boost: this.tuning.groupBoost, credit: 1 });
      }
    }
    const known = alternatives.length > 0;
    const weight = known
      ? Math.max(
          // Another form of a word says nothing new about how telling the word is.
          ...alternatives.filter((a) => a.kind !== 'family').map((a) => {
            const rarest = Math.max(...a.terms.map((t) => this.idfOf(t)));
            return a.kind === 'fuzzy' || a.kind === 'prefix' ? rarest * this.tuning.guessWeightFactor : rarest;
          }),
        )
      : this.unknownWeight;
    // Judged on the words as typed ("train" is everyday, "training" is not) and overridden only by a
    // glossary concept: synonym groups are too loose to vouch for a word.
    // Numbers and years count the same way: "2025" alone says nothing about the topic.
    // Framing words are recognised by how much rarer they are in the corpus than in speech.
    const framing = (w: TextToken) =>
      this.isOffTopicWord(w.norm) ||
      this.isStopword(w) ||
      // A very common word the corpus lacks ("supposed", "bit") colours a question; it is not its
      // topic, unless it names something else (see offTopic). Adverbs: see frames below.
      (df(w.term) === 0 && generalCount(w.term) >= this.tuning.commonWordCount) ||
      /^\d+(?:st|nd|rd|th|s)?$/.test(w.norm) ||
      (df(w.term) > 0 && domainScore(w.term, df(w.term), this.vocabulary.size) < this.tuning.framingScore);
    // A phrase the synonyms name ("go live", "set up") is more than its everyday words.
    const named = concepts.some((c) => c.kind === 'term') || (words.length > 1 && concepts.length > 0);
    // A word that names nothing frames the question: an adverb ("legally", "actually") always, a verb
    // or an adjective ("binned", "spring from", "honest", "normal") when the corpus lacks it. A noun
    // the corpus lacks ("pension") is what the question is about. (Counting adjectives as naming
    // declined more answerable questions on the tuning sets than it saved off-topic ones.)
    const frames = (w: TextToken) => {
      const cls = wordClass(w.raw);
      return cls === 'adverb' || (df(w.term) === 0 && cls !== 'noun' && generalCount(w.term) >= this.tuning.englishWordCount);
    };
    const everyday = !named && words.length > 0 && words.every((w) => framing(w) || frames(w));
    // An off-topic word ("desk", "rain") is what the question is about, known to the corpus or not.
    // … unless it is used as a verb, straight after a subject pronoun, a modal or "to" ("can I leave a question").
    const asVerb = words.length === 1 && before !== undefined && VERB_CONTEXT.has(before.norm);
    const offTopic = concepts.length === 0 && !asVerb && words.some((w) => this.isOffTopicWord(w.norm));
    // Everyday words say little about what is asked; a named glossary concept says a lot.
    // An ordinary English word the corpus never uses, and not a slip for one it does ("pension",
    // "bin", "rating"), names something the guidance does not cover: it weighs like an off-topic word.
    const foreign = !known && !everyday && words.length === 1 && generalCount(words[0]!.term) >= this.tuning.englishWordCount;
    let adjusted = offTopic || foreign ? Math.max(weight, this.tuning.offTopicWeight * this.unknownWeight) : everyday ? Math.min(weight, this.tuning.everydayWeight) : weight;
    if (concepts.some((c) => c.kind === 'term' && df(c.token) > 0)) adjusted *= this.tuning.conceptWeightFactor;
    return {
      text: span.map((t) => t.raw).join(' '),
      alternatives,
      weight: adjusted,
      known,
      everyday,
      offTopic,
      concepts,
    };
  }
}

/** The first `max` characters, without a word cut in half at the end ("scrutiny" → "sc" would be an unknown word). */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  if (/\s/.test(text[max] ?? ' ')) return cut;
  const space = cut.search(/\s\S*$/);
  return space > 0 ? cut.slice(0, space) : cut;
}

/** Lower-case words of a label, for cheap overlap tests in suggestions. */
export function labelWords(label: string): string[] {
  return normaliseText(label).split(/[^a-z0-9]+/).filter(Boolean);
}

