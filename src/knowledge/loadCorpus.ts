/**
 * Corpus loader: reads every knowledge file, validates it and reports problems
 * as `file:line: message`.
 *
 * A facilitator adds a briefing by dropping one Markdown file into knowledge/,
 * so this module is the gatekeeper: front-matter against the zod schema (with
 * the YAML line of each bad field), the body (no contact details, some text),
 * and checks across documents (unique ids, supersededBy points at a real
 * document, glossary terms unique). Invalid documents are left out and
 * reported; the rest still load, so one bad file never takes the bot down.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { NO_PHRASING, PhrasingFile, type Phrasing } from './phrasing.js';
import { ChecklistDefinition } from '../checklist/definition.js';
import { FrontMatter, type GlossaryTerm } from './frontMatter.js';
import { successorName } from './glossary.js';
import { askedProblems } from './markdown.js';
import { parseLocatedYaml, zodProblems, type LocatedYaml, type Problem } from './problems.js';

/** Bump when chunking, analysis or the serialised format changes, so stale indexes are rebuilt. */
export const ENGINE_VERSION = '16';

export interface LoadedDocument {
  /** Display path, e.g. "knowledge/briefings/essex.md". */
  file: string;
  frontMatter: FrontMatter;
  body: string;
  /** File line of the first body line. */
  bodyStartLine: number;
  /** File line of a front-matter field (for cross-document problems). */
  lineOf(path: ReadonlyArray<string | number>): number;
}

export interface LoadedChecklist {
  file: string;
  definition: ChecklistDefinition;
  lineOfItem(itemId: string): number;
}

export interface Corpus {
  dir: string;
  documents: LoadedDocument[];
  checklist?: LoadedChecklist;
  /** Synonym groups from knowledge/synonyms.yaml (each a list of words or phrases). */
  synonyms: string[][];
  /** How people phrase questions, from knowledge/phrasing.yaml. */
  phrasing: Phrasing;
  problems: Problem[];
  /** Hash of every file read plus the engine version: decides whether a serialised index is current. */
  contentHash: string;
  /** Every file that went into the hash (display paths). */
  files: string[];
}

export const CHECKLIST_FILE = 'checklist/cis.yaml';
export const SYNONYMS_FILE = 'synonyms.yaml';
export const PHRASING_FILE = 'phrasing.yaml';


const EMAIL = /[\w.+-]+@[\w-]+\.[\w.-]+/;
const PHONE = /(\+44\s?7\d{3}|\b07\d{3})\s?\d{3}\s?\d{3}\b|\b0\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b/;

export const SynonymsFile = z
  .object({
    groups: z
      .array(z.array(z.string().min(1)).min(2, 'a synonym group needs at least two entries'))
      .default([]),
  })
  .strict();

export interface RawFile {
  abs: string;
  rel: string;
  display: string;
  text: string;
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const e of entries) {
    // drafts/ holds entries waiting for review (facilitators' answers): never indexed until moved out.
    if (e.name.startsWith('.') || (e.isDirectory() && e.name === 'drafts')) continue;
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(abs)));
    else if (e.isFile()) out.push(abs);
  }
  return out;
}

function toDisplay(abs: string, displayRoot: string): string {
  const rel = path.relative(displayRoot, abs);
  return (rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel).split(path.sep).join('/');
}

/** Split "---\nyaml\n---\nbody" keeping line numbers. */
export function splitFrontMatter(text: string):
  | { yaml: string; yamlStartLine: number; body: string; bodyStartLine: number }
  | { error: string; line: number } {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  if (lines[0]?.trim() !== '---') {
    return { error: 'missing front-matter: start the file with a line "---", the metadata, then another "---"', line: 1 };
  }
  const end = lines.findIndex((l, i) => i > 0 && (l.trim() === '---' || l.trim() === '...'));
  if (end < 0) return { error: 'front-matter is not closed: add a line "---" after the metadata', line: 1 };
  return {
    yaml: lines.slice(1, end).join('\n'),
    yamlStartLine: 2,
    body: lines.slice(end + 1).join('\n'),
    bodyStartLine: end + 2,
  };
}

/** YAML reads `published: 2022` as a number; a year is a valid date here, so accept it. */
function coerceFrontMatter(data: unknown): unknown {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return data;
  const fm = { ...(data as Record<string, unknown>) };
  if (typeof fm.published === 'number') fm.published = String(fm.published);
  return fm;
}

function contactProblems(text: string, file: string, firstLine: number): Problem[] {
  const out: Problem[] = [];
  text.split('\n').forEach((line, i) => {
    if (EMAIL.test(line) || PHONE.test(line)) {
      out.push({ file, line: firstLine + i, message: 'remove personal e-mail addresses and phone numbers', severity: 'error' });
    }
  });
  return out;
}

