/**
 * The storage module: one database, and a store per concept that the bot's features use.
 *
 * Features get their store from here rather than building queries of their own,
 * so adding a feature (subscriptions, a national picture) means adding a store
 * and a migration, not touching the others.
 */
import { openDatabase, type Database, type DatabaseOptions } from './database.js';
import { nationalStore } from './nationalStore.js';
import { themeStore } from './themeStore.js';
import { assessmentStore } from './assessmentStore.js';
import { feedbackStore } from './feedbackStore.js';
import { conversationStore } from './conversationStore.js';
import { deliveryStore } from './deliveryStore.js';
import { receiptStore } from './receiptStore.js';
import { subscriptionStore } from './subscriptionStore.js';
import { publicationStore } from './publicationStore.js';
import { settingStore } from './settingStore.js';
import { ticketStore } from './ticketStore.js';

export interface Storage {
  readonly database: Database;
  readonly national: ReturnType<typeof nationalStore>;
  readonly themes: ReturnType<typeof themeStore>;
  readonly feedback: ReturnType<typeof feedbackStore>;
  readonly conversations: ReturnType<typeof conversationStore>;
  readonly assessments: ReturnType<typeof assessmentStore>;
  readonly subscriptions: ReturnType<typeof subscriptionStore>;
  readonly deliveries: ReturnType<typeof deliveryStore>;
  readonly receipts: ReturnType<typeof receiptStore>;
  readonly publications: ReturnType<typeof publicationStore>;
  readonly tickets: ReturnType<typeof ticketStore>;
  readonly settings: ReturnType<typeof settingStore>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function openStorage(options: DatabaseOptions): Promise<Storage> {
  const database = await openDatabase(options);
  return {
    database,
    national: nationalStore(database),
    themes: themeStore(database),
    feedback: feedbackStore(database),
    conversations: conversationStore(database),
    assessments: assessmentStore(database),
    subscriptions: subscriptionStore(database),
    deliveries: deliveryStore(database),
    receipts: receiptStore(database),
    publications: publicationStore(database),
    tickets: ticketStore(database),
    settings: settingStore(database),
    ping: () => database.ping(),
    close: () => database.close(),
  };
}

export type { Database, DatabaseOptions };
export { StorageError } from './database.js';
