/**
 * From file to draft: each fixture (made by generate.ts in tests/fixtures/publishing) read by the
 * real libraries, and the pure helpers that find a briefing's details and shape its Markdown.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/app.js';
import { blocksToMarkdown } from '../../src/publishing/blocks.js';
import { checkBriefing, newBriefingId } from '../../src/publishing/briefingDocument.js';
import { firstDate, statedPublisher } from '../../src/publishing/details.js';
import { readDraft, redactContacts, REDACTED } from '../../src/publishing/draft.js';
import { PublishError } from '../../src/publishing/errors.js';
import { blocksFromLines, pdfDate } from '../../src/publishing/extract/pdf.js';
import { blocksFromHtml } from '../../src/publishing/extract/docx.js';
import { fileTypeOf } from '../../src/publishing/fileTypes.js';

const fixture = (name: string) => new Uint8Array(readFileSync(join(PROJECT_ROOT, 'tests', 'fixtures', 'publishing', name)));

async function problemOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PublishError) return error.problem;
    throw error;
  }
  return 'none';
}

describe('reading the fixtures', () => {
  it('a text PDF: title across two lines, headings by type size, paragraphs, details', async () => {
    const draft = await readDraft(fixture('kestrel-briefing.pdf'), 'kestrel-briefing.pdf', 'pdf');
    expect(draft).toMatchObject({
      title: 'The Kestrel review cycle: a briefing for partnership scrutineers',
      date: '2026-11-20',
      publisher: 'Northmoor Safeguarding Partnership',
      headings: ['What the Kestrel review cycle is', 'Who takes part in a Kestrel cycle', 'What happens to the findings'],
      passages: 4,
      redacted: 0,
    });
    expect(draft.body).toMatch(/^## What the Kestrel review cycle is\n\nThe Kestrel review cycle is a six-week rhythm .* lead safeguarding partners\.\n/m);
  });

  it('a Word document: the Title style is the title, Heading 1 the sections', async () => {
    const draft = await readDraft(fixture('heron-briefing.docx'), 'heron-briefing.docx', 'docx');
    expect(draft).toMatchObject({ title: 'The Heron handover pathway', date: '2026-10-02', publisher: 'Westbrook Children Partnership', passages: 4 });
    expect(draft.headings[1]).toBe('The three steps of a Heron handover');
  });

  it('Markdown, with or without front-matter', async () => {
    const text = '---\ntitle: The Wren welcome visit\npublisher: Eastfold Partnership\npublished: 2026-09-01\n---\n# The Wren welcome visit\n\n## What a Wren visit is\n\nA Wren visit is a first home visit made jointly by a health visitor and an early help worker within a fortnight of referral.\n';
    const draft = await readDraft(new TextEncoder().encode(text), 'wren.md', 'md');
    expect(draft).toMatchObject({ title: 'The Wren welcome visit', publisher: 'Eastfold Partnership', date: '2026-09-01', headings: ['What a Wren visit is'] });
    const plain = await readDraft(new TextEncoder().encode(text.replace(/^---[\s\S]*?---\n/, '')), 'wren.md', 'md');
    expect(plain.title).toBe('The Wren welcome visit');
  });

  it('refuses the bad files, each for its own reason', async () => {
    expect(await problemOf(readDraft(fixture('scanned.pdf'), 'scanned.pdf', 'pdf'))).toBe('no_text');
    expect(await problemOf(readDraft(fixture('encrypted.pdf'), 'encrypted.pdf', 'pdf'))).toBe('encrypted');
    expect(await problemOf(readDraft(fixture('corrupt.pdf'), 'corrupt.pdf', 'pdf'))).toBe('corrupt');
    expect(await problemOf(readDraft(fixture('corrupt.docx'), 'corrupt.docx', 'docx'))).toBe('corrupt');
    expect(await problemOf(readDraft(fixture('kestrel-briefing.pdf'), 'really-a-pdf.docx', 'docx'))).toBe('corrupt');
    expect(await problemOf(readDraft(new Uint8Array(), 'empty.md', 'md'))).toBe('corrupt');
    expect(await problemOf(readDraft(new TextEncoder().encode('# Hi\n'), 'short.md', 'md'))).toBe('no_text');
  });

  it('takes personal contact details out before anything is stored', async () => {
    const text = '# Contacts\n\n## Who to ask\n\nFor questions about the pilot write to jo.bloggs@example.org or ring 07700 900123 during office hours please.\n';
    const draft = await readDraft(new TextEncoder().encode(text), 'contacts.md', 'md');
    expect(draft.body).not.toMatch(/@|07700/);
    expect(draft.body).toContain(REDACTED);
    expect(draft.redacted).toBe(2);
    expect(redactContacts('call 020 7946 0000').count).toBe(1);
  });
});

describe('file types', () => {
  it('takes PDF, Word and Markdown by name or Teams fileType, and names anything else', () => {
    expect(fileTypeOf('a.PDF')).toBe('pdf');
    expect(fileTypeOf('a', 'docx')).toBe('docx');
    expect(fileTypeOf('notes.markdown')).toBe('md');
    expect(() => fileTypeOf('deck.pptx')).toThrow(/is a \.pptx file/);
    expect(() => fileTypeOf('README')).toThrow(/a file without a type/);
  });
});

describe('details a briefing states', () => {
  it('finds the first date, written any common way', () => {
    expect(firstDate('Published 3rd March 2026, revised 2027-01-01')).toBe('2026-03-03');
    expect(firstDate('Issued on 2026-05-31.')).toBe('2026-05-31');
    expect(firstDate('Dated 04/02/2026')).toBe('2026-02-04');
    expect(firstDate('Spring update, June 2025')).toBe('2025-06-01');
    // No such day: the month it names is still a date.
    expect(firstDate('31 February 2026')).toBe('2026-02-01');
    expect(firstDate('no date here')).toBeUndefined();
    expect(pdfDate('D:20261120090000Z')).toBe('2026-11-20');
  });

  it('finds who it says published it', () => {
    expect(statedPublisher('Published by the Northmoor Safeguarding Partnership, 20 November 2026')).toBe('Northmoor Safeguarding Partnership');
    expect(statedPublisher('Produced by Westbrook LSCP on 2 May 2026')).toBe('Westbrook LSCP');
    expect(statedPublisher('A briefing about scrutiny')).toBeUndefined();
  });
});

describe('shaping the Markdown', () => {
  it('headings become ## and below, paragraphs cannot be read as structure', () => {
    const md = blocksToMarkdown([
      { kind: 'heading', level: 2, text: 'Top' },
      { kind: 'paragraph', text: '# not a heading <!-- nor a comment -->' },
      { kind: 'heading', level: 3, text: 'Below' },
      { kind: 'paragraph', text: '--- not a rule' },
    ]);
    expect(md).toBe('## Top\n\n\\# not a heading   nor a comment  \n\n### Below\n\n\\--- not a rule\n');
  });

  it('PDF lines: wrapped headings join, a larger type is a higher heading, a gap starts a paragraph', () => {
    const line = (text: string, size: number, y: number) => ({ text, size, y, page: 1 });
    const blocks = blocksFromLines([
      line('A long title that', 20, 800),
      line('wraps', 20, 776),
      line('Section', 14, 740),
      line('First line of a paragraph that goes on', 11, 720),
      line('and on.', 11, 704),
      line('A new paragraph after a gap.', 11, 660),
    ]);
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, text: 'A long title that wraps' },
      { kind: 'heading', level: 2, text: 'Section' },
      { kind: 'paragraph', text: 'First line of a paragraph that goes on and on.' },
      { kind: 'paragraph', text: 'A new paragraph after a gap.' },
    ]);
  });

  it("mammoth's HTML: headings, paragraphs, list items and table rows", () => {
    expect(blocksFromHtml('<h2>Steps &amp; checks</h2><p>One&nbsp;thing</p><ul><li>First</li></ul><table><tr><td>a</td><td>b</td></tr></table>')).toEqual([
      { kind: 'heading', level: 2, text: 'Steps & checks' },
      { kind: 'paragraph', text: 'One thing' },
      { kind: 'paragraph', text: '- First' },
      { kind: 'paragraph', text: 'a | b' },
    ]);
  });
});

describe('the briefing document', () => {
  const details = { title: 'The Kestrel review cycle', date: '2026-11-20', publisher: 'Northmoor Safeguarding Partnership', topic: 'scrutiny' as const, keyPoints: ['One key point, long enough.', 'Two key points, long enough.', 'Three key points, long enough.'] };
  const source = { id: 'the-kestrel-review-cycle-2026', details, body: '## What it is\n\nA six-week rhythm of looking again at closed referrals.\n', fileName: 'k.pdf', publishedByName: 'Fran', publishedAt: '2026-12-03T08:00:00.000Z' };

  it('new ids come from the title and year, never reusing one', () => {
    expect(newBriefingId('The Kestrel review cycle', '2026-11-20', new Set())).toBe('the-kestrel-review-cycle-2026');
    expect(newBriefingId('The Kestrel review cycle', '2026-11-20', new Set(['the-kestrel-review-cycle-2026']))).toBe('the-kestrel-review-cycle-2026-2');
    expect(newBriefingId('Briefing 2026', '2026', new Set())).toBe('briefing-2026');
  });

  it('passes the knowledge files’ own validator, and refuses contact details in the key points', () => {
    expect(checkBriefing(source)).toEqual({ passages: 1 });
    expect(() => checkBriefing({ ...source, details: { ...details, keyPoints: [...details.keyPoints.slice(0, 2), 'Write to a.person@example.org'] } })).toThrow(/e-mail addresses and phone numbers/);
  });
});
