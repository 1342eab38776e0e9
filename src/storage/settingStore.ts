/**
 * Settings changed from Teams rather than in configuration (the facilitators'
 * channel): stored, so they survive restarts and every instance sees the same.
 * Values are JSON; the feature that owns a key parses it with its own schema.
 */
import type { Database } from './database.js';

export interface StoredSetting {
  value: unknown;
  updatedByName: string;
  updatedAt: string;
}

export function settingStore(database: Database) {
  const { db } = database;
  return {
    async get(key: string): Promise<StoredSetting | undefined> {
      const row = await db.selectFrom('settings').selectAll().where('key', '=', key).executeTakeFirst();
      return row && { value: JSON.parse(row.value) as unknown, updatedByName: row.updated_by_name, updatedAt: row.updated_at };
    },
    async set(key: string, value: unknown, byName: string, at = new Date()): Promise<void> {
      const row = { key, value: JSON.stringify(value), updated_by_name: byName, updated_at: at.toISOString() };
      await db
        .insertInto('settings')
        .values(row)
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: row.value, updated_by_name: row.updated_by_name, updated_at: row.updated_at }))
        .execute();
    },
  };
}
export type SettingStore = ReturnType<typeof settingStore>;
