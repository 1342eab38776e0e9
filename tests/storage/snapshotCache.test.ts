/**
 * Kept assessment snapshots: brought up to date from answer changes only when
 * those explain every version in between; two instances on one database each
 * see the other's changes (answers, actions, sign-off) on the next read.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { AssessmentRecord, AssessmentSnapshot, HistoryRecord } from '../../src/checklist/types.js';
import { openStorage } from '../../src/storage/index.js';
import { withAnswerChanges } from '../../src/storage/snapshotCache.js';
import { testDatabases } from '../support/databases.js';

const alex = { id: '29:alex', name: 'Alex Chief' };
const sam = { id: '29:sam', name: 'Sam Delegate' };

function record(version: number): AssessmentRecord {
  return { id: 'cis-a', ownerKey: 'team:1', ownerKind: 'team', tenantId: null, partnershipName: 'P', checklistVersion: '1.0', status: 'in_progress', version, createdAt: 't', createdByName: 'A', updatedAt: 't', signedOffByName: null, signedOffAt: null };
}
const change = (itemId: string, revision: number, assessmentVersion: number, value: 'yes' | 'no' = 'yes'): HistoryRecord => ({ itemId, value, note: null, byId: 'u', byName: 'U', at: `t${assessmentVersion}`, revision, assessmentVersion });
const empty = (version: number): AssessmentSnapshot => ({ assessment: record(version), answers: new Map(), actions: new Map(), history: [], events: [] });

describe('withAnswerChanges', () => {
  it('applies answer changes that account for every version since the snapshot', () => {
    const before = empty(3);
    const after = withAnswerChanges(before, record(5), [change('CIS-A2', 1, 5), change('CIS-A1', 1, 4)]);
    expect(after?.assessment.version).toBe(5);
    expect([...after!.answers.keys()].sort()).toEqual(['CIS-A1', 'CIS-A2']);
    expect(after!.history.map((h) => h.assessmentVersion)).toEqual([4, 5]);
    // The kept snapshot is shared by turns: it is never changed in place.
    expect(before.answers.size).toBe(0);
    expect(before.history).toEqual([]);
  });

  it('gives up when a version in between was not an answer change (actions, sign-off, reopen)', () => {
    expect(withAnswerChanges(empty(3), record(5), [change('CIS-A1', 1, 5)])).toBeUndefined();
    expect(withAnswerChanges(empty(3), record(4), [])).toBeUndefined();
  });

  it('does not count a change twice when a full read already held it', () => {
    const held = withAnswerChanges(empty(1), record(2), [change('CIS-A1', 1, 2)])!;
    const labelledEarlier = { ...held, assessment: record(1) };
    const again = withAnswerChanges(labelledEarlier, record(3), [change('CIS-A1', 1, 2), change('CIS-A1', 2, 3, 'no')])!;
    expect(again.history.map((h) => h.revision)).toEqual([1, 2]);
    expect(again.answers.get('CIS-A1')).toMatchObject({ revision: 2, value: 'no' });
  });
});

describe.each(testDatabases())('kept snapshots on $name', (target) => {
  afterAll(() => target.dropAll());

  it('two instances on one database see each other’s answers, actions and sign-off', async () => {
    const options = await target.create();
    const one = await openStorage(options);
    const two = await openStorage(options);
    try {
      const { assessment } = await one.assessments.create({ ownerKey: 'team:1', ownerKind: 'team', tenantId: 't', partnershipName: 'P', checklistVersion: '1.0', by: alex });
      const id = assessment.id;
      expect((await two.assessments.snapshot(id)).answers.size).toBe(0);
      await one.assessments.saveAnswer({ assessmentId: id, itemId: 'CIS-A1', value: 'partly', note: null, expectedRevision: 0, by: alex });
      expect((await two.assessments.snapshot(id)).answers.get('CIS-A1')).toMatchObject({ value: 'partly', byName: 'Alex Chief' });
      await two.assessments.saveAnswer({ assessmentId: id, itemId: 'CIS-A1', value: 'yes', note: 'board minutes', expectedRevision: 1, by: sam });
      const seen = await one.assessments.snapshot(id);
      expect(seen.answers.get('CIS-A1')).toMatchObject({ value: 'yes', revision: 2, byName: 'Sam Delegate' });
      expect(seen.history.map((h) => h.revision)).toEqual([1, 2]);
      await two.assessments.saveActions({ assessmentId: id, rows: [{ itemId: 'CIS-A1', owner: 'Head of QA', dueDate: '2027-01-31', expectedRevision: 0 }], by: sam });
      expect((await one.assessments.snapshot(id)).actions.get('CIS-A1')).toMatchObject({ owner: 'Head of QA' });
      const version = (await one.assessments.get(id))!.version;
      await two.assessments.signOff({ assessmentId: id, expectedVersion: version, by: sam });
      const signed = await one.assessments.snapshot(id);
      expect(signed.assessment.status).toBe('signed_off');
      expect(signed.events.map((e) => e.kind)).toEqual(['created', 'signed_off']);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('reads one row, not the whole assessment, for a snapshot nobody has changed', async () => {
    const storage = await openStorage(await target.create());
    try {
      const { assessment } = await storage.assessments.create({ ownerKey: 'team:2', ownerKind: 'team', tenantId: 't', partnershipName: 'P', checklistVersion: '1.0', by: alex });
      await storage.assessments.snapshot(assessment.id);
      const saved = await storage.assessments.saveAnswer({ assessmentId: assessment.id, itemId: 'CIS-A1', value: 'no', note: null, expectedRevision: 0, by: alex });
      const queries = vi.spyOn(storage.database.db, 'selectFrom');
      const after = await storage.assessments.snapshot(assessment.id);
      expect(after.answers.get('CIS-A1')?.value).toBe('no');
      expect(queries.mock.calls.map(([table]) => table)).toEqual(['assessments']);
      // Right after this instance's own save, the snapshot at the version it produced needs no read at all.
      queries.mockClear();
      const own = await storage.assessments.snapshotAt(assessment.id, saved.assessmentVersion);
      expect(own.assessment.version).toBe(saved.assessmentVersion);
      expect(own.answers.get('CIS-A1')?.revision).toBe(1);
      expect(queries).not.toHaveBeenCalled();
      queries.mockRestore();
    } finally {
      await storage.close();
    }
  });
});
