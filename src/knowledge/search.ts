/**
 * Search: runs a query plan against the index, re-ranks, diversifies and
 * decides whether the corpus answers the question at all.
 *
 * lunr's score says how strongly a passage matches the words it matched; it
 * does not say how much of the question it answers. So each passage also gets
 * a *coverage*: the weighted share of the question's units it matches (rare
 * words weigh more). The final score blends the two, prefers current sources
 * over superseded ones, and spreads the top results across documents (a second
 * or third passage from the same document is discounted) so the reader sees
 * several sources rather than one document three times.
 *
 * Declining: if no passage covers at least half of what the question asks
 * about, we say so instead of dressing up an unrelated passage as an answer.
 * Off-topic words ("weather", "password") are not in the corpus vocabulary at
 * all, which is what makes this reliable.
 */
import type lunr from 'lunr';
import type { QueryBuilder, QueryPlan, QueryUnit } from './queryBuilder.js';
import type { ChunkRecord, DocumentRecord } from './searchIndex.js';

export interface Ranked {
  chunk: ChunkRecord;
  doc: DocumentRecord;
  /** Final score (after coverage, supersession and diversity). */
  score: number;
  lunrScore: number;
  /** Weighted share of the question's units this passage matches (0..1). */
  coverage: number;
  /** Index terms that matched, per field. */
  matched: Map<string, Set<string>>;
  /** Surface words of the passage text that matched (from lunr positions). */
  matchedWords: string[];
}

export interface SearchResult {
  plan: QueryPlan;
  /** Best first, diversified. */
  ranked: Ranked[];
  answered: boolean;
  /** Why we declined (for diagnostics). */
  declineReason?: 'empty' | 'unknown-words' | 'low-coverage' | 'no-match' | 'everyday-words';
}

export interface SearchTuning {
  /** Minimum coverage of the question by the best passage for an answer. */
  minCoverage: number;
  /** Minimum share of the question's weight the corpus knows at all. */
  minKnownShare: number;
  /** Score multiplier for superseded sources (unless the question names them). */
  supersededFactor: number;
  /** Multiplier for each earlier pick from the same document. */
  sameDocumentFactor: number;
  /** How much coverage matters against lunr's score: score × (1 − w + w × coverage). */
  coverageWeight: number;
  /** How many lunr results to re-rank. */
  candidates: number;
  /**
   * Multiplier for glossary entries: they are short, so they match strongly, but
   * they only define a term; definition questions put them first separately.
   */
  glossaryFactor: number;
}

export const DEFAULT_TUNING: SearchTuning = {
  minCoverage: 0.5,
  minKnownShare: 0.5,
  supersededFactor: 0.85,
  sameDocumentFactor: 0.7,
  coverageWeight: 0.75,
  candidates: 60,
  glossaryFactor: 0.7,
};

export interface SearchContext {
  index: lunr.Index;
  builder: QueryBuilder;
  chunks: Map<string, ChunkRecord>;
  documents: Map<string, DocumentRecord>;
  /** Concept tokens in each document's title: naming a superseded source lifts its penalty. */
  titleConcepts: Map<string, Set<string>>;
  tuning: SearchTuning;
}

/**
 * How strongly a passage holds a term: 1 if the passage itself says it
 * (headings, text), less if only its document does (title, front-matter tags),
 * 0 if not at all. A passage whose document is about the topic is not
 * necessarily the passage that answers.
 */
export type TermStrength = (term: string) => number;

/** Share of its weight a unit earns when only the document (not the passage) matches. */
export const DOCUMENT_LEVEL_CREDIT = 0.6;
/** Share of its weight an everyday unit earns when matched. */
const EVERYDAY_CREDIT = 0.5;

const DOCUMENT_FIELDS = new Set(['title', 'tags', 'docConcepts']);

export function strengthFromFields(matched: Map<string, Set<string>>): TermStrength {
  return (term) => {
    const fields = matched.get(term);
    if (!fields || fields.size === 0) return 0;
    for (const f of fields) if (!DOCUMENT_FIELDS.has(f)) return 1;
    return DOCUMENT_LEVEL_CREDIT;
  };
}

/** The credit (0..1) a passage earns for a unit: the best of the alternatives it matches. */
export function unitCredit(unit: QueryUnit, strength: TermStrength): number {
  let best = 0;
  for (const a of unit.alternatives) {
    if (a.credit <= best) continue;
    let s = 1;
    for (const t of a.terms) {
      s = Math.min(s, strength(t));
      if (s === 0) break;
    }
    best = Math.max(best, a.credit * s);
  }
  // An everyday word ("home", "cost") in a passage is weak evidence that the passage is the answer.
  return unit.everyday ? best * EVERYDAY_CREDIT : best;
}

export function unitMatched(unit: QueryUnit, has: (term: string) => boolean): boolean {
  return unitCredit(unit, (t) => (has(t) ? 1 : 0)) > 0;
}