export interface ParsedMarkdown {
  document?: LoadedDocument;
  problems: Problem[];
}

/** Validate one Markdown knowledge file on its own (no cross-document checks). */
export function parseMarkdownDocument(text: string, file: string): ParsedMarkdown {
  const split = splitFrontMatter(text);
  if ('error' in split) return { problems: [{ file, line: split.line, message: split.error, severity: 'error' }] };
  const yaml = parseLocatedYaml(split.yaml);
  const offset = split.yamlStartLine - 1;
  const problems: Problem[] = yaml.errors.map((e) => ({ file, line: e.line + offset, message: e.message, severity: 'error' }));
  if (problems.length) return { problems };
  if (!yaml.data || typeof yaml.data !== 'object' || Array.isArray(yaml.data)) {
    return { problems: [{ file, line: 1, message: 'front-matter must be a list of "field: value" lines', severity: 'error' }] };
  }
  const contact = contactProblems(split.yaml, file, split.yamlStartLine);
  const parsed = FrontMatter.safeParse(coerceFrontMatter(yaml.data));
  if (!parsed.success) {
    const issues = zodProblems(parsed.error, yaml, file, offset).filter(
      // Our line scan already pinpoints contact details; the schema's version has no line.
      (p) => !(contact.length && p.message.endsWith('remove personal e-mail addresses and phone numbers')),
    );
    problems.push(...issues);
  }
  problems.push(...contact);
  problems.push(...contactProblems(split.body, file, split.bodyStartLine));
  if (!/[\p{L}\p{N}]/u.test(split.body) && (!parsed.success || parsed.data.kind !== 'glossary')) {
    problems.push({ file, line: split.bodyStartLine, message: 'the document has no text after the front-matter', severity: 'error' });
  }
  if (!parsed.success || problems.some((p) => p.severity === 'error')) return { problems };
  const fm = parsed.data;
  for (const p of askedProblems(split.body, split.bodyStartLine)) problems.push({ file, ...p, severity: 'warning' });
  if (fm.supersededNote && !fm.supersededBy) {
    problems.push({ file, line: yaml.lineOf(['supersededNote']) + offset, message: 'supersededNote has no supersededBy: name the document that replaces this one', severity: 'warning' });
  }
  return {
    document: {
      file,
      frontMatter: fm,
      body: split.body,
      bodyStartLine: split.bodyStartLine,
      lineOf: (p) => yaml.lineOf(p) + offset,
    },
    problems,
  };
}

function parseChecklistFile(text: string, file: string): { checklist?: LoadedChecklist; problems: Problem[] } {
  const yaml = parseLocatedYaml(text);
  const problems: Problem[] = yaml.errors.map((e) => ({ file, line: e.line, message: e.message, severity: 'error' }));
  if (problems.length) return { problems };
  const parsed = ChecklistDefinition.safeParse(yaml.data);
  if (!parsed.success) return { problems: zodProblems(parsed.error, yaml, file, 0) };
  problems.push(...contactProblems(text, file, 1));
  if (problems.length) return { problems };
  const def = parsed.data;
  const itemLines = new Map<string, number>();
  def.sections.forEach((s, si) => s.items.forEach((item, ii) => itemLines.set(item.id, yaml.lineOf(['sections', si, 'items', ii]))));
  return { checklist: { file, definition: def, lineOfItem: (id) => itemLines.get(id) ?? 1 }, problems };
}

function parsePhrasingFile(text: string, file: string): { phrasing: Phrasing; problems: Problem[] } {
  const yaml: LocatedYaml = parseLocatedYaml(text);
  const problems: Problem[] = yaml.errors.map((e) => ({ file, line: e.line, message: e.message, severity: 'error' }));
  if (problems.length) return { phrasing: NO_PHRASING, problems };
  const parsed = PhrasingFile.safeParse(yaml.data ?? {});
  if (!parsed.success) return { phrasing: NO_PHRASING, problems: zodProblems(parsed.error, yaml, file, 0) };
  return { phrasing: parsed.data, problems };
}

function parseSynonymsFile(text: string, file: string): { groups: string[][]; problems: Problem[] } {
  const yaml: LocatedYaml = parseLocatedYaml(text);
  const problems: Problem[] = yaml.errors.map((e) => ({ file, line: e.line, message: e.message, severity: 'error' }));
  if (problems.length) return { groups: [], problems };
  const parsed = SynonymsFile.safeParse(yaml.data ?? {});
  if (!parsed.success) return { groups: [], problems: zodProblems(parsed.error, yaml, file, 0) };
  return { groups: parsed.data.groups, problems };
}

