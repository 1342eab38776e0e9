/**
 * The assessment store's contract, on SQLite and (when TEST_DATABASE_URL is set) PostgreSQL:
 * create/resume, answers with history, optimistic concurrency, actions, sign-off and reopen.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  ActionConflictError,
  AnswerConflictError,
  AssessmentClosedError,
  AssessmentVersionConflictError,
} from '../../src/checklist/types.js';
import { openStorage, type Storage } from '../../src/storage/index.js';
import { testDatabases } from '../support/databases.js';

const alex = { id: '29:alex', name: 'Alex Chief' };
const sam = { id: '29:sam', name: 'Sam Delegate' };

async function fresh(storage: Storage, ownerKey = 'team:19:abc') {
  const { assessment } = await storage.assessments.create({
    ownerKey,
    ownerKind: 'team',
    tenantId: 't1',
    partnershipName: 'Anytown SCP',
    checklistVersion: '1.0',
    by: alex,
    at: new Date('2026-03-02T09:00:00Z'),
  });
  return assessment;
}

describe.each(testDatabases())('assessment store on $name', (target) => {
  afterAll(() => target.dropAll());

  it('creates an assessment for a space and finds it again after reopening the database', async () => {
    const options = await target.create();
    const storage = await openStorage(options);
    const created = await fresh(storage);
    expect(created).toMatchObject({ ownerKey: 'team:19:abc', ownerKind: 'team', partnershipName: 'Anytown SCP', status: 'in_progress', version: 1, createdByName: 'Alex Chief' });
    expect(created.id).toMatch(/^cis-[a-z2-9]{10}$/);
    await storage.assessments.saveAnswer({ assessmentId: created.id, itemId: 'CIS-A1', value: 'partly', note: 'MASA 2024', expectedRevision: 0, by: alex });
    await storage.close();

    const again = await openStorage(options);
    const current = await again.assessments.current('team:19:abc');
    expect(current?.id).toBe(created.id);
    const snapshot = await again.assessments.snapshot(created.id);
    expect(snapshot.answers.get('CIS-A1')).toMatchObject({ value: 'partly', note: 'MASA 2024', byName: 'Alex Chief', revision: 1 });
    expect(snapshot.events.map((e) => e.kind)).toEqual(['created']);
    expect(await again.assessments.current('team:other')).toBeUndefined();
    await again.close();
  });

  it('keeps one assessment in progress per space: a second start returns the first', async () => {
    const storage = await openStorage(await target.create());
    const first = await fresh(storage);
    const second = await storage.assessments.create({ ownerKey: 'team:19:abc', ownerKind: 'team', tenantId: 't1', partnershipName: 'Other name', checklistVersion: '1.0', by: sam });
    expect(second.created).toBe(false);
    expect(second.assessment.id).toBe(first.id);
    const both = await Promise.all([
      storage.assessments.create({ ownerKey: 'chat:1', ownerKind: 'chat', tenantId: null, partnershipName: 'A', checklistVersion: '1.0', by: alex }),
      storage.assessments.create({ ownerKey: 'chat:1', ownerKind: 'chat', tenantId: null, partnershipName: 'B', checklistVersion: '1.0', by: sam }),
    ]);
    expect(both.filter((b) => b.created)).toHaveLength(1);
    expect(both[0].assessment.id).toBe(both[1].assessment.id);
    await storage.close();
  });

  it('keeps every change to an answer in its history, attributed, and bumps the assessment version', async () => {
    const storage = await openStorage(await target.create());
    const a = await fresh(storage);
    const first = await storage.assessments.saveAnswer({ assessmentId: a.id, itemId: 'CIS-B2', value: 'no', note: null, expectedRevision: 0, by: alex, at: new Date('2026-03-02T10:00:00Z') });
    expect(first.revision).toBe(1);
    const second = await storage.assessments.saveAnswer({ assessmentId: a.id, itemId: 'CIS-B2', value: 'partly', note: 'Scheme of delegation', expectedRevision: 1, by: sam, at: new Date('2026-03-02T10:42:00Z') });
    expect(second.revision).toBe(2);
    const history = await storage.assessments.history(a.id, 'CIS-B2');
    expect(history.map((h) => [h.revision, h.value, h.note, h.byName, h.at, h.assessmentVersion])).toEqual([
      [1, 'no', null, 'Alex Chief', '2026-03-02T10:00:00.000Z', 2],
      [2, 'partly', 'Scheme of delegation', 'Sam Delegate', '2026-03-02T10:42:00.000Z', 3],
    ]);
    expect((await storage.assessments.get(a.id))?.version).toBe(3);
    expect((await storage.assessments.changesSince(a.id, 2)).map((h) => h.value)).toEqual(['partly']);
    await storage.close();
  });

  it('refuses a write made from a stale revision, says who changed it, and saves nothing', async () => {
    const storage = await openStorage(await target.create());
    const a = await fresh(storage);
    await storage.assessments.saveAnswer({ assessmentId: a.id, itemId: 'CIS-C1', value: 'partly', note: 'Pool of three', expectedRevision: 0, by: sam });
    const stale = storage.assessments.saveAnswer({ assessmentId: a.id, itemId: 'CIS-C1', value: 'yes', note: null, expectedRevision: 0, by: alex });
    await expect(stale).rejects.toBeInstanceOf(AnswerConflictError);
    const error = (await stale.catch((e: unknown) => e)) as AnswerConflictError;
    expect(error.current).toMatchObject({ value: 'partly', byName: 'Sam Delegate', revision: 1 });
    const staleUpdate = await storage.assessments
      .saveAnswer({ assessmentId: a.id, itemId: 'CIS-C1', value: 'no', note: null, expectedRevision: 5, by: alex })
      .catch((e: unknown) => e);
    expect(staleUpdate).toBeInstanceOf(AnswerConflictError);
    const snapshot = await storage.assessments.snapshot(a.id);
    expect(snapshot.answers.get('CIS-C1')?.value).toBe('partly');
    expect(snapshot.history).toHaveLength(1);
    expect(snapshot.assessment.version).toBe(2);
    await storage.close();
  });

  it('lets exactly one of two truly concurrent first answers win', async () => {
    const storage = await openStorage(await target.create());
    const a = await fresh(storage);
    const results = await Promise.allSettled([
      storage.assessments.saveAnswer({ assessmentId: a.id, itemId: 'CIS-D1', value: 'yes', note: null, expectedRevision: 0, by: alex }),
      storage.assessments.saveAnswer({ assessmentId: a.id, itemId: 'CIS-D1', value: 'no', note: null, expectedRevision: 0, by: sam }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(AnswerConflictError);
    expect(await storage.assessments.history(a.id, 'CIS-D1')).toHaveLength(1);
    await storage.close();
  });

  it('gives concurrent saves to one assessment a version each, in turn, and lets one of two updates from the same revision win', async () => {
    const storage = await openStorage(await target.create());
    const a = await fresh(storage);
    const items = ['CIS-A1', 'CIS-A2', 'CIS-A3', 'CIS-B1', 'CIS-B2', 'CIS-B3', 'CIS-C1', 'CIS-C2'];
    const saved = await Promise.all(items.map((itemId) => storage.assessments.saveAnswer({ assessmentId: a.id, itemId, value: 'yes', note: null, expectedRevision: 0, by: alex })));
    expect(saved.map((s) => s.assessmentVersion).sort((x, y) => x - y)).toEqual(items.map((_, i) => i + 2));
    const updates = await Promise.allSettled([
      storage.assessments.saveAnswer({ assessmentId: a.id, itemId: 'CIS-A1', value: 'no', note: null, expectedRevision: 1, by: alex }),
      storage.assessments.saveAnswer({ assessmentId: a.id, itemId: 'CIS-A1', value: 'partly', note: null, expectedRevision: 1, by: sam }),
    ]);
    expect(updates.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((updates.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(AnswerConflictError);
    const snapshot = await storage.assessments.snapshot(a.id);
    expect(snapshot.assessment.version).toBe(items.length + 2);
    expect([...snapshot.answers.keys()].sort()).toEqual([...items].sort());
    expect(snapshot.answers.get('CIS-A1')?.revision).toBe(2);
    expect(snapshot.history.map((h) => h.assessmentVersion).sort((x, y) => (x ?? 0) - (y ?? 0))).toEqual([...items, 'update'].map((_, i) => i + 2));
    await storage.close();
  });

  it('saves owners and due dates for actions, all or nothing on a conflict', async () => {
    const storage = await openStorage(await target.create());
    const a = await fresh(storage);
    await storage.assessments.saveActions({ assessmentId: a.id, rows: [{ itemId: 'CIS-A2', owner: 'Business manager', dueDate: '2026-06-30', expectedRevision: 0 }], by: alex });
    const conflict = await storage.assessments
      .saveActions({
        assessmentId: a.id,
        rows: [
          { itemId: 'CIS-A3', owner: 'Chair', dueDate: null, expectedRevision: 0 },
          { itemId: 'CIS-A2', owner: 'Someone else', dueDate: null, expectedRevision: 0 },
        ],
        by: sam,
      })
      .catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(ActionConflictError);
    expect((conflict as ActionConflictError).current).toMatchObject([{ itemId: 'CIS-A2', owner: 'Business manager', updatedByName: 'Alex Chief', revision: 1 }]);
    const actions = (await storage.assessments.snapshot(a.id)).actions;
    expect([...actions.keys()]).toEqual(['CIS-A2']);
    await storage.assessments.saveActions({ assessmentId: a.id, rows: [{ itemId: 'CIS-A2', owner: 'Head of QA', dueDate: '2026-07-31', expectedRevision: 1 }], by: sam });
    expect((await storage.assessments.snapshot(a.id)).actions.get('CIS-A2')).toMatchObject({ owner: 'Head of QA', dueDate: '2026-07-31', revision: 2 });
    await storage.close();
  });

  it('signs off only at the version seen, then refuses changes until reopened', async () => {
    const storage = await openStorage(await target.create());
    const a = await fresh(storage);
    await storage.assessments.saveAnswer({ assessmentId: a.id, itemId: 'CIS-A1', value: 'yes', note: null, expectedRevision: 0, by: sam });
    // The summary was drawn at version 1, before Sam's answer: signing off from it is refused and says what changed.
    const stale = await storage.assessments.signOff({ assessmentId: a.id, expectedVersion: 1, by: alex }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(AssessmentVersionConflictError);
    expect((stale as AssessmentVersionConflictError).changes.map((c) => [c.itemId, c.byName])).toEqual([['CIS-A1', 'Sam Delegate']]);

    const signed = await storage.assessments.signOff({ assessmentId: a.id, expectedVersion: 2, by: alex, at: new Date('2026-03-05T16:00:00Z') });
    expect(signed).toMatchObject({ status: 'signed_off', signedOffByName: 'Alex Chief', signedOffAt: '2026-03-05T16:00:00.000Z', version: 3 });
    await expect(storage.assessments.saveAnswer({ assessmentId: a.id, itemId: 'CIS-A2', value: 'no', note: null, expectedRevision: 0, by: sam })).rejects.toBeInstanceOf(AssessmentClosedError);
    await expect(storage.assessments.saveActions({ assessmentId: a.id, rows: [{ itemId: 'CIS-A2', owner: 'x', dueDate: null, expectedRevision: 0 }], by: sam })).rejects.toBeInstanceOf(AssessmentClosedError);
    await expect(storage.assessments.signOff({ assessmentId: a.id, expectedVersion: 3, by: alex })).rejects.toBeInstanceOf(AssessmentClosedError);

    const reopened = await storage.assessments.reopen({ assessmentId: a.id, expectedVersion: 3, by: alex });
    expect(reopened).toMatchObject({ status: 'in_progress', signedOffByName: null, version: 4 });
    await storage.assessments.saveAnswer({ assessmentId: a.id, itemId: 'CIS-A2', value: 'no', note: null, expectedRevision: 0, by: sam });
    const events = (await storage.assessments.snapshot(a.id)).events;
    expect(events.map((e) => [e.kind, e.byName])).toEqual([
      ['created', 'Alex Chief'],
      ['signed_off', 'Alex Chief'],
      ['reopened', 'Alex Chief'],
    ]);
    await storage.close();
  });

  it('lists assessments with progress and finds one by a shortened id', async () => {
    const storage = await openStorage(await target.create());
    const a = await fresh(storage);
    await storage.assessments.saveAnswer({ assessmentId: a.id, itemId: 'CIS-A1', value: 'yes', note: null, expectedRevision: 0, by: alex });
    await storage.assessments.saveAnswer({ assessmentId: a.id, itemId: 'CIS-A2', value: 'no', note: null, expectedRevision: 0, by: alex });
    const list = await storage.assessments.list();
    expect(list).toMatchObject([{ id: a.id, partnershipName: 'Anytown SCP', answered: 2, status: 'in_progress' }]);
    expect((await storage.assessments.findByIdPrefix(a.id.slice(0, 8))).map((x) => x.id)).toEqual([a.id]);
    expect(await storage.assessments.findByIdPrefix('cis-%')).toEqual([]);
    await storage.close();
  });

  it('moves an open assessment to a newer checklist version and records it', async () => {
    const storage = await openStorage(await target.create());
    const a = await fresh(storage);
    const moved = await storage.assessments.updateChecklistVersion({ assessmentId: a.id, from: '1.0', to: '1.1', by: alex });
    expect(moved.checklistVersion).toBe('1.1');
    expect((await storage.assessments.snapshot(a.id)).events.map((e) => [e.kind, e.detail])).toEqual([
      ['created', 'Anytown SCP'],
      ['checklist_updated', '1.0 → 1.1'],
    ]);
    await storage.close();
  });
});
