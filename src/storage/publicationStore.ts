/**
 * Published briefings and the drafts before them (issue 13).
 *
 * knowledge/ stays the curated, reviewed corpus; what facilitators publish in
 * Teams or with `knowledge publish` lives here, with who published it and when.
 * Every change bumps its row's revision, so `revision()` (the sum over all rows,
 * which only ever grows) tells each instance sharing the database when its
 * index is behind.
 */
import { sql } from 'kysely';
import type { Database } from './database.js';
import type { PublicationDraftsTable, PublicationsTable } from './schema.js';

export interface DraftRow {
  id: string;
  ownerId: string;
  ownerName: string;
  status: PublicationDraftsTable['status'];
  /** JSON text, parsed by the publishing module that wrote it. */
  content: string;
  createdAt: string;
  publicationId: string | null;
}

export interface Publication {
  id: string;
  title: string;
  publisher: string;
  published: string;
  topic: string;
  keyPoints: string[];
  body: string;
  fileName: string;
  fileType: PublicationsTable['file_type'];
  supersedes: string | null;
  status: PublicationsTable['status'];
  publishedById: string;
  publishedByName: string;
  publishedAt: string;
  withdrawnByName: string | null;
  withdrawnAt: string | null;
  notify: PublicationsTable['notify'];
  notifyJobId: string | null;
}

export type NewPublication = Omit<Publication, 'status' | 'publishedAt' | 'withdrawnByName' | 'withdrawnAt' | 'notifyJobId' | 'notify'> & { notify: boolean; at?: Date };

function toPublication(r: PublicationsTable): Publication {
  let keyPoints: string[] = [];
  try {
    const parsed: unknown = JSON.parse(r.key_points);
    if (Array.isArray(parsed)) keyPoints = parsed.filter((p): p is string => typeof p === 'string');
  } catch {
    keyPoints = [];
  }
  return {
    id: r.id,
    title: r.title,
    publisher: r.publisher,
    published: r.published,
    topic: r.topic,
    keyPoints,
    body: r.body,
    fileName: r.file_name,
    fileType: r.file_type,
    supersedes: r.supersedes,
    status: r.status,
    publishedById: r.published_by_id,
    publishedByName: r.published_by_name,
    publishedAt: r.published_at,
    withdrawnByName: r.withdrawn_by_name,
    withdrawnAt: r.withdrawn_at,
    notify: r.notify,
    notifyJobId: r.notify_job_id,
  };
}

function toDraft(r: PublicationDraftsTable): DraftRow {
  return { id: r.id, ownerId: r.owner_id, ownerName: r.owner_name, status: r.status, content: r.content, createdAt: r.created_at, publicationId: r.publication_id };
}

/**
 * Drafts untouched this long are deleted when the next one is saved: a draft
 * abandoned for a month will not be finished from its old card (a press then
 * asks for the file again), and the uploaded text should not outstay its use.
 */
export const DRAFT_RETENTION_DAYS = 30;

