/**
 * Search index: builds, serialises and loads the lunr index plus everything
 * the engine needs beside it (passages, documents, glossary, synonyms).
 *
 * This is the only module that constructs lunr indexes. The serialised form is
 * written at build time (dist/knowledge-index.json) and loaded at start-up;
 * `contentHash` says which knowledge files it was built from, so a loader can
 * tell a stale file from a current one.
 */
import lunr from 'lunr';
import type { DocumentSummary, SourceRef, Supersession } from './types.js';
import type { Kind } from './frontMatter.js';
import { chunkChecklist, chunkGlossary, chunkMarkdown, glossaryChunkId, CHECKLIST_DOC_ID, type Chunk } from './chunk.js';
import { configureBuilder, registerPipelineFunctions, tokenize } from './analyser.js';
import { buildConcepts, ConceptMatcher } from './synonyms.js';
import type { GlossaryEntry } from './glossary.js';
import { ENGINE_VERSION, type Corpus } from './loadCorpus.js';
import type { Phrasing } from './phrasing.js';
import type { Problem } from './problems.js';

export const INDEX_FORMAT = 'lscp-knowledge-index';

export interface ChunkRecord extends Chunk {
  /** Concept tokens found in the passage's headings and text (see synonyms.ts). */
  concepts: string[];
  /** Concept tokens found in its document's title and tags (true of every passage of the document). */
  docConcepts: string[];
}

export interface DocumentRecord extends DocumentSummary {
  file: string;
  tags: string[];
  audience: string[];
}

export interface IndexData {
  format: typeof INDEX_FORMAT;
  engineVersion: string;
  contentHash: string;
  builtAt: string;
  documents: DocumentRecord[];
  chunks: ChunkRecord[];
  glossary: GlossaryEntry[];
  synonyms: string[][];
  phrasing: Phrasing;
  /** Problems in the knowledge files it was built from, so a start-up that only loads it can still report them. */
  problems?: Problem[];
  /** Every word of the passages as written (normalised, unstemmed), for spelling correction. */
  words: string[];
  lunr: CompactLunr;
}

/**
 * Fields and boosts: a word in a heading says more about a passage than the same
 * word in its body. `document` holds what is true of the whole document (title,
 * front-matter tags, concepts named there) and is repeated on each passage;
 * `concepts` holds the concept tokens of the passage itself. Few fields keep
 * lunr fast: its query cost grows with every field a term is looked up in.
 */
export const FIELD_BOOSTS = { document: 1.5, headings: 3, text: 1, concepts: 1, asked: 1 } as const;
export type Field = keyof typeof FIELD_BOOSTS;
/** Boosts per field; other values only to test each one on its own (tests/knowledge/tuningConstants.test.ts). */
export type FieldBoosts = Readonly<Record<Field, number>>;
export const TEXT_FIELDS: Field[] = ['document', 'headings', 'text', 'asked'];
export const CONCEPT_FIELDS: Field[] = ['concepts', 'document'];
/** Fields whose match says the document, not necessarily the passage, is on topic. */
export const DOCUMENT_FIELDS: ReadonlySet<string> = new Set<Field>(['document']);

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2023-12-15" → "15 December 2023", "2022-06" → "June 2022", "2019" → "2019". */
export function dateLabel(date: string): string {
  const [y, m, d] = date.split('-');
  if (!m) return y ?? date;
  const month = MONTHS[Number(m) - 1] ?? m;
  return d ? `${Number(d)} ${month} ${y}` : `${month} ${y}`;
}

function documentRecords(corpus: Corpus): DocumentRecord[] {
  const docs: DocumentRecord[] = corpus.documents.map((d) => {
    const fm = d.frontMatter;
    const source: SourceRef = {
      title: fm.title,
      publisher: fm.publisher,
      date: fm.published,
      dateLabel: dateLabel(fm.published),
      document: fm.source.document,
      ...(fm.source.url ? { url: fm.source.url } : {}),
    };
    return {
      id: fm.id,
      title: fm.title,
      kind: fm.kind,
      topic: fm.topic,
      source,
      superseded: false,
      ...(fm.area ? { area: fm.area } : {}),
      ...(fm.keyPoints ? { keyPoints: fm.keyPoints } : {}),
      file: d.file,
      tags: fm.tags,
      audience: fm.audience,
    };
  });
  if (corpus.checklist) {
    const def = corpus.checklist.definition;
    docs.push({
      id: CHECKLIST_DOC_ID,
      title: def.title,
      kind: 'checklist',
      topic: 'checklist',
      source: { title: def.title, publisher: def.publisher, date: def.published, dateLabel: dateLabel(def.published), document: def.basedOn },
      superseded: false,
      file: corpus.checklist.file,
      tags: [],
      audience: [],
    });
  }
  // Supersession: resolved here so every passage carries the successor's title without a lookup.
  const byId = new Map(docs.map((d) => [d.id, d]));
  for (const d of corpus.documents) {
    const target = d.frontMatter.supersededBy ? byId.get(d.frontMatter.supersededBy) : undefined;
    const rec = byId.get(d.frontMatter.id);
    if (!rec || !target) continue;
    const supersededBy: Supersession & { date?: string; dateLabel?: string } = {
      id: target.id,
      title: target.title,
      ...(d.frontMatter.supersededNote ? { note: d.frontMatter.supersededNote } : {}),
      date: target.source.date,
      dateLabel: target.source.dateLabel,
    };
    rec.superseded = true;
    rec.supersededBy = supersededBy;
  }
  return docs;
}

