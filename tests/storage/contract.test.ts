/**
 * The storage contract: the same behaviour on SQLite and PostgreSQL.
 * Stores added later (checklist, subscriptions) add their cases to suites like this one.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openStorage } from '../../src/storage/index.js';
import { postgresRequired, postgresUrl, testDatabases } from '../support/databases.js';

describe('PostgreSQL for the contract tests', () => {
  it.runIf(postgresRequired)('is configured when REQUIRE_POSTGRES=1 (CI)', () => {
    expect(postgresUrl, 'set TEST_DATABASE_URL to a PostgreSQL server (see .ci/run)').toBeTruthy();
  });
});

describe.each(testDatabases())('storage on $name', (target) => {
  afterAll(() => target.dropAll());

  it('creates its schema on first open and reopens without re-running migrations', async () => {
    const options = await target.create();
    const first = await openStorage(options);
    await first.ping();
    await first.feedback.record({ vote: 'up', question: 'who scrutinises?', passageIds: ['a#b'], conversationType: 'personal' });
    await first.close();
    const second = await openStorage(options);
    expect(await second.feedback.list()).toHaveLength(1);
    await second.close();
  });

  it('stores and lists feedback in order, keeping a withheld question as null', async () => {
    const storage = await openStorage(await target.create());
    await storage.feedback.record({ vote: 'down', question: null, passageIds: ['x#1', 'y#2'], conversationType: 'channel', at: new Date('2026-01-02T00:00:00Z') });
    await storage.feedback.record({ vote: 'up', question: 'what is a dsp', passageIds: [], conversationType: 'personal', at: new Date('2026-01-01T00:00:00Z') });
    const rows = await storage.feedback.list();
    expect(rows.map((r) => [r.vote, r.question, r.passageIds])).toEqual([
      ['up', 'what is a dsp', []],
      ['down', null, ['x#1', 'y#2']],
    ]);
    await storage.close();
  });

  it('remembers one reference per conversation and forgets it', async () => {
    const storage = await openStorage(await target.create());
    await storage.conversations.remember({ conversationId: 'c1', tenantId: 't', conversationType: 'channel', reference: { a: 1 } });
    await storage.conversations.remember({ conversationId: 'c1', tenantId: 't', conversationType: 'channel', reference: { a: 2 } });
    await storage.conversations.remember({ conversationId: 'c2', tenantId: null, conversationType: 'personal', reference: { b: 1 } });
    expect((await storage.conversations.list()).map((c) => [c.conversationId, c.reference])).toEqual([
      ['c1', { a: 2 }],
      ['c2', { b: 1 }],
    ]);
    await storage.conversations.forget('c1');
    expect((await storage.conversations.list()).map((c) => c.conversationId)).toEqual(['c2']);
    await storage.close();
  });

  it('rolls back a failed transaction completely', async () => {
    const storage = await openStorage(await target.create());
    const { db } = storage.database;
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('feedback').values({ id: 'f1', created_at: 'now', vote: 'up', question: null, passage_ids: '[]', conversation_type: 'personal' }).execute();
        await trx.insertInto('feedback').values({ id: 'f1', created_at: 'now', vote: 'up', question: null, passage_ids: '[]', conversation_type: 'personal' }).execute();
      }),
    ).rejects.toThrow();
    expect(await storage.feedback.list()).toEqual([]);
    await storage.close();
  });

  it('close is safe to call twice', async () => {
    const storage = await openStorage(await target.create());
    await storage.close();
    await expect(storage.close()).resolves.toBeUndefined();
  });
});
