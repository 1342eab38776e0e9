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
 * Retrieval reads lunr's inverted index for the question's selective terms only
 * (a word in most passages would make every passage a candidate); the
 * candidates are then given lunr's own score on every clause of the question,
 * from its field vectors. So the ranking is lunr's, without building a lunr
 * query, its match data or its token sets for every question.
 *
 * Declining: if no passage covers at least half of what the question asks
 * about, we say so instead of dressing up an unrelated passage as an answer.
 * "What it asks about" is its topic units: framing words ("really", "set up",
 * "back in 2019", recognised against everyday English, see generalEnglish.ts)
 * are left out, so a long chatty question is judged on its content words, while
 * unknown words ("pension") and off-topic everyday words ("rain", "desk") weigh
 * heavily, so "will it rain in Leeds tomorrow" is not answered from Leeds. A
 * question matched only through everyday words ("book", "2025") is no evidence
 * that the guidance answers it either.
 *
 * What leads: checklist items are questions, not statements, so they give way
 * to explanatory passages unless the checklist or evidence is asked about;
 * a request for a definition leads with the glossary entry or the passage
 * whose heading defines the term (withDefinition). All ranking is here.
 */
import { DEFAULT_QUERY_TUNING, type QueryBuilder, type QueryPlan, type QueryTuning, type QueryUnit } from './queryBuilder.js';
import { tokenizeCached } from './analyser.js';
import { isPlaceTerm, isPlaceWord } from './places.js';
import { DOCUMENT_FIELDS, type ChunkRecord, type DocumentRecord } from './searchIndex.js';
import { CHECKLIST_DOC_ID } from './chunk.js';
import { headingDefines, type DefinitionForm, type GlossaryEntry, type MatchKind } from './glossary.js';

export interface Ranked {
  chunk: ChunkRecord;
  doc: DocumentRecord;
  /** Final score (after coverage, supersession and diversity). */
  score: number;
  lunrScore: number;
  /** Weighted share of the question's units this passage matches (0..1). */
  coverage: number;
  /** The same over the question's topic units only (framing words left out, see topicUnits): what decides declining. */
  topical: number;
  /** Index terms that matched, per field. */
  matched: Map<string, Set<string>>;
  /** Surface words of the passage text that matched, when known without a lookup (see matchedWords()). */
  matchedWords: string[];
  /** lunr reference of the passage. */
  ref?: string;
}

export interface SearchResult {
  plan: QueryPlan;
  /** Best first, diversified. */
  ranked: Ranked[];
  /** Best first, before diversity: the one ranking that also gives the related checklist items. */
  candidates: Ranked[];
  answered: boolean;
  /** Why we declined (for diagnostics). */
  declineReason?: 'empty' | 'low-coverage' | 'no-match' | 'everyday-words';
}

/** The search's constants; the query builder's own (QueryTuning) come with them. */
export interface SearchTuning extends QueryTuning {
  /** Minimum coverage of the question by the best passage for an answer. */
  minCoverage: number;
  /** Score multiplier for superseded sources (unless the question names them). */
  supersededFactor: number;
  /**
   * Multipliers for a document's second, third, … passage: a second passage
   * from a good document is often right, a third rarely beats another source.
   */
  sameDocumentFactors: number[];
  /** How much coverage matters against lunr's score: score × (1 − w + w × coverage). */
  coverageWeight: number;
  /** How many re-ranked passages to keep. */
  candidates: number;
  /** Terms in more than this share of passages are left out of retrieval (they still count for coverage). */
  commonShare: number;
  /**
   * Multiplier for glossary entries: they are short, so they match strongly, but
   * they only define a term; definition questions put them first separately.
   */
  glossaryFactor: number;
  /** Share of its weight a unit earns when only the document (title, tags), not the passage, matches. */
  documentLevelCredit: number;
  /** … an everyday unit earns when matched ("home", "cost"): weak evidence that the passage is the answer (0.8–0.9 score alike on the tuning sets). */
  everydayCredit: number;
  /** … an off-topic unit earns when matched ("news", "desk"): guidance mentions them only in passing. */
  offTopicCredit: number;
  /**
   * Multiplier for a passage that is not itself guidance, when the question is not about what
   * it is: a checklist item (a question for self-assessment) when the question is not about the
   * checklist, an assessment or evidence; the assistant's description of itself when the
   * question is not addressed to it; and one area's practice example when the question names
   * no area and asks for no examples. A guidance or research passage that matches as well
   * answers better: "who should scrutinise us?" is not answered by the item that asks it back,
   * "who at vkpp leads the work on reviews" by where the assistant's answers come from, nor
   * "can our chair also do the scrutiny" by how Rotherham combines the two.
   */
  besideGuidanceFactor: number;
}