function glossaryEntries(corpus: Corpus): GlossaryEntry[] {
  return corpus.documents.flatMap((d) =>
    (d.frontMatter.terms ?? []).map((t) => ({ ...t, docId: d.frontMatter.id, chunkId: glossaryChunkId(d.frontMatter.id, t.term) })),
  );
}

export function chunkCorpus(corpus: Corpus): Chunk[] {
  const chunks: Chunk[] = [];
  for (const d of corpus.documents) {
    const fm = d.frontMatter;
    if (fm.terms?.length) chunks.push(...chunkGlossary(fm.id, fm.title, fm.terms, d.lineOf(['terms'])));
    chunks.push(...chunkMarkdown({ id: fm.id, title: fm.title, body: d.body, bodyStartLine: d.bodyStartLine, tags: fm.tags }));
  }
  if (corpus.checklist) chunks.push(...chunkChecklist(corpus.checklist.definition, corpus.checklist.lineOfItem));
  // Ids must be unique for lunr refs; a glossary term slug could collide with a heading slug.
  const seen = new Set<string>();
  for (const c of chunks) {
    let id = c.id;
    let n = 2;
    while (seen.has(id)) id = `${c.id}-${n++}`;
    c.id = id;
    seen.add(id);
  }
  return chunks;
}

export function conceptMatcherFor(glossary: GlossaryEntry[], synonyms: string[][]): ConceptMatcher {
  return new ConceptMatcher(buildConcepts(glossary, synonyms));
}

/**
 * lunr's reference for the passage at `index` in IndexData.chunks. Postings
 * repeat the reference for every term and field, so a short one ("2s") instead
 * of the chunk id ("research-2022-…#how-many-…") keeps the index small.
 */
export function refOf(index: number): string {
  return index.toString(36);
}

/** How readers name each kind of source (every kind must have a name: a new kind fails to compile without one). */
export const KIND_WORDS: Record<Kind, string> = {
  guidance: 'guidance',
  briefing: 'briefing',
  research: 'research',
  'practice-example': 'practice example',
  review: 'review',
  glossary: 'glossary',
  checklist: 'checklist',
  about: 'assistant bot',
};

/** The lunr document for a passage: what each field holds. */
function lunrDoc(c: ChunkRecord, index: number, documentText: string) {
  return {
    ref: refOf(index),
    document: [documentText, ...c.tags, c.docConcepts.join(' ')].join('\n'),
    headings: c.headingPath.join('\n'),
    text: blankCitations(c.text),
    concepts: c.concepts,
    asked: c.asked.join('\n'),
  };
}

/**
 * Source citations at the end of sentences ("… (VKPP June 2022 briefing).")
 * say where a fact comes from, not what it is about; indexed, they make every
 * passage match "vkpp" and "briefing". They are blanked (not removed, so match
 * positions still point at the displayed text) for indexing only.
 */
const CITATION = /\(([^()]{2,160})\)(?=\s*[.;:]?\s*(?:$|\n|[.;:]\s))/g;
const CITATION_MARKER =
  /\b(?:VKPP|slides?|briefings?|findings|pages?|SCP|SCB|LCSB|LSCP|as reproduced|as restated|reproduced|restated|report|reports|review|analysis|survey|bill|act|guidance|Working Together|WT20\d\d|WT\d\d|gov\.uk|summary|statement|notice|newsletter|tracker|website|19\d\d|20\d\d)\b/i;

export function blankCitations(text: string): string {
  return text.replace(CITATION, (whole: string, inner: string) =>
    CITATION_MARKER.test(inner) && !/\d+ of \d+|%/.test(inner) ? ' '.repeat(whole.length) : whole,
  );
}

export function buildLunrIndex(chunks: ChunkRecord[], documentText: Map<string, string>, boosts: FieldBoosts = FIELD_BOOSTS): lunr.Index {
  registerPipelineFunctions();
  const builder = new lunr.Builder();
  configureBuilder(builder);
  builder.ref('ref');
  for (const [name, boost] of Object.entries(boosts)) builder.field(name, { boost });
  // No match metadata: lunr can keep word positions (metadataWhitelist ['position']), but they
  // double the index and its load time; matched words are found by re-analysing the shown text.
  builder.metadataWhitelist = [];
  chunks.forEach((c, i) => builder.add(lunrDoc(c, i, documentText.get(c.docId) ?? '')));
  return builder.build();
}

