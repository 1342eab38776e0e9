/**
 * Recording a vote is idempotent by card id, on SQLite and PostgreSQL alike.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openStorage } from '../../src/storage/index.js';
import { testDatabases } from '../support/databases.js';

describe.each(testDatabases())('feedback votes on $name', (target) => {
  afterAll(() => target.dropAll());

  it('keeps the first vote for an id and ignores a replay', async () => {
    const storage = await openStorage(await target.create());
    const id = '6f1c1f8e-2b6a-4d7e-9a51-0c2f3e4d5b6a';
    const first = await storage.feedback.record({ id, vote: 'up', question: 'who scrutinises?', passageIds: ['a#b'], conversationType: 'personal' });
    const again = await storage.feedback.record({ id, vote: 'down', question: 'who scrutinises?', passageIds: ['a#b'], conversationType: 'personal' });
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, vote: 'up', id });
    const rows = await storage.feedback.list();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ vote: 'up', question: 'who scrutinises?', passageIds: ['a#b'] });
    await storage.close();
  });

  it('still gives each vote without an id a row of its own', async () => {
    const storage = await openStorage(await target.create());
    await storage.feedback.record({ vote: 'up', question: null, passageIds: [], conversationType: 'channel' });
    await storage.feedback.record({ vote: 'up', question: null, passageIds: [], conversationType: 'channel' });
    expect(await storage.feedback.list()).toHaveLength(2);
    await storage.close();
  });
});
