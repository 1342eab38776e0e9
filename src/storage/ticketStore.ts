/**
 * Tickets for "Ask a facilitator" and their history. A change is saved only if
 * the ticket is still at the version it was read at (two facilitators pressing
 * Answer at once: one wins, the other is told), with its event in the same
 * transaction, so the history never disagrees with the ticket.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Ticket, TicketEvent, TicketState } from '../escalation/tickets.js';
import { personKey } from '../escalation/tickets.js';
import type { Database } from './database.js';

const PersonRow = z.object({ id: z.string(), name: z.string(), aadObjectId: z.string().optional() });
/** The stored JSON is ours, but it is read back through a schema like any other input. */
const TicketData = z.object({
  question: z.string(),
  asker: PersonRow,
  partnership: z.string().nullable(),
  askedIn: z.enum(['personal', 'groupChat', 'channel']),
  replyConversationId: z.string(),
  tenantId: z.string().nullable(),
  sources: z.array(z.object({ title: z.string(), dateLabel: z.string(), docId: z.string() })),
  assignee: PersonRow.nullable(),
  answer: z.string().nullable(),
  answeredBy: PersonRow.nullable(),
  answeredAt: z.string().nullable(),
  round: z.number().int(),
  draft: z.string().nullable(),
});

type Row = { id: string; state: TicketState; version: number; created_at: string; updated_at: string; data: string };

function ticketOf(row: Row): Ticket {
  return { id: row.id, state: row.state, version: row.version, createdAt: row.created_at, updatedAt: row.updated_at, ...TicketData.parse(JSON.parse(row.data)) };
}

function rowOf(t: Ticket) {
  const { id, state, version, createdAt, updatedAt, ...rest } = t;
  return { id, state, version, asker_key: personKey(t.asker), created_at: createdAt, updated_at: updatedAt, data: JSON.stringify(TicketData.parse(rest)) };
}

const eventRow = (e: TicketEvent) => ({ id: randomUUID(), ticket_id: e.ticketId, action: e.action, actor_name: e.actorName, at: e.at });

/** `my questions` and `open questions` show at most this many: past that, a list stops being read. */
export const LIST_LIMIT = 20;

export function ticketStore(database: Database) {
  const { db } = database;
  return {
    async create(ticket: Ticket, event: TicketEvent): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('tickets').values(rowOf(ticket)).execute();
        await trx.insertInto('ticket_events').values(eventRow(event)).execute();
      });
    },

    async get(id: string): Promise<Ticket | undefined> {
      const row = await db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
      return row && ticketOf(row);
    },

    /** Save `next` if the stored ticket is still at `expectedVersion`; false if someone changed it first. */
    async save(next: Ticket, expectedVersion: number, event: TicketEvent): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const { id, ...values } = rowOf(next);
        const result = await trx.updateTable('tickets').set(values).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return false;
        await trx.insertInto('ticket_events').values(eventRow(event)).execute();
        return true;
      });
    },

    async events(ticketId: string): Promise<TicketEvent[]> {
      const rows = await db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', ticketId).orderBy('at').orderBy('id').execute();
      return rows.map((r) => ({ ticketId: r.ticket_id, action: r.action as TicketEvent['action'], actorName: r.actor_name, at: r.at }));
    },

    /** Open and taken tickets, oldest first: the facilitators' queue. */
    async waiting(limit = LIST_LIMIT): Promise<{ tickets: Ticket[]; total: number }> {
      const base = db.selectFrom('tickets').where('state', 'in', ['open', 'assigned']);
      const rows = await base.selectAll().orderBy('created_at').orderBy('id').limit(limit).execute();
      const count = await base.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirst();
      return { tickets: rows.map(ticketOf), total: Number(count?.n ?? 0) };
    },

    /** A person's own tickets, newest first. */
    async askedBy(asker: Ticket['asker'], limit = LIST_LIMIT): Promise<Ticket[]> {
      const rows = await db.selectFrom('tickets').selectAll().where('asker_key', '=', personKey(asker)).orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
      return rows.map(ticketOf);
    },
  };
}
export type TicketStore = ReturnType<typeof ticketStore>;
