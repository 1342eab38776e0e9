/**
 * Answer extraction: the one to three sentences of a passage that best answer
 * the question, quoted as written and kept in reading order.
 *
 * Extractive on purpose: the bot never writes its own claims, so a leader can
 * trust that every sentence shown is in the cited source. Sentences are scored
 * by how much of the question (by unit weight) they match, counting synonyms
 * and concepts; extra sentences are added only when they cover something the
 * first did not, or when the first introduces a list ("…the themes were:").
 */
import { LruCache } from '../lruCache.js';
import { tokenize } from './analyser.js';
import type { QueryPlan } from './queryBuilder.js';
import { unitMatched } from './search.js';
import type { ConceptMatcher } from './synonyms.js';

export interface Sentence {
  text: string;
  /** Position in the passage (reading order). */
  index: number;
}

const ABBREVIATIONS = /\b(?:e\.g|i\.e|etc|vs|cf|no|nos|dr|prof|mr|mrs|ms|st|para|paras|approx|fig|vol|incl|ed|eds|al|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.$/i;

/** Split a passage into sentences: each line (paragraph, list item, table row) and each sentence within a line. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    if (!line) continue;
    let start = 0;
    const re = /[.!?](?:["”’')\]]*)\s+(?=["“‘(]?[A-Z0-9£•])/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(line))) {
      const candidate = line.slice(start, m.index + 1);
      // "e.g. Essex" or "No. 5" is not the end of a sentence; nor is an initial ("J. Pearce").
      if (ABBREVIATIONS.test(candidate) || /\b[A-Z]\.$/.test(candidate)) continue;
      const end = m.index + m[0].trimEnd().length;
      const s = line.slice(start, end).trim();
      if (s) out.push({ text: s, index: out.length });
      start = end;
    }
    const rest = line.slice(start).trim();
    if (rest) out.push({ text: rest, index: out.length });
  }
  return out;
}

/**
 * Index terms and concept tokens of each sentence. Popular passages are
 * answered again and again, so the analysis is kept for the most recent ones.
 */
const sentenceCaches = new WeakMap<ConceptMatcher, LruCache<string, Set<string>[]>>();

function analyseSentences(text: string, sentences: Sentence[], matcher: ConceptMatcher): Set<string>[] {
  // Concept tokens depend on the glossary, so each knowledge base (matcher) has its own cache.
  let sentenceCache = sentenceCaches.get(matcher);
  if (!sentenceCache) sentenceCaches.set(matcher, (sentenceCache = new LruCache()));
  const cached = sentenceCache.get(text);
  if (cached && cached.length === sentences.length) return cached;
  const analysed = sentences.map((s) => {
    const tokens = tokenize(s.text);
    const terms = new Set<string>(tokens.filter((t) => !t.stop).map((t) => t.term));
    for (const h of matcher.match(tokens)) terms.add(h.concept.token);
    return terms;
  });
  sentenceCache.set(text, analysed);
  return analysed;
}

/** Questions answered by a number or a date. */
const FIGURE_ASKS = new Set(['how many', 'how much', 'how often', 'how long', 'when']);
/** A figure or a date: digits, a number word, a month. */
const FIGURE =
  /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|half|third|quarter|most|majority|minority|annually|yearly|every year|january|february|march|april|may|june|july|august|september|october|november|december)\b/i;
/** Worth about a tenth of the question: enough to choose between sentences that match it alike. */
const FIGURE_BONUS = 0.1;

export interface Extract {
  sentences: string[];
  /** Share of the question's weight the chosen sentences match. */
  coverage: number;
}

export interface ExtractOptions {
  maxSentences?: number;
  /** Stop adding sentences beyond this many characters. */
  maxChars?: number;
}

/** Pick the sentences of `text` that answer the plan best. Never returns text that is not in the passage. */
export function extractAnswer(text: string, plan: QueryPlan, matcher: ConceptMatcher, options: ExtractOptions = {}): Extract {
  const maxSentences = options.maxSentences ?? 3;
  const maxChars = options.maxChars ?? 700;
  const sentences = splitSentences(text);
  if (sentences.length === 0) return { sentences: [], coverage: 0 };
  const total = plan.units.reduce((s, u) => s + u.weight, 0) || 1;

  const analysed = analyseSentences(text, sentences, matcher);
  const matches = sentences.map((s, i) => {
    const terms = analysed[i]!;
    const units = new Set(plan.units.filter((u) => unitMatched(u, (t) => terms.has(t))));
    return { sentence: s, units };
  });
  const weightOf = (units: Iterable<(typeof plan.units)[number]>) => [...units].reduce((s, u) => s + u.weight, 0);

  // "How many", "when", "how long": a sentence with a figure or a date answers; one without only talks about it.
  const wantsFigure = plan.asks !== undefined && FIGURE_ASKS.has(plan.asks);
  // Best single sentence: most weight matched; shorter and earlier win ties.
  const scored = matches.map((m) => ({
    ...m,
    score:
      weightOf(m.units) / total -
      m.sentence.index * 0.002 -
      Math.max(0, m.sentence.text.length - 300) / 20000 +
      (wantsFigure && m.units.size > 0 && FIGURE.test(m.sentence.text) ? FIGURE_BONUS : 0),
  }));
  const best = [...scored].sort((a, b) => b.score - a.score)[0]!;
  if (best.units.size === 0) {
    // The passage matched on its heading or title only: its opening is the honest answer.
    const opening = sentences.slice(0, 2).filter((s, i) => i === 0 || s.text.length + sentences[0]!.text.length <= maxChars);
    return { sentences: opening.map((s) => s.text), coverage: 0 };
  }

  const chosen = [best];
  const covered = new Set(best.units);
  let length = best.sentence.text.length;
  // A sentence ending in ":" introduces what follows: include the next line or two.
  if (/:\s*$/.test(best.sentence.text)) {
    for (const next of scored.slice(best.sentence.index + 1, best.sentence.index + 3)) {
      if (chosen.length >= maxSentences || length + next.sentence.text.length > maxChars) break;
      chosen.push(next);
      length += next.sentence.text.length;
      next.units.forEach((u) => covered.add(u));
    }
  }
  while (chosen.length < maxSentences) {
    let pick: (typeof scored)[number] | undefined;
    let gain = 0;
    for (const m of scored) {
      if (chosen.includes(m) || length + m.sentence.text.length > maxChars) continue;
      const g = weightOf([...m.units].filter((u) => !covered.has(u)));
      // Prefer sentences close to the best one: they read as one answer.
      const adjusted = g - Math.abs(m.sentence.index - best.sentence.index) * 0.01;
      if (g > 0 && adjusted > gain) {
        gain = adjusted;
        pick = m;
      }
    }
    if (!pick || gain < 0.15 * total) break;
    chosen.push(pick);
    length += pick.sentence.text.length;
    pick.units.forEach((u) => covered.add(u));
  }
  chosen.sort((a, b) => a.sentence.index - b.sentence.index);
  return { sentences: chosen.map((c) => c.sentence.text), coverage: weightOf(covered) / total };
}
