/**
 * The exported reports: Markdown that reads well and stays inert, CSV that
 * opens in Excel without ever running a formula.
 */
import { describe, expect, it } from 'vitest';
import { csvCell, csvRow, escapeMarkdown, renderCsv, renderMarkdown, reportFileName } from '../../src/checklist/report.js';
import { answer, assessment, fixture, snapshot } from './fixture.js';

const generatedAt = new Date('2026-03-05T17:00:00Z');

describe('CSV cells', () => {
  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell(' padded ')).toBe('" padded "');
    expect(csvCell(null)).toBe('');
    expect(csvRow(['a', 1, null, 'b,c'])).toBe('a,1,,"b,c"');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(csvCell('+44 20')).toBe("'+44 20");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell('a=b')).toBe('a=b');
  });
});

describe('the CSV report', () => {
  it('has a header and one row per item, with answers, notes, actions and follow-ups', () => {
    const snap = snapshot([answer('CIS-A1', 'yes', { note: 'Published, 2024' }), answer('CIS-A2', 'no', { note: '=cmd|calc' }), answer('CIS-B1', 'dont-know')]);
    snap.actions.set('CIS-A2', { itemId: 'CIS-A2', owner: 'Chair', dueDate: '2026-06-30', updatedByName: 'Alex Chief', updatedAt: '2026-03-02T11:00:00Z', revision: 1 });
    const lines = renderCsv(fixture, snap).split('\r\n');
    expect(lines).toEqual([
      'Section,Section title,Item,Question,Answer,Evidence note,Answered by,Answered at (UK time),Candidate action,Action owner,Action due,Follow up',
      'A,Arrangements,CIS-A1,Are the arrangements published?,Yes – evidenced,"Published, 2024",Alex Chief,2026-03-02 10:42,,,,',
      "A,Arrangements,CIS-A2,Is there a scrutiny plan?,No,'=cmd|calc,Alex Chief,2026-03-02 10:42,Yes,Chair,2026-06-30,",
      'A,Arrangements,CIS-A3,Is there a review cycle?,Not answered,,,,,,,',
      "B,Leadership,CIS-B1,Has each partner delegated?,Don't know,,Alex Chief,2026-03-02 10:42,,,,Yes",
      'B,Leadership,CIS-B2,Does scrutiny test leadership?,Not answered,,,,,,,',
      '',
    ]);
  });
});

describe('the Markdown report', () => {
  it('escapes text people typed so it cannot format, link or break tables', () => {
    expect(escapeMarkdown('a *b* _c_ [link](http://x) <script> | # h')).toBe('a \\*b\\* \\_c\\_ \\[link\\](http://x) \\<script\\> \\| \\# h');
    expect(escapeMarkdown('- not a list\n1. nor this')).toBe('\\- not a list\n\\1. nor this');
  });

  it('has the summary, candidate actions, follow-ups, gaps and every answer with its note', () => {
    const snap = snapshot([answer('CIS-A1', 'yes', { note: 'MASA *2024*\nSigned off in May' }), answer('CIS-A2', 'partly', { byName: 'Sam | Delegate' }), answer('CIS-B1', 'dont-know')], {
      assessment: assessment({ status: 'signed_off', signedOffByName: 'Alex Chief', signedOffAt: '2026-03-05T16:00:00.000Z' }),
    });
    snap.actions.set('CIS-A2', { itemId: 'CIS-A2', owner: 'Head of QA', dueDate: '2026-07-31', updatedByName: 'Alex Chief', updatedAt: '2026-03-02T11:00:00Z', revision: 1 });
    const md = renderMarkdown(fixture, snap, { generatedAt });
    expect(md).toContain('# Checklist for Independent Scrutiny: Anytown SCP');
    expect(md).toContain('- **Status:** Signed off by Alex Chief on 5 March 2026 at 16:00');
    expect(md).toContain('- **Progress:** 3 of 5 items answered');
    expect(md).toContain('- **Contributors:** Alex Chief (2), Sam \\| Delegate (1)');
    expect(md).toContain('- **Exported:** 5 March 2026 at 17:00');
    expect(md).toContain('| A. Arrangements | 1 | 1 | 0 | 0 | 1 |');
    expect(md).toContain('| **All sections** | **1** | **1** | **0** | **1** | **2** |');
    expect(md).toContain('| CIS-A2 | Partly | Is there a scrutiny plan? | Head of QA | 31 July 2026 |');
    expect(md).toMatch(/## To follow up \(Don't know\)\n\n- \*\*CIS-B1\*\* Has each partner delegated\?/);
    expect(md).toMatch(/## Not yet answered\n\n- \*\*CIS-A3\*\* Is there a review cycle\?\n- \*\*CIS-B2\*\*/);
    expect(md).toContain('#### CIS-A1 (relies on Working Together 2023)');
    expect(md).toContain('- **Evidence note:**\n\n  > MASA \\*2024\\*\n  > Signed off in May');
    expect(md).toContain('- **Action:** owner Head of QA, due 31 July 2026');
    expect(md.endsWith('\n')).toBe(true);
    expect(md).not.toMatch(/\n{3,}/);
  });

  it('says None where a list is empty', () => {
    const md = renderMarkdown(fixture, snapshot([]), { generatedAt });
    expect(md).toMatch(/## Candidate actions \(No and Partly\)\n\nNone\./);
    expect(md).toContain('- **Status:** In progress');
  });

  it('names the file after the partnership and the date', () => {
    expect(reportFileName(snapshot([]), 'csv', generatedAt)).toBe('cis-anytown-scp-2026-03-05.csv');
    expect(reportFileName({ assessment: assessment({ partnershipName: '"; rm -rf /' }) }, 'md', generatedAt)).toBe('cis-rm-rf-2026-03-05.md');
  });
});