/** Checks that need every document: unique ids, supersession targets, glossary terms. */
function crossChecks(docs: LoadedDocument[], checklist: LoadedChecklist | undefined): { keep: LoadedDocument[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const byId = new Map<string, LoadedDocument>();
  const keep: LoadedDocument[] = [];
  for (const d of docs) {
    const id = d.frontMatter.id;
    const first = byId.get(id);
    if (first) {
      problems.push({ file: d.file, line: d.lineOf(['id']), message: `id "${id}" is already used by ${first.file}:${first.lineOf(['id'])}`, severity: 'error' });
      continue;
    }
    if (checklist && id === 'cis') {
      problems.push({ file: d.file, line: d.lineOf(['id']), message: `id "cis" is reserved for ${checklist.file}`, severity: 'error' });
      continue;
    }
    byId.set(id, d);
    keep.push(d);
  }
  const ids = new Set([...byId.keys(), ...(checklist ? ['cis'] : [])]);
  for (const d of keep) {
    const target = d.frontMatter.supersededBy;
    if (!target) continue;
    if (target === d.frontMatter.id) {
      problems.push({ file: d.file, line: d.lineOf(['supersededBy']), message: 'supersededBy names this document itself', severity: 'error' });
    } else if (!ids.has(target)) {
      problems.push({ file: d.file, line: d.lineOf(['supersededBy']), message: `supersededBy "${target}" is not the id of any document`, severity: 'error' });
    }
  }
  // Supersession chains must end somewhere.
  for (const d of keep) {
    const seen = new Set<string>([d.frontMatter.id]);
    let next = d.frontMatter.supersededBy ? byId.get(d.frontMatter.supersededBy) : undefined;
    while (next) {
      if (seen.has(next.frontMatter.id)) {
        problems.push({ file: d.file, line: d.lineOf(['supersededBy']), message: 'supersededBy goes round in a circle', severity: 'error' });
        break;
      }
      seen.add(next.frontMatter.id);
      next = next.frontMatter.supersededBy ? byId.get(next.frontMatter.supersededBy) : undefined;
    }
  }
  // Glossary terms: unique, and supersededBy names another term.
  const terms = new Map<string, { doc: LoadedDocument; index: number }>();
  const names = new Set<string>();
  for (const d of keep) {
    (d.frontMatter.terms ?? []).forEach((t, index) => {
      const key = t.term.toLowerCase();
      const first = terms.get(key);
      if (first) {
        problems.push({ file: d.file, line: d.lineOf(['terms', index, 'term']), message: `glossary term "${t.term}" is already defined at ${first.doc.file}:${first.doc.lineOf(['terms', first.index, 'term'])}`, severity: 'error' });
      } else terms.set(key, { doc: d, index });
      names.add(key);
      t.also.forEach((a) => names.add(a.toLowerCase()));
      names.add(t.standsFor.toLowerCase());
    });
  }
  for (const d of keep) {
    (d.frontMatter.terms ?? []).forEach((t: GlossaryTerm, index) => {
      if (t.supersededBy && !names.has(successorName(t.supersededBy).toLowerCase()) && !names.has(t.supersededBy.toLowerCase())) {
        problems.push({ file: d.file, line: d.lineOf(['terms', index, 'supersededBy']), message: `supersededBy "${t.supersededBy}" is not a glossary term`, severity: 'warning' });
      }
    });
  }
  return { keep, problems };
}

export interface LoadCorpusOptions {
  /** File paths in problems are shown relative to this (default: the current directory). */
  displayRoot?: string;
}

/** The knowledge files of a directory as read, before any parsing, with the problems met reading them. */
export interface KnowledgeFiles {
  dir: string;
  files: RawFile[];
  problems: Problem[];
}

export async function loadCorpus(dir: string, options: LoadCorpusOptions = {}): Promise<Corpus> {
  const read = await readKnowledgeFiles(dir, options);
  return corpusFromFiles(read.dir, read.files, read.problems);
}

export async function readKnowledgeFiles(dir: string, options: LoadCorpusOptions = {}): Promise<KnowledgeFiles> {
  const displayRoot = options.displayRoot ?? process.cwd();
  const absDir = path.resolve(dir);
  let paths: string[] = [];
  const problems: Problem[] = [];
  try {
    paths = (await walk(absDir)).sort();
  } catch (err) {
    problems.push({ file: toDisplay(absDir, displayRoot), line: 1, message: `cannot read the knowledge directory (${(err as Error).message})`, severity: 'error' });
  }
  const files: RawFile[] = [];
  for (const abs of paths) {
    const rel = path.relative(absDir, abs).split(path.sep).join('/');
    const display = toDisplay(abs, displayRoot);
    const isMarkdown = /\.md$/i.test(rel) && !/(^|\/)readme\.md$/i.test(rel);
    const isKnownYaml = rel === CHECKLIST_FILE || rel === SYNONYMS_FILE || rel === PHRASING_FILE;
    if (!isMarkdown && !isKnownYaml) {
      if (!/(^|\/)readme\.md$/i.test(rel)) {
        problems.push({ file: display, line: 1, message: 'ignored: knowledge documents are Markdown files ending in .md', severity: 'warning' });
      }
      continue;
    }
    files.push({ abs, rel, display, text: await readFile(abs, 'utf8') });
  }
  return { dir: absDir, files, problems };
}

/**
 * What decides whether a serialised index is current: the engine version and every file's path
 * and text. Computed from the files as read, so a current index is known without parsing them.
 */
export function contentHashOf(files: readonly { rel: string; text: string }[]): string {
  const hash = createHash('sha256').update(`engine:${ENGINE_VERSION}\0`);
  for (const f of [...files].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0))) hash.update(`${f.rel}\0${f.text}\0`);
  return hash.digest('hex');
}