export function publicationStore(database: Database) {
  const { db } = database;
  return {
    async saveDraft(input: { id: string; ownerId: string; ownerName: string; content: string; at?: Date }): Promise<void> {
      const now = input.at ?? new Date();
      const at = now.toISOString();
      await db.deleteFrom('publication_drafts').where('updated_at', '<', new Date(now.getTime() - DRAFT_RETENTION_DAYS * 86_400_000).toISOString()).execute();
      await db
        .insertInto('publication_drafts')
        .values({ id: input.id, owner_id: input.ownerId, owner_name: input.ownerName, status: 'open', content: input.content, created_at: at, updated_at: at, publication_id: null })
        .execute();
    },

    async draft(id: string): Promise<DraftRow | undefined> {
      const row = await db.selectFrom('publication_drafts').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toDraft(row) : undefined;
    },

    /** `changed` is false when the draft was no longer open (published or discarded meanwhile). */
    async discardDraft(id: string, at = new Date()): Promise<{ changed: boolean }> {
      const result = await db.updateTable('publication_drafts').set({ status: 'discarded', updated_at: at.toISOString() }).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
      return { changed: Number(result.numUpdatedRows) > 0 };
    },

    /** Every id ever used, withdrawn ones included, so an id never comes back meaning something else. */
    async ids(): Promise<string[]> {
      return (await db.selectFrom('publications').select('id').execute()).map((r) => r.id);
    },

    /**
     * Publish, closing the draft it came from (if any) in the same transaction. `published` is false
     * when that draft had already been published or discarded: then nothing is written.
     */
    async publish(input: NewPublication, fromDraft?: string): Promise<{ published: boolean; id: string }> {
      const at = (input.at ?? new Date()).toISOString();
      return db.transaction().execute(async (trx) => {
        if (fromDraft) {
          const closed = await trx
            .updateTable('publication_drafts')
            .set({ status: 'published', updated_at: at, publication_id: input.id })
            .where('id', '=', fromDraft)
            .where('status', '=', 'open')
            .executeTakeFirst();
          if (Number(closed.numUpdatedRows) === 0) {
            const draft = await trx.selectFrom('publication_drafts').select('publication_id').where('id', '=', fromDraft).executeTakeFirst();
            return { published: false, id: draft?.publication_id ?? '' };
          }
        }
        await trx
          .insertInto('publications')
          .values({
            id: input.id,
            title: input.title,
            publisher: input.publisher,
            published: input.published,
            topic: input.topic,
            key_points: JSON.stringify(input.keyPoints),
            body: input.body,
            file_name: input.fileName,
            file_type: input.fileType,
            supersedes: input.supersedes,
            status: 'published',
            published_by_id: input.publishedById,
            published_by_name: input.publishedByName,
            published_at: at,
            withdrawn_by_name: null,
            withdrawn_at: null,
            notify: input.notify ? 'pending' : 'none',
            notify_job_id: null,
            revision: 1,
          })
          .execute();
        return { published: true, id: input.id };
      });
    },

    async get(id: string): Promise<Publication | undefined> {
      const row = await db.selectFrom('publications').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toPublication(row) : undefined;
    },

    /** Every publication, newest first (withdrawn ones too: answers that cited them say so). */
    async list(): Promise<Publication[]> {
      const rows = await db.selectFrom('publications').selectAll().orderBy('published_at', 'desc').orderBy('id').execute();
      return rows.map(toPublication);
    },

    /** `changed` is false when it was already withdrawn (or never published). */
    async withdraw(id: string, byName: string, at = new Date()): Promise<{ changed: boolean }> {
      const result = await db
        .updateTable('publications')
        .set({ status: 'withdrawn', withdrawn_by_name: byName, withdrawn_at: at.toISOString(), revision: sql<number>`revision + 1` })
        .where('id', '=', id)
        .where('status', '=', 'published')
        .executeTakeFirst();
      return { changed: Number(result.numUpdatedRows) > 0 };
    },

    /** Claim a pending notice (once, across instances); the caller announces and then records the job. */
    async claimNotify(id: string): Promise<boolean> {
      const result = await db.updateTable('publications').set({ notify: 'done' }).where('id', '=', id).where('notify', '=', 'pending').where('status', '=', 'published').executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async recordNotifyJob(id: string, jobId: string): Promise<void> {
      await db.updateTable('publications').set({ notify_job_id: jobId }).where('id', '=', id).execute();
    },

    /** Grows with every publish and withdrawal; an instance whose index was built at a lower one rebuilds. */
    async revision(): Promise<number> {
      const row = await db
        .selectFrom('publications')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<string | number>('revision'), sql<number>`0`).as('total'))
        .executeTakeFirst();
      return Number(row?.total ?? 0);
    },
  };
}
export type PublicationStore = ReturnType<typeof publicationStore>;
