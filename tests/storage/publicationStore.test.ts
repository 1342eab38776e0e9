/**
 * The publications store's contract, on SQLite and (when TEST_DATABASE_URL is set) PostgreSQL:
 * drafts kept until published or discarded (once), publications with who and when, withdrawal, the
 * revision every instance polls, and a pending notice claimed by one instance only.
 */
import { join } from 'node:path';
import BetterSqlite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrations } from '../../src/storage/migrations.js';
import { openStorage } from '../../src/storage/index.js';
import { DRAFT_RETENTION_DAYS, type NewPublication } from '../../src/storage/publicationStore.js';
import { testDatabases } from '../support/databases.js';

const databases = testDatabases();
afterAll(async () => {
  for (const d of databases) await d.dropAll();
});

const publication = (id: string, overrides: Partial<NewPublication> = {}): NewPublication => ({
  id,
  title: 'The Kestrel review cycle',
  publisher: 'Northmoor Safeguarding Partnership',
  published: '2026-11-20',
  topic: 'scrutiny',
  keyPoints: ['one key point here', 'two key points here', 'three key points here'],
  body: '## What it is\n\nA six-week rhythm.\n',
  fileName: 'kestrel.pdf',
  fileType: 'pdf',
  supersedes: null,
  publishedById: 'aad-fran',
  publishedByName: 'Fran Facilitator',
  notify: false,
  at: new Date('2026-12-03T08:00:00Z'),
  ...overrides,
});

describe.each(databases)('publication store on $name', (database) => {
  it('publishes a draft once; a second publish or a discard afterwards changes nothing', async () => {
    const storage = await openStorage(await database.create());
    try {
      const store = storage.publications;
      expect(await store.revision()).toBe(0);
      await store.saveDraft({ id: 'draft-1', ownerId: 'aad-fran', ownerName: 'Fran Facilitator', content: '{"x":1}' });
      expect(await store.draft('draft-1')).toMatchObject({ status: 'open', ownerName: 'Fran Facilitator', content: '{"x":1}', publicationId: null });
      expect(await store.publish(publication('kestrel-2026'), 'draft-1')).toEqual({ published: true, id: 'kestrel-2026' });
      expect(await store.publish(publication('kestrel-2026-2'), 'draft-1')).toEqual({ published: false, id: 'kestrel-2026' });
      expect(await store.discardDraft('draft-1')).toEqual({ changed: false });
      expect(await store.draft('draft-1')).toMatchObject({ status: 'published', publicationId: 'kestrel-2026' });
      expect(await store.ids()).toEqual(['kestrel-2026']);
      expect(await store.get('kestrel-2026')).toMatchObject({ status: 'published', publishedByName: 'Fran Facilitator', publishedAt: '2026-12-03T08:00:00.000Z', keyPoints: publication('x').keyPoints, notify: 'none' });
      expect(await store.revision()).toBe(1);
    } finally {
      await storage.close();
    }
  });

  it('deletes drafts untouched for DRAFT_RETENTION_DAYS when the next is saved, and keeps younger ones', async () => {
    const storage = await openStorage(await database.create());
    try {
      const store = storage.publications;
      const day = 86_400_000;
      const now = new Date('2026-11-30T12:00:00Z');
      const ago = (days: number) => new Date(now.getTime() - days * day);
      await store.saveDraft({ id: 'abandoned', ownerId: 'aad-fran', ownerName: 'Fran Facilitator', content: '{}', at: ago(DRAFT_RETENTION_DAYS + 1) });
      await store.saveDraft({ id: 'discarded-long-ago', ownerId: 'aad-fran', ownerName: 'Fran Facilitator', content: '{}', at: ago(DRAFT_RETENTION_DAYS + 5) });
      await store.discardDraft('discarded-long-ago', ago(DRAFT_RETENTION_DAYS + 2));
      await store.saveDraft({ id: 'recent', ownerId: 'aad-fran', ownerName: 'Fran Facilitator', content: '{}', at: ago(DRAFT_RETENTION_DAYS - 1) });
      expect(await store.draft('abandoned')).toBeDefined();
      await store.saveDraft({ id: 'new', ownerId: 'aad-fran', ownerName: 'Fran Facilitator', content: '{}', at: now });
      expect(await store.draft('abandoned')).toBeUndefined();
      expect(await store.draft('discarded-long-ago')).toBeUndefined();
      expect((await store.draft('recent'))?.status).toBe('open');
      expect((await store.draft('new'))?.status).toBe('open');
    } finally {
      await storage.close();
    }
  });

  it('withdraws once, and the revision grows with every change', async () => {
    const storage = await openStorage(await database.create());
    try {
      const store = storage.publications;
      await store.publish(publication('a-2026'));
      await store.publish(publication('b-2026', { at: new Date('2026-12-04T08:00:00Z') }));
      expect(await store.revision()).toBe(2);
      expect(await store.withdraw('a-2026', 'Fran Facilitator', new Date('2026-12-05T10:00:00Z'))).toEqual({ changed: true });
      expect(await store.withdraw('a-2026', 'Fran Facilitator')).toEqual({ changed: false });
      expect(await store.revision()).toBe(3);
      expect((await store.list()).map((p) => [p.id, p.status, p.withdrawnAt])).toEqual([
        ['b-2026', 'published', null],
        ['a-2026', 'withdrawn', '2026-12-05T10:00:00.000Z'],
      ]);
    } finally {
      await storage.close();
    }
  });

  it('a pending notice is claimed once, then records its job', async () => {
    const storage = await openStorage(await database.create());
    try {
      const store = storage.publications;
      await store.publish(publication('n-2026', { notify: true }));
      expect((await store.get('n-2026'))?.notify).toBe('pending');
      const claims = await Promise.all([store.claimNotify('n-2026'), store.claimNotify('n-2026')]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      await store.recordNotifyJob('n-2026', 'job-abcdefghij');
      expect(await store.get('n-2026')).toMatchObject({ notify: 'done', notifyJobId: 'job-abcdefghij' });
    } finally {
      await storage.close();
    }
  });
});

describe('a database that already has later migrations', () => {
  it('still gets the publications tables (the migration is dated before some it may already have)', async () => {
    const options = await databases[0]!.create();
    const earlier = Object.fromEntries(Object.entries(migrations).filter(([name]) => name !== '2026_12_13_publications'));
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new BetterSqlite(join(options.dataDir, 'lscp-assistant.sqlite')) }) });
    const before = await new Migrator({ db, provider: { getMigrations: async () => earlier } }).migrateToLatest();
    expect(before.error).toBeUndefined();
    await db.destroy();
    const storage = await openStorage(options);
    try {
      expect(await storage.publications.revision()).toBe(0);
    } finally {
      await storage.close();
    }
  });
});
