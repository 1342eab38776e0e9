/**
 * Knowledge base: the KnowledgeBase interface (types.ts) over our search engine.
 *
 * `loadKnowledgeBase` is what the bot and the command line call at start-up:
 * it reads and validates the knowledge files, loads the serialised index if it
 * was built from exactly these files (content hash), and otherwise rebuilds in
 * memory and tries to rewrite the index file. So editing or dropping in a file
 * never needs a manual build step, and a stale index is never served.
 */
import { mkdir, readFile, writeFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type lunr from 'lunr';
import { TOPICS, TOPIC_LABELS, type GlossaryTerm, type Topic } from './frontMatter.js';
import type {
  Answer,
  ChecklistItemRef,
  DocumentSummary,
  KnowledgeBase,
  Passage,
  SearchOptions,
  Supersession,
  TopicSummary,
} from './types.js';
import { extractAnswer } from './answer.js';
import { LruCache } from '../lruCache.js';
import { Glossary, type GlossaryEntry } from './glossary.js';
import { isPlaceWord } from './places.js';
import { aboutAssistantQuery } from './aboutAssistant.js';
import { normaliseText } from './analyser.js';
import { contentHashOf, corpusFromFiles, readKnowledgeFiles, type Corpus } from './loadCorpus.js';
import type { Problem } from './problems.js';
import { QueryBuilder, labelWords, type Vocabulary } from './queryBuilder.js';
import { DEFAULT_TUNING, matchedWords, search, topicUnits, type Postings, type Ranked, type SearchContext, type SearchResult, type SearchTuning } from './search.js';
import {
  buildIndexData,
  conceptMatcherFor,
  KIND_WORDS,
  loadLunrIndex,
  parseIndexData,
  refOf,
  type ChunkRecord,
  type DocumentRecord,
  type IndexData,
} from './searchIndex.js';
import { CHECKLIST_DOC_ID } from './chunk.js';
import type { ConceptMatcher } from './synonyms.js';

/** Longer than this, a question is not a request for a definition, whatever its shape. */
const MAX_DEFINITION_CHARS = 80;

export const DECLINE_MESSAGE = "I couldn't find that in the guidance.";

/** Offered when a question is declined and nothing in it points anywhere better. */
export const DEFAULT_SUGGESTIONS = ['independent scrutiny', 'lead safeguarding partners', 'checklist for independent scrutiny'];

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_KNOWLEDGE_DIR = path.join(REPO_ROOT, 'knowledge');
export const DEFAULT_INDEX_PATH = path.join(REPO_ROOT, 'dist', 'knowledge-index.json');

/** Weight of a term in lunr's sorted sparse vector [termIndex, weight, …] (binary search over the even slots). */
function weightIn(elements: readonly number[], termIndex: number): number {
  let lo = 0;
  let hi = elements.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const idx = elements[mid * 2]!;
    if (idx === termIndex) return elements[mid * 2 + 1]!;
    if (idx < termIndex) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/** Vocabulary view of a lunr index: document frequencies and words by length, for weights and typo correction. */
class IndexVocabulary implements Vocabulary, Postings {
  private readonly inverted: Record<string, Record<string, unknown>>;
  private readonly dfCache = new LruCache<string, number>();
  private byLength?: Map<number, string[]>;
  private sorted?: string[];
  readonly size: number;

  /** lunr's field vectors, keyed "field/ref": read once per term and field, into termWeights. */
  private readonly fieldVectors: Record<string, { elements: number[] }>;
  private readonly weights = new LruCache<string, ReadonlyMap<string, number>>();

  constructor(index: lunr.Index, size: number) {
    // lunr 2.3.9's internals (it is unmaintained, so they will not move): read-only use.
    this.inverted = (index as unknown as { invertedIndex: Record<string, Record<string, unknown>> }).invertedIndex;
    this.fieldVectors = (index as unknown as { fieldVectors: Record<string, { elements: number[] }> }).fieldVectors;
    this.size = size;
  }

  termWeights(term: string, field: string): ReadonlyMap<string, number> {
    return this.weights.getOrSet(`${field}\u0000${term}`, () => {
      const posting = this.posting(term);
      const index = (posting as { _index?: number } | undefined)?._index;
      const out = new Map<string, number>();
      const docs = posting?.[field];
      if (index === undefined || !docs) return out;
      for (const ref of Object.keys(docs)) {
        const weight = weightIn(this.fieldVectors[`${field}/${ref}`]?.elements ?? [], index);
        if (weight !== 0) out.set(ref, weight);
      }
      return out;
    });
  }

  posting(term: string): ReturnType<Postings['posting']> {
    return Object.prototype.hasOwnProperty.call(this.inverted, term)
      ? (this.inverted[term] as ReturnType<Postings['posting']>)
      : undefined;
  }

  df(term: string): number {
    const cached = this.dfCache.get(term);
    if (cached !== undefined) return cached;
    // invertedIndex is a null-prototype object, so "constructor" or "__proto__" are simply absent.
    const posting = Object.prototype.hasOwnProperty.call(this.inverted, term) ? this.inverted[term] : undefined;
    let df = 0;
    if (posting) {
      const refs = new Set<string>();
      for (const [field, docs] of Object.entries(posting)) {
        if (field === '_index' || !docs || typeof docs !== 'object') continue;
        for (const ref of Object.keys(docs)) refs.add(ref);
      }
      df = refs.size;
    }
    this.dfCache.set(term, df);
    return df;
  }

  termsWithPrefix(prefix: string): readonly string[] {
    this.sorted ??= Object.keys(this.inverted).sort();
    const sorted = this.sorted;
    // Binary search for the first term ≥ prefix, then walk while terms start with it.
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < sorted.length && sorted[i]!.startsWith(prefix) && out.length < 50; i++) out.push(sorted[i]!);
    return out;
  }

  private wordsByLength?: Map<number, string[]>;

  /** Set once the corpus words are known (they live beside the index, not in it). */
  words: readonly string[] = [];

  wordsOfLength(length: number): readonly string[] {
    if (!this.wordsByLength) {
      this.wordsByLength = new Map();
      for (const w of this.words) {
        const list = this.wordsByLength.get(w.length) ?? [];
        list.push(w);
        this.wordsByLength.set(w.length, list);
      }
    }
    return this.wordsByLength.get(length) ?? [];
  }

  termsOfLength(length: number): readonly string[] {
    if (!this.byLength) {
      this.byLength = new Map();
      for (const term of Object.keys(this.inverted)) {
        const list = this.byLength.get(term.length) ?? [];
        list.push(term);
        this.byLength.set(term.length, list);
      }
    }
    return this.byLength.get(length) ?? [];
  }
}

export interface AskDiagnostics extends Answer {
  declineReason?: SearchResult['declineReason'];
  coverage?: number;
}

export class LscpKnowledgeBase implements KnowledgeBase {
  readonly data: IndexData;
  readonly glossary: Glossary;
  readonly matcher: ConceptMatcher;
  private readonly ctx: SearchContext;
  private readonly chunkById: Map<string, ChunkRecord>;
  private readonly docById: Map<string, DocumentRecord>;
  private readonly glossaryByChunk: Map<string, GlossaryEntry>;
  /** Whether there is a document about the assistant itself (kind `about`) to answer questions addressed to it. */
  private readonly hasAboutDocument: boolean;
  /** Problems found while loading the knowledge files (empty when loaded from data alone). */
  problems: Problem[] = [];
  /** Where the index came from: a current serialised file, or rebuilt from the knowledge files. */
  origin: 'serialised' | 'rebuilt' | 'data' = 'data';

  constructor(data: IndexData, options: { index?: lunr.Index; tuning?: Partial<SearchTuning> } = {}) {
    this.data = data;
    const index = options.index ?? loadLunrIndex(data.lunr);
    this.chunkById = new Map(data.chunks.map((c) => [c.id, c]));
    this.docById = new Map(data.documents.map((d) => [d.id, d]));
    this.glossary = new Glossary(data.glossary);
    this.glossaryByChunk = new Map(data.glossary.map((g) => [g.chunkId, g]));
    this.hasAboutDocument = data.documents.some((d) => d.kind === 'about');
    this.matcher = conceptMatcherFor(data.glossary, data.synonyms);
    const vocabulary = new IndexVocabulary(index, data.chunks.length);
    vocabulary.words = data.words;
    const titleConcepts = new Map(data.documents.map((d) => [d.id, new Set(this.matcher.tokensIn(d.title))]));
    const tuning = { ...DEFAULT_TUNING, ...options.tuning };
    this.ctx = {
      postings: vocabulary,
      builder: new QueryBuilder(vocabulary, this.matcher, data.phrasing, tuning),
      chunksByRef: new Map(data.chunks.map((c, i) => [refOf(i), c])),
      documents: this.docById,
      titleConcepts,
      exampleConcepts: new Set(this.matcher.tokensIn(KIND_WORDS['practice-example'])),
      tuning,
      chunkById: this.chunkById,
    };
  }

  get stats() {
    return {
      documents: this.data.documents.length,
      chunks: this.data.chunks.length,
      builtAt: this.data.builtAt,
      contentHash: this.data.contentHash,
    };
  }

  /** Glossary long forms with their short term, longest first (for generating test variants). */
  glossaryPairs(): { long: string; short: string }[] {
    return this.data.glossary
      .flatMap((g) => [g.standsFor, ...g.also].filter((l) => l.includes(' ')).map((l) => ({ long: l.toLowerCase(), short: g.term.toLowerCase() })))
      .sort((a, b) => b.long.length - a.long.length);
  }

  /** Every indexed passage (for `knowledge export`). */
  chunks(): readonly ChunkRecord[] {
    return this.data.chunks;
  }

  /** The raw search, for diagnostics and evaluation. */
  search(question: string): SearchResult {
    return search(this.ctx, typeof question === 'string' ? question : '');
  }

  ask(question: string, options: SearchOptions = {}): AskDiagnostics {
    const text = typeof question === 'string' ? question : '';
    const limit = Math.min(Math.max(Math.floor(options.limit ?? 3) || 3, 1), 20);
    const offset = Math.max(Math.floor(options.offset ?? 0) || 0, 0);
    const about = this.hasAboutDocument ? aboutAssistantQuery(text, (rest) => topicUnits(this.ctx.builder.plan(rest)).some((u) => u.known && !u.everyday && !u.offTopic)) : undefined;
    const result = search(this.ctx, about ?? text, text.length <= MAX_DEFINITION_CHARS ? this.glossary.defineWithKind(text) : undefined, about !== undefined);
    const { ranked, answered } = result;

    if (!answered) return this.decline(result);

    const page = ranked.slice(offset, offset + limit);
    const first = page[0];
    // A glossary entry is short and all of it is the answer: what the letters stand for and what it is.
    const extract = !first
      ? { sentences: [], coverage: 0 }
      : first.doc.kind === 'glossary'
        ? { sentences: first.chunk.text.split('\n').filter((l) => l && !l.startsWith('Also written:')), coverage: first.coverage }
        : extractAnswer(first.chunk.text, result.plan, this.matcher);
    return {
      answered: true,
      answer: extract.sentences.join(' '),
      sentences: extract.sentences,
      passages: page.map((r) => this.toPassage(r)),
      suggestions: [],
      relatedChecklistItems: checklistItemsIn(result.candidates, 3),
      coverage: first?.coverage ?? 0,
    };
  }

  private decline(result: SearchResult): AskDiagnostics {
    return {
      answered: false,
      answer: DECLINE_MESSAGE,
      sentences: [],
      passages: [],
      ...this.suggestionsFor(result),
      relatedChecklistItems: checklistItemsIn(result.candidates, 3),
      ...(result.declineReason ? { declineReason: result.declineReason } : {}),
    };
  }

  /** Short labels near the question: headings of partial matches first, then the standard topics. */
  private suggestionsFor(result: SearchResult): Pick<Answer, 'suggestions' | 'nearby'> {
    const out: string[] = [];
    const nearby: NonNullable<Answer['nearby']> = [];
    const seen = new Set<string>();
    const add = (label: string, from?: Ranked) => {
      const key = labelWords(label).join(' ');
      if (!key || seen.has(key) || out.length >= 3) return;
      seen.add(key);
      out.push(label);
      if (from) nearby.push({ label, passage: this.toPassage(from) });
    };
    // An area we have nothing on: what other areas do is the nearest help.
    if (result.plan.units.some((u) => !u.known && isPlaceWord(normaliseText(u.text)))) add('practice examples from other areas');
    const docs = new Set<string>();
    for (const r of result.ranked) {
      if (out.length >= 2) break;
      if (r.coverage <= 0 || docs.has(r.doc.id)) continue;
      const heading = r.chunk.headingPath[r.chunk.headingPath.length - 1];
      const label = heading && heading.length <= 50 && !/^CIS-/.test(heading) ? heading : r.doc.title;
      if (label.length > 60) continue;
      docs.add(r.doc.id);
      add(label, r);
    }
    for (const s of DEFAULT_SUGGESTIONS) add(s);
    return { suggestions: out, nearby };
  }

  private toPassage(r: Ranked): Passage {
    const { chunk, doc } = r;
    let superseded = doc.superseded;
    let supersededBy: Supersession | undefined = doc.supersededBy;
    const term = this.glossaryByChunk.get(chunk.id);
    if (term?.supersededBy) {
      const successor = this.glossary.successor(term);
      superseded = true;
      supersededBy = successor
        ? { id: successor.chunkId, title: `${successor.term} (${successor.standsFor})` }
        : { id: '', title: term.supersededBy };
    }
    return {
      id: chunk.id,
      docId: chunk.docId,
      title: chunk.title,
      headingPath: chunk.headingPath,
      text: chunk.text,
      kind: doc.kind,
      topic: doc.topic,
      source: doc.source,
      superseded,
      ...(supersededBy ? { supersededBy } : {}),
      score: Math.round(r.score * 10000) / 10000,
      matchedTerms: r.matched.size ? matchedWords(r) : r.matchedWords,
    };
  }

  define(term: string): GlossaryTerm | undefined {
    if (typeof term !== 'string') return undefined;
    const entry = this.glossary.define(term);
    if (!entry) return undefined;
    const { docId: _d, chunkId: _c, ...plain } = entry;
    return plain;
  }

  topics(): TopicSummary[] {
    return TOPICS.map((topic) => ({
      topic,
      label: TOPIC_LABELS[topic],
      documentCount: this.data.documents.filter((d) => d.topic === topic).length,
    })).filter((t) => t.documentCount > 0);
  }

  documents(topic?: Topic): DocumentSummary[] {
    return this.data.documents
      .filter((d) => !topic || d.topic === topic)
      .sort(
        (a, b) =>
          TOPICS.indexOf(a.topic) - TOPICS.indexOf(b.topic) ||
          Number(a.superseded) - Number(b.superseded) ||
          (a.area ?? '').localeCompare(b.area ?? '') ||
          b.source.date.localeCompare(a.source.date) ||
          a.title.localeCompare(b.title),
      )
      .map((d) => summary(d));
  }

  document(id: string): DocumentSummary | undefined {
    const d = typeof id === 'string' ? this.docById.get(id) : undefined;
    return d ? summary(d) : undefined;
  }
}

/** Share of the best item's score another must reach to be offered beside it: a theme, not a stray word. */
const RELATED_ITEM_BAND = 0.35;
/** Share of the question an item must cover to be offered at all: below it, the item shares a word, not the subject. */
const RELATED_ITEM_COVERAGE = 0.3;

/** The checklist items among ranked passages (best first) that share the question's theme. */
function checklistItemsIn(ranked: readonly Ranked[], limit: number): ChecklistItemRef[] {
  const items = ranked.filter((r) => r.doc.id === CHECKLIST_DOC_ID);
  const best = items[0];
  if (!best) return [];
  return items
    .filter((r) => r.coverage >= RELATED_ITEM_COVERAGE && r.score >= best.score * RELATED_ITEM_BAND)
    .slice(0, Math.max(0, Math.floor(limit)))
    .map((r) => {
      const itemId = r.chunk.headingPath[1] ?? r.chunk.id.split('#')[1] ?? '';
      return { itemId, sectionId: itemId.replace(/^CIS-([A-Z]).*$/, '$1'), question: r.chunk.text.split('\n')[0] ?? '' };
    });
}

function summary(d: DocumentRecord): DocumentSummary {
  return {
    id: d.id,
    title: d.title,
    kind: d.kind,
    topic: d.topic,
    source: d.source,
    superseded: d.superseded,
    ...(d.supersededBy ? { supersededBy: d.supersededBy } : {}),
    ...(d.area ? { area: d.area } : {}),
    ...(d.keyPoints ? { keyPoints: d.keyPoints } : {}),
  };
}

export interface LoadOptions {
  /** The knowledge directory (default: knowledge/ in the repository). */
  dir?: string;
  /** The serialised index (default: dist/knowledge-index.json). */
  indexPath?: string;
  /** Rewrite the index file after an in-memory rebuild (default true). */
  writeIndex?: boolean;
  /** Where to report what happened (default: nowhere). */
  log?: (message: string) => void;
  tuning?: Partial<SearchTuning>;
}

/** Write atomically, so a bot starting at the same moment never reads half a file. */
export async function writeIndexFile(indexPath: string, data: IndexData): Promise<void> {
  await mkdir(path.dirname(indexPath), { recursive: true });
  const tmp = `${indexPath}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(data));
  await rename(tmp, indexPath);
}

async function readIndexFile(indexPath: string): Promise<IndexData | undefined> {
  try {
    return parseIndexData(await readFile(indexPath, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Build (or load) a knowledge base from a corpus already read from disk. */
export async function knowledgeBaseFromCorpus(
  corpus: Corpus,
  options: Pick<LoadOptions, 'indexPath' | 'writeIndex' | 'log' | 'tuning'> = {},
): Promise<LscpKnowledgeBase> {
  const stored = await readIndexFile(options.indexPath ?? DEFAULT_INDEX_PATH);
  return stored && stored.contentHash === corpus.contentHash ? servedFrom(stored, corpus.problems, options) : rebuiltFrom(corpus, stored, options);
}

/** A knowledge base on a serialised index that is current for the files it was checked against. */
function servedFrom(stored: IndexData, problems: Problem[], options: Pick<LoadOptions, 'tuning'>): LscpKnowledgeBase {
  const kb = new LscpKnowledgeBase(stored, { tuning: options.tuning });
  kb.origin = 'serialised';
  kb.problems = problems;
  return kb;
}

/** Index the corpus in memory and, unless told not to, write the index for the next start. */
async function rebuiltFrom(corpus: Corpus, stored: IndexData | undefined, options: Pick<LoadOptions, 'indexPath' | 'writeIndex' | 'log' | 'tuning'>): Promise<LscpKnowledgeBase> {
  const indexPath = options.indexPath ?? DEFAULT_INDEX_PATH;
  const data = buildIndexData(corpus);
  const kb = new LscpKnowledgeBase(data, { tuning: options.tuning });
  kb.origin = 'rebuilt';
  kb.problems = corpus.problems;
  options.log?.(stored ? 'knowledge files changed: index rebuilt' : 'no serialised index: built in memory');
  if (options.writeIndex !== false) {
    try {
      await writeIndexFile(indexPath, data);
    } catch (err) {
      options.log?.(`could not write ${indexPath}: ${(err as Error).message}`);
    }
  }
  return kb;
}

/**
 * Start-up entry point: validate the knowledge files and return a ready knowledge base.
 * Problems in individual files are reported in `problems` (and logged); valid documents still load.
 */
export async function loadKnowledgeBase(options: LoadOptions = {}): Promise<LscpKnowledgeBase> {
  const read = await readKnowledgeFiles(options.dir ?? DEFAULT_KNOWLEDGE_DIR);
  const stored = await readIndexFile(options.indexPath ?? DEFAULT_INDEX_PATH);
  // The common start: the index was built from exactly these files, so they need no parsing.
  const kb =
    stored && stored.contentHash === contentHashOf(read.files)
      ? servedFrom(stored, [...read.problems, ...(stored.problems ?? [])], options)
      : await rebuiltFrom(corpusFromFiles(read.dir, read.files, read.problems), stored, options);
  const errors = kb.problems.filter((p) => p.severity === 'error').length;
  if (errors) options.log?.(`${errors} problem(s) in the knowledge files; run "npm run knowledge -- check"`);
  return kb;
}