export const DEFAULT_TUNING: SearchTuning = {
  ...DEFAULT_QUERY_TUNING,
  minCoverage: 0.5,
  supersededFactor: 0.85,
  sameDocumentFactors: [0.85, 0.6, 0.5],
  coverageWeight: 0.95,
  candidates: 60,
  commonShare: 0.3,
  glossaryFactor: 0.7,
  besideGuidanceFactor: 0.6,
  documentLevelCredit: 0.6,
  everydayCredit: 0.8,
  offTopicCredit: 0.25,
};

export interface SearchContext {
  postings: Postings;
  builder: QueryBuilder;
  /** Passages by lunr reference (see refOf). */
  chunksByRef: Map<string, ChunkRecord>;
  documents: Map<string, DocumentRecord>;
  /** Concept tokens in each document's title: naming a superseded source lifts its penalty. */
  titleConcepts: Map<string, Set<string>>;
  /** Concept tokens of the name readers give practice examples ("examples", "case studies"; synonyms.yaml). */
  exampleConcepts: ReadonlySet<string>;
  tuning: SearchTuning;
  /** Passages by id (a glossary entry's passage, for definitions). */
  chunkById: Map<string, ChunkRecord>;
}

/** A glossary entry the question asks to define, and how it asked (see Glossary#defineWithKind). */
export type DefinitionAsked = { entry: GlossaryEntry; kind: MatchKind; form: DefinitionForm };

/**
 * How strongly a passage holds a term: 1 if the passage itself says it
 * (headings, text), less if only its document does (title, front-matter tags),
 * 0 if not at all. A passage whose document is about the topic is not
 * necessarily the passage that answers.
 */
export type TermStrength = (term: string) => number;

/** How much of its weight a unit earns when matched, by how it is matched (see SearchTuning). */
export type Credits = Pick<SearchTuning, 'documentLevelCredit' | 'everydayCredit' | 'offTopicCredit'>;

export function strengthFromFields(matched: Map<string, Set<string>>, credits: Credits): TermStrength {
  return (term) => {
    const fields = matched.get(term);
    if (!fields || fields.size === 0) return 0;
    for (const f of fields) if (!DOCUMENT_FIELDS.has(f)) return 1;
    return credits.documentLevelCredit;
  };
}

/** The credit (0..1) a passage earns for a unit: the best of the alternatives it matches. */
export function unitCredit(unit: QueryUnit, strength: TermStrength, credits: Credits): number {
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
  // An everyday word ("home", "cost") in a passage is weak evidence that the passage is the answer,
  // and an off-topic one ("news", "desk") weaker still: guidance mentions them only in passing.
  return unit.offTopic ? best * credits.offTopicCredit : unit.everyday ? best * credits.everydayCredit : best;
}

/** True when a passage holding the terms `has` says matches some alternative of the unit at all. */
export function unitMatched(unit: QueryUnit, has: (term: string) => boolean): boolean {
  return unit.alternatives.some((a) => a.credit > 0 && a.terms.every(has));
}

