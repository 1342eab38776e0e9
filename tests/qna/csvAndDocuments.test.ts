import { describe, expect, it } from 'vitest';
import type { DocumentSummary, TopicSummary } from '../../src/knowledge/types.js';
import { csvCell, feedbackCsv } from '../../src/qna/csv.js';
import { briefingsNewestFirst, documentRow, findTopic } from '../../src/qna/documents.js';

describe('feedback CSV', () => {
  it('writes the header and one CRLF line per vote', () => {
    const csv = feedbackCsv([
      { id: '1', createdAt: '2026-01-01T10:00:00.000Z', vote: 'up', question: 'what is a dsp', passageIds: ['glossary#dsp', 'wt2023#x'], conversationType: 'personal' },
      { id: '2', createdAt: '2026-01-02T10:00:00.000Z', vote: 'down', question: null, passageIds: [], conversationType: 'channel' },
    ]);
    expect(csv).toBe(
      'created_at,vote,question,passage_ids,conversation_type\r\n' +
        '2026-01-01T10:00:00.000Z,up,what is a dsp,glossary#dsp wt2023#x,personal\r\n' +
        '2026-01-02T10:00:00.000Z,down,,,channel\r\n',
    );
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('who, what')).toBe('"who, what"');
    expect(csvCell('the "chair"')).toBe('"the ""chair"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded ')).toBe('" padded "');
  });

  it('stops a spreadsheet from running a question as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('writes just the header when there is no feedback', () => {
    expect(feedbackCsv([])).toBe('created_at,vote,question,passage_ids,conversation_type\r\n');
  });
});

const doc = (id: string, date: string, kind: DocumentSummary['kind'] = 'briefing', extra: Partial<DocumentSummary> = {}): DocumentSummary => ({
  id,
  title: `Title ${id}`,
  kind,
  topic: 'leadership',
  source: { title: `Title ${id}`, publisher: 'VKPP', date, dateLabel: date, document: 'doc' },
  superseded: false,
  ...extra,
});

describe('briefings and topics', () => {
  it('lists briefings only, newest first, with partial dates before full ones of the same period', () => {
    const list = briefingsNewestFirst([doc('a', '2019'), doc('b', '2022-06'), doc('g', '2023-12', 'guidance'), doc('c', '2023-12'), doc('d', '2022-06-15'), doc('e', '2022')]);
    expect(list.map((d) => d.id)).toEqual(['c', 'd', 'b', 'e', 'a']);
  });

  it('shows a document row with its source line, area and superseded note', () => {
    const row = documentRow(doc('x', '2018-07', 'guidance', { area: 'Devon', superseded: true, supersededBy: { id: 'y', title: 'The ICB guidance' } }));
    expect(row).toMatchObject({ sourceLine: 'Devon · VKPP · 2018-07', superseded: true, supersededNote: 'Superseded by the ICB guidance — check the current guidance.', command: 'about x' });
  });

  const topics: TopicSummary[] = [
    { topic: 'scrutiny', label: 'Independent scrutiny', documentCount: 5 },
    { topic: 'agencies-schools', label: 'Relevant agencies and schools', documentCount: 1 },
    { topic: 'practice-examples', label: 'Practice examples by area', documentCount: 18 },
  ];

  it.each([
    ['scrutiny', 'scrutiny'],
    ['Independent scrutiny', 'scrutiny'],
    ['agencies-schools', 'agencies-schools'],
    ['schools', 'agencies-schools'],
    ['practice', 'practice-examples'],
    ['PRACTICE EXAMPLES', 'practice-examples'],
  ])('finds the topic %j', (text, topic) => {
    expect(findTopic(topics, text)?.topic).toBe(topic);
  });

  it('finds nothing for an unknown topic', () => {
    expect(findTopic(topics, 'cookery')).toBeUndefined();
    expect(findTopic(topics, '  ')).toBeUndefined();
  });
});
