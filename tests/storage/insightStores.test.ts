/**
 * The national picture's and the themes' SQL aggregates: the same counts on
 * SQLite and PostgreSQL, from each partnership's latest assessment (signed off
 * where it has one), personal drafts left out, and one counter per day, topic,
 * outcome and partnership key.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { AnswerValue } from '../../src/checklist/definition.js';
import { openStorage, type Storage } from '../../src/storage/index.js';
import { testDatabases } from '../support/databases.js';

const by = { id: '29:a', name: 'Alex Chief' };
const ITEMS = ['CIS-A1', 'CIS-A2', 'CIS-B1'];

async function assess(storage: Storage, ownerKey: string, answers: Record<string, AnswerValue>, options: { kind?: 'team' | 'chat' | 'personal'; signOff?: boolean; at?: string } = {}) {
  const { assessment } = await storage.assessments.create({
    ownerKey,
    ownerKind: options.kind ?? 'team',
    tenantId: null,
    partnershipName: `Partnership ${ownerKey}`,
    checklistVersion: '1.0',
    by,
    at: options.at ? new Date(options.at) : undefined,
  });
  for (const [itemId, value] of Object.entries(answers)) {
    await storage.assessments.saveAnswer({ assessmentId: assessment.id, itemId, value, note: null, expectedRevision: 0, by });
  }
  if (options.signOff) {
    const current = await storage.assessments.get(assessment.id);
    await storage.assessments.signOff({ assessmentId: assessment.id, expectedVersion: current!.version, by });
  }
  return assessment.id;
}

describe.each(testDatabases())('insight stores on $name', (target) => {
  afterAll(() => target.dropAll());

  it('count each partnership once, from its signed-off assessment over a newer one in progress, leaving out personal drafts and other items', async () => {
    const storage = await openStorage(await target.create());
    try {
      await assess(storage, 'team:1', { 'CIS-A1': 'yes', 'CIS-A2': 'no' }, { signOff: true, at: '2025-01-01T00:00:00Z' });
      await assess(storage, 'team:1', { 'CIS-A1': 'no', 'CIS-B1': 'no' }, { at: '2026-01-01T00:00:00Z' });
      await assess(storage, 'chat:2', { 'CIS-A1': 'yes', 'CIS-B1': 'dont-know', 'CIS-Z9': 'yes' });
      await assess(storage, 'team:3', { 'CIS-A1': 'partly' });
      await assess(storage, 'user:4', { 'CIS-A1': 'no', 'CIS-A2': 'no' }, { kind: 'personal' });
      await assess(storage, 'team:5', {});

      const tallies = await storage.national.tallies(ITEMS);
      const answers = tallies.answers.map((a) => `${a.itemId} ${a.value} ${a.partnerships}`).sort();
      expect(answers).toEqual(['CIS-A1 partly 1', 'CIS-A1 yes 2', 'CIS-A2 no 1', 'CIS-B1 dont-know 1']);
      expect(tallies.sections.map((s) => `${s.sectionId} ${s.partnerships}`).sort()).toEqual(['A 3', 'B 1']);
      expect(tallies.partnerships).toBe(3);
      expect(JSON.stringify(tallies)).not.toMatch(/Partnership|team:|chat:|cis-/);
    } finally {
      await storage.close();
    }
  });

  it('add up themes per topic and outcome over a period, with distinct partnerships', async () => {
    const storage = await openStorage(await target.create());
    try {
      const record = (day: string, topic: string, outcome: 'answered' | 'declined', partnershipKey: string) => storage.themes.record({ day, topic, outcome, partnershipKey });
      await record('2026-03-01', 'guidance:scrutiny', 'answered', 'k1');
      await record('2026-03-01', 'guidance:scrutiny', 'answered', 'k1');
      await record('2026-03-02', 'guidance:scrutiny', 'answered', 'k2');
      await record('2026-03-02', 'checklist:E', 'declined', 'k2');
      await record('2026-02-01', 'guidance:leadership', 'answered', 'k3');

      const march = await storage.themes.tallies('2026-03-01');
      expect(march.rows.map((r) => `${r.topic} ${r.outcome} ${r.questions} ${r.partnerships}`).sort()).toEqual(['checklist:E declined 1 1', 'guidance:scrutiny answered 3 2']);
      expect(march.partnerships).toBe(2);
      expect((await storage.themes.tallies('2026-01-01')).partnerships).toBe(3);
      const rows = await storage.database.db.selectFrom('question_themes').selectAll().execute();
      expect(rows).toHaveLength(4);
      expect(Object.keys(rows[0]!).sort()).toEqual(['day', 'outcome', 'partnership_key', 'questions', 'topic']);
    } finally {
      await storage.close();
    }
  });

  it('keep one partnership-key secret, the same after reopening', async () => {
    const options = await target.create();
    const first = await openStorage(options);
    const [a, b] = await Promise.all([first.themes.keySecret(), first.themes.keySecret()]);
    expect(a).toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(32);
    await first.close();
    const second = await openStorage(options);
    expect(await second.themes.keySecret()).toBe(a);
    await second.close();
  });
});