export function coverageOf(units: readonly QueryUnit[], strength: TermStrength, credits: Credits): number {
  const total = units.reduce((s, u) => s + u.weight, 0);
  if (total === 0) return 0;
  const got = units.reduce((s, u) => s + u.weight * unitCredit(u, strength, credits), 0);
  return got / total;
}

/** True for a framing unit: everyday words that are not off-topic ("set up", "back in", "really"). */
export function isFraming(u: QueryUnit): boolean {
  return u.everyday && !u.offTopic;
}

/**
 * The units that say what a question is about: everything but framing words
 * ("set up", "really", "back in"). Off-topic words ("desk", "rain") are topic
 * too: they are what the question is about.
 */
export function topicUnits(plan: QueryPlan): QueryUnit[] {
  return plan.units.filter((u) => !isFraming(u));
}

/** Read access to lunr's inverted index: which fields of which passage hold a term, and where. */
export interface Postings {
  /** field → ref → (empty) metadata, or undefined if the term is unknown. */
  posting(term: string): Record<string, Record<string, unknown>> | undefined;
  df(term: string): number;
  readonly size: number;
  /** lunr's weight (BM25, from its field vectors) of `term` in `field` of every passage that has it there. */
  termWeights(term: string, field: string): ReadonlyMap<string, number>;
}

/**
 * lunr's own score for every passage under all of the plan's clauses: per field,
 * the dot product of the query vector (summed clause boosts) with the passage's
 * field vector (BM25 weights), divided by the query vector's length, summed over
 * fields — exactly what Index#query computes, term by term over the postings,
 * with no query object, match data or token set built.
 */
function fullScores(plan: QueryPlan, postings: Postings): Map<string, number> {
  const byField = new Map<string, Map<string, number>>();
  for (const c of plan.clauses) {
    if (!postings.posting(c.term)) continue;
    for (const f of c.fields) {
      const q = byField.get(f) ?? new Map<string, number>();
      q.set(c.term, (q.get(c.term) ?? 0) + c.boost);
      byField.set(f, q);
    }
  }
  const scores = new Map<string, number>();
  for (const [field, q] of byField) {
    const norm = Math.sqrt([...q.values()].reduce((s, b) => s + b * b, 0)) || 1;
    const dots = new Map<string, number>();
    for (const [term, boost] of q) {
      for (const [ref, weight] of postings.termWeights(term, field)) dots.set(ref, (dots.get(ref) ?? 0) + weight * boost);
    }
    for (const [ref, dot] of dots) scores.set(ref, (scores.get(ref) ?? 0) + dot / norm);
  }
  return scores;
}

/** Every index term the plan can match, with the fields it is queried in. */
function planTerms(plan: QueryPlan): Map<string, Set<string>> {
  const terms = new Map<string, Set<string>>();
  for (const c of plan.clauses) {
    const fields = terms.get(c.term) ?? new Set<string>();
    c.fields.forEach((f) => fields.add(f));
    terms.set(c.term, fields);
  }
  return terms;
}

/** term → fields of passage `ref` that hold it (only the fields the plan asks about). */
function matchesFor(ref: string, terms: Map<string, Set<string>>, postings: Postings): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [term, fields] of terms) {
    const posting = postings.posting(term);
    if (!posting) continue;
    let found: Set<string> | undefined;
    for (const f of fields) {
      if (posting[f]?.[ref]) (found ??= new Set()).add(f);
    }
    if (found) out.set(term, found);
  }
  return out;
}

/** Words of the passage text that matched, as written there; computed only for what is shown. */
export function matchedWords(r: Ranked): string[] {
  const inText = new Set<string>();
  for (const [term, fields] of r.matched) if (fields.has('text')) inText.add(term);
  const words = new Set<string>();
  for (const t of tokenizeCached(r.chunk.text)) if (!t.stop && inText.has(t.term)) words.add(t.raw);
  return [...words];
}