export function coverageOf(plan: QueryPlan, strength: TermStrength): number {
  const total = plan.units.reduce((s, u) => s + u.weight, 0);
  if (total === 0) return 0;
  const got = plan.units.reduce((s, u) => s + u.weight * unitCredit(u, strength), 0);
  return got / total;
}

function matchedTerms(result: lunr.Index.Result): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const metadata = (result.matchData as unknown as { metadata: Record<string, Record<string, unknown>> }).metadata;
  for (const term of Object.keys(metadata)) {
    out.set(term, new Set(Object.keys(metadata[term] ?? {})));
  }
  return out;
}

function matchedWords(result: lunr.Index.Result, text: string): string[] {
  const metadata = (result.matchData as unknown as { metadata: Record<string, Record<string, { position?: [number, number][] }>> }).metadata;
  const words = new Set<string>();
  for (const term of Object.keys(metadata)) {
    for (const [start, length] of metadata[term]?.text?.position ?? []) {
      const w = text.slice(start, start + length);
      if (w) words.add(w);
    }
  }
  return [...words];
}

/** Run the plan and rank every candidate (no diversity, no decline). */
export function rankCandidates(ctx: SearchContext, plan: QueryPlan, filter?: (c: ChunkRecord) => boolean): Ranked[] {
  if (plan.clauses.length === 0) return [];
  const results = ctx.index.query((q) => {
    for (const c of plan.clauses) {
      q.term(c.term, { fields: c.fields, boost: c.boost, usePipeline: false });
    }
  });
  const { tuning } = ctx;
  const ranked: Ranked[] = [];
  for (const r of results) {
    const chunk = ctx.chunks.get(r.ref);
    if (!chunk || (filter && !filter(chunk))) continue;
    const doc = ctx.documents.get(chunk.docId);
    if (!doc) continue;
    const matched = matchedTerms(r);
    const coverage = coverageOf(plan, strengthFromFields(matched));
    let score = r.score * (1 - tuning.coverageWeight + tuning.coverageWeight * coverage);
    if (doc.kind === 'glossary') score *= tuning.glossaryFactor;
    if (doc.superseded) {
      const named = ctx.titleConcepts.get(doc.id);
      const asked = named && [...named].some((t) => plan.conceptTokens.has(t));
      if (!asked) score *= tuning.supersededFactor;
    }
    ranked.push({ chunk, doc, score, lunrScore: r.score, coverage, matched, matchedWords: [] });
    if (ranked.length >= tuning.candidates && !filter) break;
  }
  // Positions are only needed for what we show; fill them in lazily for the top.
  ranked.sort((a, b) => b.score - a.score);
  const byRef = new Map(results.map((r) => [r.ref, r]));
  for (const r of ranked.slice(0, 20)) {
    const res = byRef.get(r.chunk.id);
    if (res) r.matchedWords = matchedWords(res, r.chunk.text);
  }
  return ranked;
}

/** Greedy re-order so a document's second and third passages give way to other documents. */
export function diversify(ranked: Ranked[], factor: number): Ranked[] {
  const remaining = [...ranked];
  const out: Ranked[] = [];
  const picks = new Map<string, number>();
  while (remaining.length) {
    let bestIndex = 0;
    let bestScore = -Infinity;
    remaining.forEach((r, i) => {
      const s = r.score * factor ** (picks.get(r.doc.id) ?? 0);
      if (s > bestScore) {
        bestScore = s;
        bestIndex = i;
      }
    });
    const [pick] = remaining.splice(bestIndex, 1);
    out.push({ ...pick!, score: bestScore });
    picks.set(pick!.doc.id, (picks.get(pick!.doc.id) ?? 0) + 1);
    if (out.length >= 30) break;
  }
  return out;
}

export function search(ctx: SearchContext, question: string): SearchResult {
  const plan = ctx.builder.plan(question);
  if (plan.units.length === 0) return { plan, ranked: [], answered: false, declineReason: 'empty' };
  const candidates = rankCandidates(ctx, plan);
  const ranked = diversify(candidates, ctx.tuning.sameDocumentFactor);
  if (plan.knownShare < ctx.tuning.minKnownShare) return { plan, ranked, answered: false, declineReason: 'unknown-words' };
  if (ranked.length === 0) return { plan, ranked, answered: false, declineReason: 'no-match' };
  const top = ranked.slice(0, 5);
  const bestCoverage = Math.max(...top.map((r) => r.coverage));
  if (bestCoverage < ctx.tuning.minCoverage) return { plan, ranked, answered: false, declineReason: 'low-coverage' };
  // At least one matched unit must be more than everyday English ("book", "leave", "time").
  const evidence = top.some((r) => plan.units.some((u) => !u.everyday && unitMatched(u, (t) => r.matched.has(t))));
  if (!evidence) return { plan, ranked, answered: false, declineReason: 'everyday-words' };
  return { plan, ranked, answered: true };
}