/** Build a corpus from in-memory files (used by tests and by loadCorpus). */
export function corpusFromFiles(dir: string, files: { rel: string; display?: string; text: string }[], initial: Problem[] = []): Corpus {
  const problems = [...initial];
  const docs: LoadedDocument[] = [];
  let checklist: LoadedChecklist | undefined;
  let synonyms: string[][] = [];
  let phrasing: Phrasing = NO_PHRASING;
  const sorted = [...files].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  for (const f of sorted) {
    const display = f.display ?? f.rel;
    if (f.rel === CHECKLIST_FILE) {
      const r = parseChecklistFile(f.text, display);
      problems.push(...r.problems);
      checklist = r.checklist;
    } else if (f.rel === SYNONYMS_FILE) {
      const r = parseSynonymsFile(f.text, display);
      problems.push(...r.problems);
      synonyms = r.groups;
    } else if (f.rel === PHRASING_FILE) {
      const r = parsePhrasingFile(f.text, display);
      problems.push(...r.problems);
      phrasing = r.phrasing;
    } else {
      const r = parseMarkdownDocument(f.text, display);
      problems.push(...r.problems);
      if (r.document) docs.push(r.document);
    }
  }
  const cross = crossChecks(docs, checklist);
  problems.push(...cross.problems);
  return {
    dir,
    documents: cross.keep,
    checklist,
    synonyms,
    phrasing,
    problems,
    contentHash: contentHashOf(sorted),
    files: sorted.map((f) => f.display ?? f.rel),
  };
}

/** A document added beside the curated files (a briefing published in Teams), as Markdown with front-matter. */
export interface ExtraDocument {
  /** Display path in problems, e.g. "publications/kestrel-review-cycle.md". */
  rel: string;
  text: string;
}

/**
 * The curated corpus plus extra documents (issue 13: briefings published from
 * Teams live in the database, not in knowledge/). Each extra is validated like a
 * knowledge file and goes through the same checks across documents; `supersede`
 * marks curated or extra documents as replaced by a later one (`[old, new]`),
 * unless their own front-matter already names a successor.
 */
export function withExtraDocuments(corpus: Corpus, extra: readonly ExtraDocument[], supersede: ReadonlyArray<readonly [string, string]> = []): Corpus {
  const problems = [...corpus.problems];
  const hash = createHash('sha256').update(`${corpus.contentHash}\0`);
  const docs = [...corpus.documents];
  for (const f of extra) {
    hash.update(`${f.rel}\0${f.text}\0`);
    const r = parseMarkdownDocument(f.text, f.rel);
    problems.push(...r.problems);
    if (r.document) docs.push(r.document);
  }
  const successors = new Map(supersede);
  for (const [oldId, newId] of supersede) hash.update(`supersede\0${oldId}\0${newId}\0`);
  const marked = docs.map((d) =>
    successors.has(d.frontMatter.id) && !d.frontMatter.supersededBy ? { ...d, frontMatter: { ...d.frontMatter, supersededBy: successors.get(d.frontMatter.id) } } : d,
  );
  const cross = crossChecks(marked, corpus.checklist);
  // The curated documents were checked on their own already; report only what the extras add.
  const known = new Set(corpus.problems.map((p) => `${p.file}:${p.line}:${p.message}`));
  problems.push(...cross.problems.filter((p) => !known.has(`${p.file}:${p.line}:${p.message}`)));
  return { ...corpus, documents: cross.keep, problems, contentHash: hash.digest('hex'), files: [...corpus.files, ...extra.map((f) => f.rel)] };
}