/**
 * Clauses that are worth asking lunr about. A term in a large share of the
 * passages ("safeguarding", "partnership") decides little about ranking but
 * dominates lunr's cost, which grows with every posting it touches; such terms
 * are left out of retrieval when the question has rarer ones, and still count
 * for coverage, read straight from the inverted index.
 */
function retrievalClauses(plan: QueryPlan, postings: Postings, commonShare: number): QueryPlan['clauses'] {
  const limit = Math.max(8, postings.size * commonShare);
  const selectivity = (u: QueryUnit) =>
    Math.min(...u.alternatives.map((a) => Math.max(...a.terms.map((t) => postings.df(t)))), Infinity);
  const units = [...plan.units].sort((a, b) => selectivity(a) - selectivity(b));
  const allowed = new Set<string>();
  const dfOf = (a: QueryUnit['alternatives'][number]) => Math.max(...a.terms.map((t) => postings.df(t)));
  units.forEach((u, i) => {
    const selective = u.alternatives.filter((a) => dfOf(a) <= limit);
    // The two rarest units always take part (through their rarest alternative at least),
    // so a question made only of common words still finds passages.
    const chosen = selective.length || i >= 2 ? selective : [...u.alternatives].sort((a, b) => dfOf(a) - dfOf(b)).slice(0, 1);
    for (const a of chosen) a.terms.forEach((t) => allowed.add(t));
  });
  return plan.clauses.filter((c) => allowed.has(c.term) || (c.fields.length === 1 && c.fields[0] === 'headings'));
}

/**
 * True when the checklist's items answer the question: it names the checklist (its glossary
 * entry, CIS) and a subject, or it asks for evidence in any of the words knowledge/synonyms.yaml
 * gives for it ("prove", "demonstrate"), which the items' evidence lists answer.
 */
export function checklistAsked(plan: QueryPlan): boolean {
  let evidence = false;
  let checklist = false;
  let subject = false;
  for (const u of plan.units) {
    const names = u.concepts.some((c) => c.label === 'CIS');
    evidence ||= u.concepts.some((c) => c.names.includes('evidence'));
    checklist ||= names;
    if (!names && !isFraming(u)) subject = true;
  }
  // The checklist and a subject ("the checklist on information sharing"): the items on it answer.
  // The checklist alone ("what is the CIS", "can I get the checklist out as a file"): the tool is
  // the subject, and the passages about it answer, not its items.
  // Evidence ("what would show we…", "how do we prove…"): the items' evidence lists answer.
  return (checklist && subject) || evidence;
}

