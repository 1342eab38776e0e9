/**
 * Subscriptions to briefing notices: which conversations (personal chats, group
 * chats, team channels) asked to hear when a new briefing is published.
 *
 * Only the conversation is kept, never who asked for it: a channel's
 * subscription belongs to the channel.
 */
import type { Database } from './database.js';
import type { SubscriptionsTable } from './schema.js';

export type SubscriptionKind = SubscriptionsTable['kind'];

export interface Subscription {
  conversationId: string;
  kind: SubscriptionKind;
  tenantId: string | null;
  createdAt: string;
}

export interface SubscriptionCounts {
  personal: number;
  groupChat: number;
  channel: number;
  total: number;
}

export function subscriptionStore(database: Database) {
  const { db } = database;
  return {
    /** `created` is false when the conversation was already subscribed. */
    async subscribe(input: { conversationId: string; kind: SubscriptionKind; tenantId: string | null; at?: Date }): Promise<{ created: boolean }> {
      const result = await db
        .insertInto('subscriptions')
        .values({ conversation_id: input.conversationId, kind: input.kind, tenant_id: input.tenantId, created_at: (input.at ?? new Date()).toISOString() })
        .onConflict((oc) => oc.column('conversation_id').doNothing())
        .executeTakeFirst();
      return { created: Number(result.numInsertedOrUpdatedRows ?? 0n) > 0 };
    },
    /** `removed` is false when it was not subscribed. */
    async unsubscribe(conversationId: string): Promise<{ removed: boolean }> {
      const result = await db.deleteFrom('subscriptions').where('conversation_id', '=', conversationId).executeTakeFirst();
      return { removed: Number(result.numDeletedRows) > 0 };
    },
    async isSubscribed(conversationId: string): Promise<boolean> {
      return (await db.selectFrom('subscriptions').select('conversation_id').where('conversation_id', '=', conversationId).executeTakeFirst()) !== undefined;
    },
    async list(): Promise<Subscription[]> {
      const rows = await db.selectFrom('subscriptions').selectAll().orderBy('created_at').orderBy('conversation_id').execute();
      return rows.map((r) => ({ conversationId: r.conversation_id, kind: r.kind, tenantId: r.tenant_id, createdAt: r.created_at }));
    },
    async counts(): Promise<SubscriptionCounts> {
      const rows = await db.selectFrom('subscriptions').select(['kind', db.fn.countAll<string | number>().as('n')]).groupBy('kind').execute();
      const counts: SubscriptionCounts = { personal: 0, groupChat: 0, channel: 0, total: 0 };
      for (const row of rows) {
        const n = Number(row.n);
        if (row.kind in counts) counts[row.kind] += n;
        counts.total += n;
      }
      return counts;
    },
  };
}
export type SubscriptionStore = ReturnType<typeof subscriptionStore>;
