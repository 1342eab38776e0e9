/**
 * Recurring themes on literals: a question becomes a topic and an outcome, the
 * nearest topic of a declined one, opaque partnership keys, and the report's
 * suppression and periods.
 */
import { sharedKnowledge } from '../support/bot.js';
import { describe, expect, it } from 'vitest';
import type { Answer, ChecklistItemRef } from '../../src/knowledge/types.js';
import { nearestTopic } from '../../src/insight/nearestTopic.js';
import { partnershipKey } from '../../src/insight/partnershipKey.js';
import { knownTopics, periodStart, themeOf, themesReport, topicLabel, topicOfPassage, type ThemeTally } from '../../src/insight/themes.js';
import { realChecklist } from '../checklist/cardSamples.js';

const def = realChecklist();

describe('a question as a theme', () => {
  it('is the checklist section of a checklist item, or the guidance topic, of the passage that answered it', () => {
    expect(topicOfPassage({ topic: 'checklist', headingPath: ['E. What is scrutinised', 'CIS-E3'] })).toBe('checklist:E');
    expect(topicOfPassage({ topic: 'checklist', headingPath: ['About the checklist'] })).toBe('guidance:checklist');
    expect(topicOfPassage({ topic: 'scrutiny', headingPath: ['Who scrutinises', 'CIS-E3 mentioned'] })).toBe('guidance:scrutiny');
    expect(themeOf({ answered: true, passages: [{ topic: 'leadership', headingPath: [] }] })).toEqual({ topic: 'guidance:leadership', outcome: 'answered' });
  });

  it('is declined under the nearest topic, or none', () => {
    expect(themeOf({ answered: false, passages: [] }, 'checklist:C')).toEqual({ topic: 'checklist:C', outcome: 'declined' });
    expect(themeOf({ answered: false, passages: [] })).toEqual({ topic: 'none', outcome: 'declined' });
  });

  it('has a label for every known topic', () => {
    expect(topicLabel('checklist:E', def)).toBe('Checklist E. What is scrutinised');
    expect(topicLabel('guidance:scrutiny', def)).toBe('Independent scrutiny');
    expect(topicLabel('none', def)).toBe('No close topic');
    for (const topic of knownTopics(def)) expect(topicLabel(topic, def)).not.toBe(topic);
  });
});

describe('the nearest topic of a declined question', () => {
  const passage = (topic: string, heading: string) => ({ topic, headingPath: [heading] }) as unknown as Answer['passages'][number];
  const declined = (nearby: { label: string; passage: Answer['passages'][number] }[], items: ChecklistItemRef[] = []) => ({ nearby, relatedChecklistItems: items });

  it('takes the close passage that shares a word with the question, then the checklist, from the one search', () => {
    const funding = { label: 'Funding the scrutineer', passage: passage('scrutiny', 'Funding the scrutineer') };
    const other = { label: 'Who the lead partners are', passage: passage('leadership', 'Who the lead partners are') };
    expect(nearestTopic('who pays funding for the pension', declined([other, funding]))).toBe('guidance:scrutiny');
    expect(nearestTopic('can we skip the yearly report', declined([other], [{ itemId: 'CIS-H2', sectionId: 'H', question: '' }]))).toBe('checklist:H');
    expect(nearestTopic('best chocolate cake', declined([other, funding]))).toBeUndefined();
  });

  it('the knowledge base gives a declined answer its close passages', async () => {
    const kb = await sharedKnowledge();
    const a = kb.ask('who pays the scrutineer pension contributions');
    expect(a.answered).toBe(false);
    expect(a.nearby?.length).toBeGreaterThan(0);
    expect(a.suggestions).toEqual(expect.arrayContaining(a.nearby!.map((n) => n.label)));
  });
});

describe('partnership keys', () => {
  it('are opaque, stable per space and secret, and never made from a person in personal chat', () => {
    const team = partnershipKey('s1', { key: 'team:19:abc', kind: 'team' }, 't1');
    expect(team).toBe(partnershipKey('s1', { key: 'team:19:abc', kind: 'team' }, 't2'));
    expect(team).not.toBe(partnershipKey('s2', { key: 'team:19:abc', kind: 'team' }, 't1'));
    expect(team).not.toMatch(/abc|team/);
    const alex = partnershipKey('s1', { key: 'user:alex', kind: 'personal' }, 't1');
    expect(alex).toBe(partnershipKey('s1', { key: 'user:sam', kind: 'personal' }, 't1'));
    expect(alex).not.toBe(partnershipKey('s1', { key: 'user:alex', kind: 'personal' }, 't2'));
  });
});

describe('the themes report', () => {
  const today = new Date('2026-03-31T10:00:00Z');
  const rows: ThemeTally[] = [
    { topic: 'guidance:scrutiny', outcome: 'answered', questions: 40, partnerships: 5 },
    { topic: 'checklist:E', outcome: 'answered', questions: 12, partnerships: 4 },
    { topic: 'guidance:leadership', outcome: 'answered', questions: 60, partnerships: 9 },
    { topic: 'none', outcome: 'declined', questions: 7, partnerships: 6 },
    { topic: 'checklist:E', outcome: 'declined', questions: 2, partnerships: 1 },
  ];
  const report = themesReport({ tallies: { rows, partnerships: 12 }, def, days: 30, today, min: 5 });

  it('counts a period of days ending today', () => {
    expect(periodStart(today, 30)).toBe('2026-03-02');
    expect(periodStart(today, 1)).toBe('2026-03-31');
    expect([report.from, report.to]).toEqual(['2026-03-02', '2026-03-31']);
  });

  it('lists topics most asked first, suppressing those asked by fewer than 5 partnerships, and leaves them out of the totals', () => {
    expect(report.answered.map((t) => [t.topic, t.figures])).toEqual([
      ['guidance:leadership', { questions: 60, partnerships: 9 }],
      ['guidance:scrutiny', { questions: 40, partnerships: 5 }],
      ['checklist:E', null],
    ]);
    expect(report.declined.map((t) => [t.label, t.figures?.questions ?? null])).toEqual([
      ['No close topic', 7],
      ['Checklist E. What is scrutinised', null],
    ]);
    expect(report.totals).toEqual({ questions: 107, answered: 100, declined: 7, partnerships: 12 });
  });

  it('names the topics nobody asked about', () => {
    expect(report.notAsked).toContain('Practice examples by area');
    expect(report.notAsked).not.toContain('Independent scrutiny');
    expect(report.notAsked).not.toContain('Checklist E. What is scrutinised');
  });

  it('shows no totals when fewer than 5 partnerships asked anything', () => {
    expect(themesReport({ tallies: { rows: rows.slice(0, 1), partnerships: 4 }, def, days: 30, today, min: 5 }).totals).toBeNull();
  });
});
