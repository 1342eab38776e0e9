/**
 * The database connection: an embedded SQLite file by default, PostgreSQL when
 * DATABASE_URL is set (several bot instances sharing one store).
 *
 * Opening the database applies any pending migrations, so a fresh machine needs
 * no setup step and an upgrade needs no manual SQL.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { LruCache } from '../lruCache.js';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import { migrationProvider } from './migrations.js';
import type { Schema } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  readonly db: Kysely<Schema>;
  readonly dialect: Dialect;
  /** Where the data lives, with any password removed: safe to log. */
  readonly description: string;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  dataDir: string;
  databaseUrl?: string;
}

export class StorageError extends Error {
  override name = 'StorageError';
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const { db, dialect, description } = options.databaseUrl ? await connectPostgres(options.databaseUrl) : connectSqlite(options.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw new StorageError(`Could not prepare the database at ${description}: ${(error as Error).message}`);
  }
  let closed = false;
  return {
    db,
    dialect,
    description,
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

function connectSqlite(dataDir: string) {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'lscp-assistant.sqlite');
  const sqlite = new SQLite(file);
  // WAL keeps readers unblocked while a writer commits. With WAL, NORMAL sync
  // already keeps every committed write through the process being killed
  // (SIGKILL included: the WAL is in the operating system's hands); only a power
  // cut or kernel crash can lose the last commits. FULL would fsync on every
  // commit, which on a plain disk costs a turn tens of milliseconds (each turn
  // writes its activity receipt). Deployments that must survive power loss use
  // PostgreSQL.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return { db: new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) }), dialect: 'sqlite' as const, description: file };
}

/** Statements kept prepared; the bot's queries are a few dozen shapes, so this only bounds odd ones (IN lists of many lengths). */
const PREPARED_STATEMENTS = 256;

/**
 * Kysely's SQLite driver prepares every query afresh; SQLite's prepare parses
 * and plans the SQL, which is most of what a small query costs. Statements are
 * kept by their SQL text (Kysely sends values as parameters, so a query shape
 * has one text) in a bounded least-recently-used map. Reuse is safe because the
 * driver runs one query at a time on its one connection, and better-sqlite3
 * re-prepares a statement itself when a migration changes the schema.
 */
export function withStatementCache(sqlite: SQLite.Database, size = PREPARED_STATEMENTS): SqliteDatabase {
  const statements = new LruCache<string, SQLite.Statement>(size);
  return {
    close: () => void sqlite.close(),
    prepare: (query: string) => statements.getOrSet(query, () => sqlite.prepare(query)),
  };
}

async function connectPostgres(url: string) {
  // Loaded only when configured: a bot on the SQLite default never needs the PostgreSQL client.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => undefined);
  const description = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  return { db: new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres' as const, description };
}

async function migrate(db: Kysely<Schema>) {
  // Unordered: a migration merged later may carry an earlier date than one a database already has.
  const migrator = new Migrator({ db, provider: migrationProvider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new Error(failed ? `migration ${failed.migrationName} failed: ${reason}` : reason);
  }
}