/** Run the plan and rank the candidates (no diversity, no decline). */
export function rankCandidates(ctx: SearchContext, plan: QueryPlan, toAssistant = false): Ranked[] {
  if (plan.clauses.length === 0) return [];
  const clauses = retrievalClauses(plan, ctx.postings, ctx.tuning.commonShare);
  const { tuning } = ctx;
  const terms = planTerms(plan);
  // Candidates: the passages holding a selective clause's term, read straight from lunr's inverted
  // index; each is given lunr's own score on every clause of the question (fullScores), so no
  // query object, match data or token set is built for them.
  const refs = new Set<string>();
  for (const c of clauses) {
    const posting = ctx.postings.posting(c.term);
    if (!posting) continue;
    for (const f of c.fields) {
      const docs = posting[f];
      if (docs) for (const ref of Object.keys(docs)) refs.add(ref);
    }
  }
  const scores = fullScores(plan, ctx.postings);
  const scored: { ref: string; chunk: ChunkRecord; doc: DocumentRecord; lunrScore: number }[] = [];
  for (const ref of refs) {
    const chunk = ctx.chunksByRef.get(ref);
    if (!chunk) continue;
    const doc = ctx.documents.get(chunk.docId);
    const lunrScore = scores.get(ref) ?? 0;
    if (doc && lunrScore > 0) scored.push({ ref, chunk, doc, lunrScore });
  }
  scored.sort((a, b) => b.lunrScore - a.lunrScore);
  const ranked: Ranked[] = [];
  const asked = checklistAsked(plan);
  const topic = topicUnits(plan);
  // A place names the area whose example it is (misspelt too: "birmingam"); the name of practice examples asks for them.
  const namesPlace = plan.units.some(
    (u) => tokenizeCached(u.text).some((t) => isPlaceWord(t.norm)) || u.alternatives.some((a) => a.kind === 'fuzzy' && a.terms.some(isPlaceTerm)),
  );
  const asksForExamples = namesPlace || [...plan.conceptTokens].some((t) => ctx.exampleConcepts.has(t));
  /** A passage that is not itself guidance, on a question that is not about what it is (besideGuidanceFactor). */
  const besideGuidance = (doc: DocumentRecord) =>
    (doc.id === CHECKLIST_DOC_ID && !asked) || (doc.kind === 'about' && !toAssistant) || (doc.kind === 'practice-example' && !asksForExamples);
  for (const { ref, chunk, doc, lunrScore } of scored.slice(0, tuning.candidates)) {
    const matched = matchesFor(ref, terms, ctx.postings);
    const strength = strengthFromFields(matched, tuning);
    const coverage = coverageOf(plan.units, strength, tuning);
    // Matched only through a question word in its heading ("who …"): it shares nothing with the question.
    if (coverage === 0) continue;
    const topical = coverageOf(topic, strength, tuning);
    let final = lunrScore * (1 - tuning.coverageWeight + tuning.coverageWeight * coverage);
    if (doc.kind === 'glossary') final *= tuning.glossaryFactor;
    if (besideGuidance(doc)) final *= tuning.besideGuidanceFactor;
    if (doc.superseded) {
      const named = ctx.titleConcepts.get(doc.id);
      const asked = named && [...named].some((t) => plan.conceptTokens.has(t));
      if (!asked) final *= tuning.supersededFactor;
    }
    ranked.push({ chunk, doc, score: final, lunrScore, coverage, topical, matched, matchedWords: [], ref });
  }
  ranked.sort((a, b) => b.score - a.score);
  return ranked;
}