export function buildIndexData(corpus: Corpus, options: { now?: Date; boosts?: FieldBoosts } = {}): IndexData {
  const now = options.now ?? new Date();
  const documents = documentRecords(corpus);
  const glossary = glossaryEntries(corpus);
  const matcher = conceptMatcherFor(glossary, corpus.synonyms);
  // What is true of a whole document: its title and its kind of source ("any research on yearly
  // reports", "a practice example of young scrutineers" look for the kind).
  const documentText = new Map(documents.map((d) => [d.id, `${d.title}\n${KIND_WORDS[d.kind]}`]));
  const docConcepts = new Map<string, string[]>();
  const chunks: ChunkRecord[] = chunkCorpus(corpus).map((c) => {
    const key = `${c.docId}\n${c.tags.join('\n')}`;
    let doc = docConcepts.get(key);
    if (!doc) {
      doc = matcher.tokensIn([documentText.get(c.docId) ?? '', ...c.tags].join('\n'));
      docConcepts.set(key, doc);
    }
    return { ...c, concepts: matcher.tokensIn([...c.headingPath, blankCitations(c.text), ...c.asked].join('\n')), docConcepts: doc };
  });
  const index = buildLunrIndex(chunks, documentText, options.boosts);
  return {
    format: INDEX_FORMAT,
    engineVersion: ENGINE_VERSION,
    contentHash: corpus.contentHash,
    builtAt: now.toISOString(),
    documents,
    chunks,
    glossary,
    synonyms: corpus.synonyms,
    phrasing: corpus.phrasing,
    problems: corpus.problems,
    words: vocabularyOf(chunks),
    lunr: compactIndex(index.toJSON() as SerialisedLunr),
  };
}

/** lunr's own serialised form (Index#toJSON). */
interface SerialisedLunr {
  version: string;
  fields: string[];
  fieldVectors: [string, number[]][];
  invertedIndex: [string, Record<string, unknown>][];
  pipeline: string[];
}

/** Our stored form: lunr's, with each posting as "ref ref ref" per field instead of {ref: {}}. */
export interface CompactLunr extends Omit<SerialisedLunr, 'invertedIndex'> {
  postings: [term: string, termIndex: number, fields: Record<string, string>][];
}

/**
 * lunr stores a posting as {field: {ref: metadata}}: one object per term, field
 * and passage, which is most of the file and most of the time JSON.parse takes.
 * Without metadata every value is {}, so we store the refs as a string and
 * rebuild the objects on load, sharing one empty metadata object (lunr only
 * reads it).
 */
export function compactIndex(json: SerialisedLunr): CompactLunr {
  const { invertedIndex, ...rest } = json;
  return {
    ...rest,
    postings: invertedIndex.map(([term, posting]) => {
      const fields: Record<string, string> = {};
      for (const [field, refs] of Object.entries(posting)) {
        if (field === '_index' || !refs || typeof refs !== 'object') continue;
        const keys = Object.keys(refs);
        if (keys.length) fields[field] = keys.join(' ');
      }
      return [term, posting._index as number, fields];
    }),
  };
}

const NO_METADATA = Object.create(null) as Record<string, never>;

export function expandIndex(compact: CompactLunr): SerialisedLunr {
  const { postings, ...rest } = compact;
  return {
    ...rest,
    invertedIndex: postings.map(([term, termIndex, fields]) => {
      const posting: Record<string, unknown> = { _index: termIndex };
      for (const field of compact.fields) {
        const refs: Record<string, unknown> = Object.create(null);
        const list = fields[field];
        if (list) for (const ref of list.split(' ')) refs[ref] = NO_METADATA;
        posting[field] = refs;
      }
      return [term, posting];
    }),
  };
}

/** Distinct words of the passages (letters only, 4+ characters: shorter words are never corrected). */
function vocabularyOf(chunks: ChunkRecord[]): string[] {
  const words = new Set<string>();
  const seen = new Set<string>();
  for (const c of chunks) {
    for (const part of [c.title, ...c.headingPath, c.text, ...c.asked]) {
      if (seen.has(part)) continue;
      seen.add(part);
      for (const t of tokenize(part)) if (!t.stop && t.norm.length >= 4 && /^\p{L}+$/u.test(t.norm)) words.add(t.norm);
    }
  }
  return [...words].sort();
}

/** Parse a serialised index; undefined if it is not ours or from another engine version. */
export function parseIndexData(json: string): IndexData | undefined {
  try {
    const data = JSON.parse(json) as Partial<IndexData>;
    if (data.format !== INDEX_FORMAT || data.engineVersion !== ENGINE_VERSION || !Array.isArray(data.lunr?.postings) || !Array.isArray(data.chunks) || !Array.isArray(data.words) || !data.phrasing) return undefined;
    return data as IndexData;
  } catch {
    return undefined;
  }
}

/** lunr.Index.load needs our pipeline function registered first, or it throws. */
export function loadLunrIndex(serialised: CompactLunr): lunr.Index {
  registerPipelineFunctions();
  return lunr.Index.load(expandIndex(serialised));
}
