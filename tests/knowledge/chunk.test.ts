import { describe, expect, it } from 'vitest';
import { chunkChecklist, chunkGlossary, chunkMarkdown, MAX_CHUNK_CHARS } from '../../src/knowledge/chunk.js';
import { askedProblems, inlineToPlain, slugify, splitSections } from '../../src/knowledge/markdown.js';
import { parseChecklist } from '../../src/checklist/definition.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BASIC } from './helpers.js';

const doc = (body: string, title = 'Working Together 2018') => ({ id: 'wt18', title, body, bodyStartLine: 10, tags: ['scrutiny'] });

describe('chunking at headings', () => {
  it('keeps the heading path with each chunk and titles it "document › heading"', () => {
    const chunks = chunkMarkdown(
      doc(['## Scrutiny', '', 'Intro to scrutiny.', '', '### Purpose', '', 'Assurance for children.', '', '## Yearly report', '', 'Published every year.'].join('\n')),
    );
    expect(chunks.map((c) => c.headingPath)).toEqual([['Scrutiny'], ['Scrutiny', 'Purpose'], ['Yearly report']]);
    expect(chunks[1]!.title).toBe('Working Together 2018 › Scrutiny › Purpose');
    expect(chunks[1]!.id).toBe('wt18#purpose');
    expect(chunks[1]!.text).toBe('Assurance for children.');
  });

  it('records the file line where each chunk starts', () => {
    const chunks = chunkMarkdown(doc(['## First', 'Text one.', '', '## Second', 'Text two.'].join('\n')));
    expect(chunks.map((c) => c.line)).toEqual([10, 13]);
  });

  it('drops a leading H1 that repeats the document title, and keeps text before the first heading', () => {
    const chunks = chunkMarkdown(doc(['Opening words.', '', '# Working Together 2018', '', '## Purpose', 'Assurance.'].join('\n')));
    expect(chunks[0]).toMatchObject({ id: 'wt18#overview', headingPath: [], text: 'Opening words.' });
    expect(chunks[1]!.headingPath).toEqual(['Purpose']);
  });

  it('turns Markdown into plain text: emphasis, links, lists and table rows', () => {
    const [chunk] = chunkMarkdown(
      doc(
        [
          '## Figures',
          'In **2022**, _67 of 100_ partnerships used a [scrutineer](https://example.org/x) (see `CIS`).',
          '',
          '- First point',
          '  continues here',
          '1. Numbered',
          '',
          '| Measure | Figure |',
          '|---|---|',
          '| Employ a scrutineer | **67 of 100** |',
        ].join('\n'),
      ),
    );
    expect(chunk!.text).toBe(
      [
        'In 2022, 67 of 100 partnerships used a scrutineer (see CIS).',
        '• First point continues here',
        '1. Numbered',
        'Measure | Figure',
        'Employ a scrutineer: 67 of 100',
      ].join('\n'),
    );
    expect(chunk!.text).not.toMatch(/[*_`[\]]|\(https?:/);
  });

  it('gives repeated headings distinct, stable ids', () => {
    const body = ['## Essex', '### Schools', 'A.', '## Brent', '### Schools', 'B.', '### Schools', 'C.'].join('\n');
    const ids = chunkMarkdown(doc(body)).map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(['wt18#schools', 'wt18#brent-schools', 'wt18#schools-2']);
    expect(chunkMarkdown(doc(body)).map((c) => c.id)).toEqual(ids);
  });

  it('splits a very long section at paragraph boundaries without losing text', () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) => `Paragraph ${i} ${'about scrutiny and assurance '.repeat(8)}`.trim());
    const chunks = chunkMarkdown(doc(['## Long section', ...paragraphs.flatMap((p) => ['', p])].join('\n')));
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(c.headingPath).toEqual(['Long section']);
      expect(c.text.length).toBeLessThanOrEqual(MAX_CHUNK_CHARS * 1.5);
    }
    expect(chunks.map((c) => c.text).join('\n')).toBe(paragraphs.join('\n'));
    expect(chunks[1]!.id).toBe('wt18#long-section-part-2');
  });

  it('leaves HTML comments out of the text', () => {
    const sections = splitSections(['## A', '<!-- hidden', 'note -->', 'Visible.'].join('\n'));
    expect(sections[1]!.blocks.map((b) => b.text)).toEqual(['Visible.']);
  });

  it('makes one chunk per glossary term and per checklist item', () => {
    const glossary = chunkGlossary('glossary', 'Glossary', [
      { term: 'CCG', standsFor: 'Clinical Commissioning Group', also: ['CCGs'], definition: 'The old health partner.', supersededBy: 'ICB' },
    ], 12);
    expect(glossary[0]).toMatchObject({ id: 'glossary#ccg', headingPath: ['CCG'] });
    expect(glossary[0]!.text).toContain('Clinical Commissioning Group');
    const [rapid] = chunkGlossary('glossary', 'Glossary', [{ term: 'Rapid review', standsFor: 'rapid review', also: [], definition: 'Done within 15 working days.' }], 1);
    expect(rapid!.text.split('\n')[0]).toBe('Rapid review.');

    const def = parseChecklist(readFileSync(path.join(BASIC, 'checklist', 'cis.yaml'), 'utf8'));
    const items = chunkChecklist(def);
    expect(items.map((c) => c.id)).toEqual(['cis#CIS-A1', 'cis#CIS-E2', 'cis#CIS-E3']);
    expect(items[2]!.title).toBe('Checklist for Independent Scrutiny › E. What is scrutinised › CIS-E3');
    expect(items[2]!.text).toContain('information is shared');
  });

  it('slugs and inline text are plain', () => {
    expect(slugify('Purpose of scrutiny (WT2018)')).toBe('purpose-of-scrutiny-wt2018');
    expect(slugify('Children’s voice')).toBe('childrens-voice');
    expect(inlineToPlain('**bold** and *em* and snake_case_word')).toBe('bold and em and snake_case_word');
  });
});

describe('asked lines: how readers ask for a section', () => {
  it('attach to the section they sit under, are never part of its text, and may span several lines', () => {
    const chunks = chunkMarkdown(
      doc(['## Purpose', '<!-- asked: why bother with scrutiny | point of a scrutineer -->', '<!-- asked: what is it for -->', '', 'Assurance for children.', '', '## Yearly report', '', 'Published every year.'].join('\n')),
    );
    expect(chunks[0]!.asked).toEqual(['why bother with scrutiny', 'point of a scrutineer', 'what is it for']);
    expect(chunks[0]!.text).toBe('Assurance for children.');
    expect(chunks[1]!.asked).toEqual([]);
  });

  it('are ignored anywhere but directly under a heading, and knowledge check says so with the line', () => {
    const body = ['## Purpose', '', 'Assurance for children.', '<!-- asked: misplaced question -->', '', '## Report', `<!-- asked: fine then | ${'x'.repeat(200)} | a -->`, 'Text.'].join('\n');
    const [purpose, report] = chunkMarkdown(doc(body));
    expect(purpose!.asked).toEqual([]);
    expect(report!.asked).toEqual(['fine then']);
    const problems = askedProblems(body, 10);
    expect(problems.map((p) => p.line)).toEqual([13, 16, 16]);
    expect(problems[0]!.message).toMatch(/directly under a heading/);
    expect(problems[1]!.message).toMatch(/3 to 160 characters/);
  });

  it('stay text inside a code fence, and a plain comment is still dropped', () => {
    const [chunk] = chunkMarkdown(doc(['## Example', '```', '<!-- asked: shown as code -->', '```', '<!-- a note for authors -->', 'Body.'].join('\n')));
    expect(chunk!.asked).toEqual([]);
    expect(chunk!.text).toContain('<!-- asked: shown as code -->');
    expect(chunk!.text).not.toContain('a note for authors');
  });

  it('come from checklist items too', () => {
    const def = parseChecklist(readFileSync(path.join(BASIC, 'checklist', 'cis.yaml'), 'utf8'));
    const item = { ...def.sections[0]!.items[0]!, asked: ['is our scrutineer really independent'] };
    const [chunk] = chunkChecklist({ ...def, sections: [{ ...def.sections[0]!, items: [item] }] });
    expect(chunk!.asked).toEqual(['is our scrutineer really independent']);
  });
});