/** Greedy re-order so a document's second and third passages give way to other documents. */
export function diversify(ranked: Ranked[], factors: number[]): Ranked[] {
  const factor = (earlier: number) => (earlier === 0 ? 1 : (factors[Math.min(earlier, factors.length) - 1] ?? 1));
  const remaining = [...ranked];
  const out: Ranked[] = [];
  const picks = new Map<string, number>();
  while (remaining.length) {
    let bestIndex = 0;
    let bestScore = -Infinity;
    remaining.forEach((r, i) => {
      const s = r.score * factor(picks.get(r.doc.id) ?? 0);
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

/**
 * A passage shown beside the answer must answer a fair share of the question: at least a third of it,
 * or half of what the best passage answers when even that is little. Passages that answer less are noise.
 */
const SHOWN_COVERAGE = 1 / 3;

function withoutNoise(ranked: Ranked[]): Ranked[] {
  const best = Math.max(...ranked.slice(0, 5).map((r) => r.coverage));
  return ranked.filter((r, i) => i === 0 || r.coverage >= Math.min(SHOWN_COVERAGE, best / 2));
}

/** How far above the passage it displaces a promoted one is put: just enough to lead, not to distort. */
const LEAD_MARGIN = 1.01;

/**
 * "dsp?", "define WT23", "what does ICB mean": the glossary entry leads. "What is a DSP?": the
 * guidance passage that explains it leads (it cites a real source), the glossary entry follows.
 * A guidance passage leads only if its heading says what the term itself is ("Who the delegated
 * safeguarding partners (DSPs) are"); one that merely mentions it, or a narrower case of it
 * ("Who the health lead safeguarding partner is"), gives way to the glossary entry.
 * Undefined when the question is not a request for this definition.
 */
function withDefinition(ctx: SearchContext, ranked: Ranked[], definition: DefinitionAsked): Ranked[] | undefined {
  const asked = definition.kind !== 'standsFor' || definition.form !== 'bare';
  const chunk = asked ? ctx.chunkById.get(definition.entry.chunkId) : undefined;
  const doc = chunk && ctx.documents.get(chunk.docId);
  if (!chunk || !doc) return undefined;
  const acronymAsked = definition.kind !== 'standsFor' && definition.form !== 'what-is';
  const existing = ranked.find((r) => r.chunk.id === chunk.id);
  const others = ranked.filter((r) => r.chunk.id !== chunk.id);
  const explainer = acronymAsked ? -1 : others.slice(0, 5).findIndex((r) => headingDefines(r.chunk.headingPath[r.chunk.headingPath.length - 1] ?? '', definition.entry));
  if (explainer > 0) others.unshift(...others.splice(explainer, 1));
  const position = explainer < 0 ? 0 : 1;
  const above = others[position - 1]?.score ?? others[0]?.score ?? 1;
  const lead: Ranked = {
    ...(existing ?? { chunk, doc, lunrScore: 0, matched: new Map(), matchedWords: [] }),
    coverage: 1,
    topical: 1,
    score: position === 0 ? Math.max(existing?.score ?? 0, above * LEAD_MARGIN) : Math.min(above, Math.max(existing?.score ?? 0, (others[1]?.score ?? 0) * LEAD_MARGIN)),
  };
  return [...others.slice(0, position), lead, ...others.slice(position)];
}

/**
 * The one search of a question: plan, retrieve, rank (coverage, definitions, diversity) and
 * decide whether the corpus answers it. `definition`: the glossary entry it asks to define, if any;
 * `toAssistant`: the question is addressed to the assistant (aboutAssistant.ts).
 */
export function search(ctx: SearchContext, question: string, definition?: DefinitionAsked, toAssistant = false): SearchResult {
  const plan = ctx.builder.plan(question);
  const candidates = plan.units.length ? rankCandidates(ctx, plan, toAssistant) : [];
  const diversified = diversify(candidates, ctx.tuning.sameDocumentFactors);
  const defined = definition && withDefinition(ctx, diversified, definition);
  if (defined) return { plan, ranked: withoutNoise(defined), candidates, answered: true };
  if (plan.units.length === 0) return { plan, ranked: [], candidates: [], answered: false, declineReason: 'empty' };
  const ranked = diversified;
  const declined = (declineReason: SearchResult['declineReason']): SearchResult => ({ plan, ranked, candidates, answered: false, declineReason });
  if (ranked.length === 0) return declined('no-match');
  // Nothing but framing and everyday words ("what time is it now"): nothing to look for.
  const topic = topicUnits(plan);
  if (topic.length === 0) return declined('everyday-words');
  const top = ranked.slice(0, 5);
  const bestCoverage = Math.max(...top.map((r) => r.topical));
  if (bestCoverage < ctx.tuning.minCoverage) return declined('low-coverage');
  // A place says where, not what: "school term dates in Essex" is not answered by Essex's
  // practice example. What the question asks apart from its places must be covered too.
  const unplaced = topic.filter((u) => !tokenizeCached(u.text).every((t) => t.stop || isPlaceWord(t.norm)));
  if (unplaced.length && unplaced.length < topic.length) {
    const covered = Math.max(...top.map((r) => coverageOf(unplaced, strengthFromFields(r.matched, ctx.tuning), ctx.tuning)));
    if (covered < ctx.tuning.minCoverage) return declined('low-coverage');
  }
  // At least one matched unit must be more than everyday English ("book", "leave", "time").
  const evidence = top.some((r) => plan.units.some((u) => !u.everyday && unitMatched(u, (t) => r.matched.has(t))));
  if (!evidence) return declined('everyday-words');
  return { plan, ranked: withoutNoise(ranked), candidates, answered: true };
}
