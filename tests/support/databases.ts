/**
 * The databases a storage contract test runs against: SQLite always, PostgreSQL
 * when TEST_DATABASE_URL points at a server (CI starts one).
 *
 * Each PostgreSQL run gets a database of its own, created and dropped here, so
 * tests never see each other's rows. With REQUIRE_POSTGRES=1 (set by .ci/run) a
 * missing server is a failure, not a skip.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseOptions } from '../../src/storage/index.js';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** Options for a fresh, empty database. */
  create(): Promise<DatabaseOptions>;
  dropAll(): Promise<void>;
}

export const postgresUrl = process.env.TEST_DATABASE_URL;
export const postgresRequired = process.env.REQUIRE_POSTGRES === '1';

const sqlite: TestDatabase = {
  name: 'sqlite',
  async create() {
    return { dataDir: mkdtempSync(join(tmpdir(), 'lscp-sqlite-')) };
  },
  async dropAll() {},
};

function postgres(adminUrl: string): TestDatabase {
  const created: string[] = [];
  return {
    name: 'postgres',
    async create() {
      const name = `lscp_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      created.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return { dataDir: mkdtempSync(join(tmpdir(), 'lscp-pg-')), databaseUrl: url.toString() };
    },
    async dropAll() {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      for (const name of created.splice(0)) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export function testDatabases(): TestDatabase[] {
  return postgresUrl ? [sqlite, postgres(postgresUrl)] : [sqlite];
}
