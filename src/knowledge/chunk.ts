/**
 * Chunker: cuts documents into passages, the unit we search and cite.
 *
 * A passage is one heading's section (with its heading path, so "Key figures"
 * under "VKPP research 2022" keeps that context). Long sections are cut again
 * at paragraph boundaries, because a 3,000-character passage both ranks badly
 * (length normalisation) and reads badly in a card. Glossary terms and
 * checklist items become one passage each: they are what people ask about.
 */
import type { ChecklistDefinition } from '../checklist/definition.js';
import type { GlossaryTerm } from './frontMatter.js';
import { splitSections, slugify, type Block } from './markdown.js';

export interface Chunk {
  /** `<docId>#<heading-slug>`, stable across builds while the heading keeps its wording. */
  id: string;
  docId: string;
  /** Headings below the document title, outermost first. */
  headingPath: string[];
  /** Document title plus heading path: "Working Together 2018 › Purpose of scrutiny". */
  title: string;
  /** Plain text, one line per paragraph, list item or table row. */
  text: string;
  /** 1-based line in the source file where the passage starts. */
  line: number;
  /** Extra searchable words that are not shown (front-matter tags, checklist item tags). */
  tags: string[];
  /** Questions readers ask that this passage answers, in their words (asked lines, checklist `asked`); searched, never shown. */
  asked: string[];
}

export const TITLE_SEPARATOR = ' › ';

/** Sections longer than this are split at block boundaries. */
export const MAX_CHUNK_CHARS = 1200;
/** …but never into a piece shorter than this (it would carry too little context). */
const MIN_PIECE_CHARS = 350;

export interface ChunkableDocument {
  id: string;
  title: string;
  body: string;
  bodyStartLine: number;
  tags: string[];
}

export function chunkTitle(docTitle: string, headingPath: string[]): string {
  return [docTitle, ...headingPath].join(TITLE_SEPARATOR);
}

/** Drop a leading H1 that only repeats the document title. */
function headingPathFor(path: string[], firstIsTitle: boolean): string[] {
  return firstIsTitle ? path.slice(1) : path;
}

function piecesOf(blocks: Block[]): Block[][] {
  const total = blocks.reduce((n, b) => n + b.text.length + 1, 0);
  if (total <= MAX_CHUNK_CHARS || blocks.length < 2) return [blocks];
  const target = Math.ceil(total / Math.ceil(total / MAX_CHUNK_CHARS));
  const pieces: Block[][] = [];
  let piece: Block[] = [];
  let size = 0;
  blocks.forEach((b, i) => {
    const remaining = blocks.slice(i).reduce((n, x) => n + x.text.length + 1, 0);
    if (piece.length && size + b.text.length > target && size >= MIN_PIECE_CHARS && remaining >= MIN_PIECE_CHARS) {
      pieces.push(piece);
      piece = [];
      size = 0;
    }
    piece.push(b);
    size += b.text.length + 1;
  });
  if (piece.length) pieces.push(piece);
  return pieces;
}

/** Make `slug` unique within a document by qualifying it with its parent heading, then numbering. */
function uniqueSlug(slug: string, parentSlug: string | undefined, used: Set<string>): string {
  if (!used.has(slug)) return slug;
  if (parentSlug) {
    const qualified = `${parentSlug}-${slug}`;
    if (!used.has(qualified)) return qualified;
  }
  let n = 2;
  while (used.has(`${slug}-${n}`)) n++;
  return `${slug}-${n}`;
}

export function chunkMarkdown(doc: ChunkableDocument): Chunk[] {
  const sections = splitSections(doc.body, doc.bodyStartLine);
  const h1s = sections.filter((s) => s.level === 1);
  const firstHeading = sections.find((s) => s.level > 0);
  const firstIsTitle =
    h1s.length === 1 && firstHeading === h1s[0] && sameWords(h1s[0]!.headingPath[0] ?? '', doc.title);

  const chunks: Chunk[] = [];
  const used = new Set<string>();
  for (const section of sections) {
    if (section.blocks.length === 0) continue;
    const headingPath = headingPathFor(section.headingPath, firstIsTitle);
    const last = headingPath[headingPath.length - 1];
    const parent = headingPath[headingPath.length - 2];
    const base = uniqueSlug(last ? slugify(last) : 'overview', parent ? slugify(parent) : undefined, used);
    used.add(base);
    piecesOf(section.blocks).forEach((piece, i) => {
      const id = i === 0 ? base : `${base}-part-${i + 1}`;
      used.add(id);
      chunks.push({
        id: `${doc.id}#${id}`,
        docId: doc.id,
        headingPath,
        title: chunkTitle(doc.title, headingPath),
        text: piece.map((b) => b.text).join('\n'),
        line: i === 0 ? section.line : piece[0]!.line,
        tags: doc.tags,
        asked: section.asked,
      });
    });
  }
  return chunks;
}

function sameWords(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return norm(a) === norm(b);
}

/** Glossary chunk id for a term: "glossary#wt18". */
export function glossaryChunkId(docId: string, term: string): string {
  return `${docId}#${slugify(term)}`;
}

/** One passage per glossary term, worded from the term's own fields only. */
export function chunkGlossary(docId: string, docTitle: string, terms: GlossaryTerm[], line: number): Chunk[] {
  const used = new Set<string>();
  return terms.map((t) => {
    let id = glossaryChunkId(docId, t.term);
    if (used.has(id)) id = `${id}-${used.size + 1}`;
    used.add(id);
    // "Rapid review: rapid review." says nothing; a term that is already words needs no expansion.
    const expands = t.standsFor.trim().toLowerCase() !== t.term.trim().toLowerCase();
    const lines = [expands ? `${t.term}: ${t.standsFor}.` : `${t.term}.`, t.definition];
    if (t.also.length) lines.push(`Also written: ${t.also.join(', ')}.`);
    if (t.supersededBy) lines.push(`Superseded by ${t.supersededBy}.`);
    return {
      id,
      docId,
      headingPath: [t.term],
      title: chunkTitle(docTitle, [t.term]),
      text: lines.map((l) => l.trim()).filter(Boolean).join('\n'),
      line,
      tags: [],
      asked: [],
    };
  });
}

export const CHECKLIST_DOC_ID = 'cis';

/** One passage per checklist item: "cis#CIS-E3". */
export function chunkChecklist(def: ChecklistDefinition, line: (itemId: string) => number = () => 1): Chunk[] {
  return def.sections.flatMap((section) =>
    section.items.map((item) => {
      const headingPath = [`${section.id}. ${section.title}`, item.id];
      const lines = [item.question, `Why it matters: ${item.why}`, `Suggested evidence: ${item.evidence.join('; ')}.`];
      if (item.timeSensitive) lines.push('Time-sensitive: relies on Working Together 2023.');
      return {
        id: `${CHECKLIST_DOC_ID}#${item.id}`,
        docId: CHECKLIST_DOC_ID,
        headingPath,
        title: chunkTitle(def.title, headingPath),
        text: lines.join('\n'),
        line: line(item.id),
        tags: [...item.tags, section.title],
        asked: item.asked,
      };
    }),
  );
}
