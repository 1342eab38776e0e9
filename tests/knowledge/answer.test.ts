import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/knowledge/answer.js';
import { BASIC, REAL, knowledgeBaseFor } from './helpers.js';

describe('sentence splitting', () => {
  it('splits on sentence ends and lines, not on abbreviations or initials', () => {
    const s = splitSentences('Areas chose models, e.g. a pool. Prof. J. Pearce led it.\n• A list item\nThe end? Yes.');
    expect(s.map((x) => x.text)).toEqual(['Areas chose models, e.g. a pool.', 'Prof. J. Pearce led it.', '• A list item', 'The end?', 'Yes.']);
  });
});

describe('extractive answers', () => {
  it('quotes one to three sentences of the top passage, in reading order', async () => {
    for (const dir of [BASIC, REAL]) {
      const kb = await knowledgeBaseFor(dir);
      for (const q of ['who employs a scrutineer', 'critical friend', 'rapid review timescale', 'icb chief executive', 'essex schools']) {
        const a = kb.ask(q);
        if (!a.answered) continue;
        expect(a.sentences.length, q).toBeGreaterThanOrEqual(1);
        expect(a.sentences.length, q).toBeLessThanOrEqual(3);
        const text = a.passages[0]!.text;
        let from = 0;
        for (const s of a.sentences) {
          const at = text.indexOf(s, from);
          expect(at, `"${s}" is not in the passage, in order`).toBeGreaterThanOrEqual(0);
          from = at + s.length;
        }
        expect(a.answer).toBe(a.sentences.join(' '));
      }
    }
  });

  it('picks the sentence that answers, not just the first one', async () => {
    const kb = await knowledgeBaseFor(BASIC);
    const a = kb.ask('what methods do partnerships use');
    expect(a.answer).toContain('interviews, data analysis, focus groups');
    const b = kb.ask('which partnerships rely on panels instead of a scrutineer');
    expect(b.answer).toContain('The others relied on independent chairs or panels.');
  });

  it('carries the source title, publisher and date with every passage', async () => {
    const kb = await knowledgeBaseFor(BASIC);
    const p = kb.ask('purpose of independent scrutiny').passages[0]!;
    expect(p.source).toMatchObject({
      title: 'Working Together 2023: independent scrutiny',
      publisher: 'HM Government',
      date: '2023-12-15',
      dateLabel: '15 December 2023',
      url: 'https://www.gov.uk/government/publications/working-together-to-safeguard-children--2',
    });
  });
});
