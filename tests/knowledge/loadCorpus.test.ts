import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusFromFiles, loadCorpus, parseMarkdownDocument, splitFrontMatter } from '../../src/knowledge/loadCorpus.js';
import { formatProblem } from '../../src/knowledge/problems.js';
import { BASIC, BROKEN, REAL } from './helpers.js';

/** The 1-based line of the first line of a fixture file containing `text`. */
function lineOf(file: string, text: string): number {
  const i = readFileSync(path.join(BROKEN, file), 'utf8').split('\n').findIndex((l) => l.includes(text));
  if (i < 0) throw new Error(`${text} not in ${file}`);
  return i + 1;
}

describe('front-matter problems are reported as file:line: message', async () => {
  const corpus = await loadCorpus(BROKEN, { displayRoot: BROKEN });
  const lines = corpus.problems.map(formatProblem);
  const has = (file: string, line: number, pattern: RegExp) =>
    expect(lines.some((l) => l.startsWith(`${file}:${line}: `) && pattern.test(l)), `${file}:${line} ${pattern}\n${lines.join('\n')}`).toBe(true);

  it('points at the line of a bad field', () => {
    has('bad-fields.md', lineOf('bad-fields.md', 'kind: memo'), /kind: must be one of: guidance, briefing/);
    has('bad-fields.md', lineOf('bad-fields.md', 'published:'), /published: use YYYY, YYYY-MM or YYYY-MM-DD/);
    has('bad-fields.md', lineOf('bad-fields.md', 'editor:'), /unknown field "editor"/);
  });

  it('reports a missing field at the start of the front-matter', () => {
    has('bad-fields.md', 2, /publisher: is required/);
  });

  it('reports YAML syntax errors, a missing front-matter block and contact details', () => {
    expect(lines.some((l) => /^yaml-error\.md:\d+: YAML: /.test(l))).toBe(true);
    has('no-front-matter.md', 1, /missing front-matter/);
    has('contact.md', lineOf('contact.md', '@example.org'), /remove personal e-mail addresses and phone numbers/);
  });

  it('checks across documents: duplicate ids and dangling supersededBy', () => {
    has('duplicate-b.md', lineOf('duplicate-b.md', 'id: same-id'), /id "same-id" is already used by duplicate-a\.md:2/);
    has('superseded-missing.md', lineOf('superseded-missing.md', 'supersededBy'), /supersededBy "does-not-exist" is not the id of any document/);
  });

  it('checks the checklist definition with line numbers', () => {
    const cis = readFileSync(path.join(BROKEN, 'checklist', 'cis.yaml'), 'utf8').split('\n');
    const item = cis.findIndex((l) => l.includes('CIS-Z1')) + 1;
    has('checklist/cis.yaml', item, /sections\[0\]\.items\[1\]\.why: is required/);
  });

  it('keeps the valid documents and drops the broken ones', () => {
    const ids = corpus.documents.map((d) => d.frontMatter.id).sort();
    expect(ids).toEqual(['good', 'same-id', 'superseded-missing']);
    expect(corpus.documents.find((d) => d.frontMatter.id === 'same-id')!.file).toBe('duplicate-a.md');
  });
});

describe('valid corpora', () => {
  it('the fixture corpus and the real corpus have no errors', async () => {
    for (const dir of [BASIC, REAL]) {
      const corpus = await loadCorpus(dir);
      expect(corpus.problems.filter((p) => p.severity === 'error').map(formatProblem)).toEqual([]);
      expect(corpus.documents.length).toBeGreaterThan(0);
    }
  });

  it('the real corpus has no warnings either (every asked line sits under its heading)', async () => {
    const corpus = await loadCorpus(REAL);
    expect(corpus.problems.map(formatProblem)).toEqual([]);
  });

  it('warns about a misplaced asked line with its file line, and keeps the document', () => {
    const good = readFileSync(path.join(BROKEN, 'good.md'), 'utf8');
    const text = `${good.trimEnd()}\n\nA closing paragraph.\n<!-- asked: where does this go -->\n`;
    const parsed = parseMarkdownDocument(text, 'good.md');
    expect(parsed.document).toBeDefined();
    const line = text.split('\n').findIndex((l) => l.includes('where does this go')) + 1;
    expect(parsed.problems.map(formatProblem)).toEqual([`good.md:${line}: warning: an asked line belongs directly under a heading (it was ignored)`]);
  });

  it('accepts a year written as a bare number', async () => {
    const corpus = await loadCorpus(BASIC);
    expect(corpus.documents.find((d) => d.frontMatter.id === 'health-partners')!.frontMatter.published).toBe('2022');
  });

  it('hashes content, not file times: same files give the same hash, any edit changes it', () => {
    const files = [{ rel: 'a.md', text: readFileSync(path.join(BROKEN, 'good.md'), 'utf8') }];
    const a = corpusFromFiles('/x', files).contentHash;
    expect(corpusFromFiles('/y', files).contentHash).toBe(a);
    expect(corpusFromFiles('/x', [{ rel: 'a.md', text: `${files[0]!.text}\nMore.` }]).contentHash).not.toBe(a);
  });

  it('splits front-matter from the body and knows the body line', () => {
    const split = splitFrontMatter('---\nid: x\n---\n\n## H\n');
    expect(split).toMatchObject({ yaml: 'id: x', bodyStartLine: 4 });
    const parsed = parseMarkdownDocument('---\nid: x\n---\nBody', 'x.md');
    expect(parsed.document).toBeUndefined();
    expect(parsed.problems.map(formatProblem)).toEqual(expect.arrayContaining(['x.md:2: title: is required']));
  });
});
