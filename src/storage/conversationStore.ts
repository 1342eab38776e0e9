/**
 * Conversations the bot has been added to, remembered so it can post there later
 * without being spoken to first (briefing notices to subscribers).
 */
import type { Database } from './database.js';

export interface StoredConversation {
  conversationId: string;
  tenantId: string | null;
  conversationType: string;
  /** botbuilder's ConversationReference, kept as opaque JSON so storage needs no Bot Framework types. */
  reference: unknown;
  updatedAt: string;
}

export function conversationStore(database: Database) {
  const { db } = database;
  return {
    async remember(input: { conversationId: string; tenantId: string | null; conversationType: string; reference: unknown; at?: Date }) {
      const now = (input.at ?? new Date()).toISOString();
      const reference = JSON.stringify(input.reference);
      await db
        .insertInto('conversation_references')
        .values({ conversation_id: input.conversationId, tenant_id: input.tenantId, conversation_type: input.conversationType, reference, created_at: now, updated_at: now })
        .onConflict((oc) => oc.column('conversation_id').doUpdateSet({ reference, tenant_id: input.tenantId, conversation_type: input.conversationType, updated_at: now }))
        .execute();
    },
    async forget(conversationId: string) {
      await db.deleteFrom('conversation_references').where('conversation_id', '=', conversationId).execute();
    },
    async get(conversationId: string): Promise<StoredConversation | undefined> {
      const r = await db.selectFrom('conversation_references').selectAll().where('conversation_id', '=', conversationId).executeTakeFirst();
      return r && { conversationId: r.conversation_id, tenantId: r.tenant_id, conversationType: r.conversation_type, reference: JSON.parse(r.reference) as unknown, updatedAt: r.updated_at };
    },
    /**
     * The person's personal chat with the bot, if it has one (where a relayed answer should go).
     * The user is inside the reference's JSON; personal chats are read and matched here rather than
     * with dialect-specific JSON operators, which is fine at the rate people escalate questions.
     */
    async personalChatOf(user: { id: string; aadObjectId?: string }): Promise<string | undefined> {
      const rows = await db.selectFrom('conversation_references').select(['conversation_id', 'reference']).where('conversation_type', '=', 'personal').orderBy('updated_at', 'desc').execute();
      for (const r of rows) {
        const ref = JSON.parse(r.reference) as { user?: { id?: unknown; aadObjectId?: unknown } };
        const aad = typeof ref.user?.aadObjectId === 'string' ? ref.user.aadObjectId.toLowerCase() : undefined;
        if (user.aadObjectId ? aad === user.aadObjectId.toLowerCase() : ref.user?.id === user.id) return r.conversation_id;
      }
      return undefined;
    },
    async list(): Promise<StoredConversation[]> {
      const rows = await db.selectFrom('conversation_references').selectAll().orderBy('conversation_id').execute();
      return rows.map((r) => ({
        conversationId: r.conversation_id,
        tenantId: r.tenant_id,
        conversationType: r.conversation_type,
        reference: JSON.parse(r.reference) as unknown,
        updatedAt: r.updated_at,
      }));
    },
  };
}
export type ConversationStore = ReturnType<typeof conversationStore>;
