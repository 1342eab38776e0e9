/**
 * Recurring themes on literals: a question becomes a topic and an outcome, the
 * nearest topic of a declined one, opaque partnership keys, and the report's
 * suppression and periods.
 */
import { describe, expect, it } from 'vitest';
import type { Answer, ChecklistItemRef, SearchOptions } from '../../src/knowledge/types.js';
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
  const asked: string[] = [];
  const kb = {
    ask(question: string, _options?: SearchOptions): Answer {
      asked.push(question);
      const answered = /funding/i.test(question);
      return { answered, answer: '', sentences: [], suggestions: [], relatedChecklistItems: [], passages: answered ? [{ topic: 'scrutiny', headingPath: ['Funding the scrutineer'] } as Answer['passages'][number]] : [] };
    },
  };
  const declined = (suggestions: string[], items: ChecklistItemRef[] = []) => ({ suggestions, relatedChecklistItems: items });

  it('searches only the suggestions that share a word with the question, then tries the checklist', () => {
    expect(nearestTopic(kb, 'who pays funding for the pension', declined(['Funding the scrutineer', 'independent scrutiny']))).toBe('guidance:scrutiny');
    expect(asked).toEqual(['Funding the scrutineer']);
    expect(nearestTopic(kb, 'can we skip the yearly report', declined(['independent scrutiny'], [{ itemId: 'CIS-H2', sectionId: 'H', question: '' }]))).toBe('checklist:H');
    expect(nearestTopic(kb, 'best chocolate cake', declined(['independent scrutiny', 'lead safeguarding partners']))).toBeUndefined();
    expect(asked).toHaveLength(1);
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
