import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate, openDatabase, type Database } from '../../src/database/database.js';

export interface TestDatabase {
  readonly database: Database;
  /** The URL of this test's own database on a server; null on the embedded default. */
  readonly url: string | null;
  close(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: with DATABASE_URL a new database on that
 * server (dropped afterwards), otherwise an in-memory PGlite. No test sees another's rows.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({ kind: 'pglite', dataDir: null }, { role: 'test' });
    await migrate(database);
    return { database, url: null, close: () => database.close() };
  }
  const name = `cumulus_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString() }, { role: 'test' });
  await migrate(database);
  return {
    database,
    url: url.toString(),
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/** Creates a server database for a test that runs its own processes against it. */
export function usingServer(): boolean {
  return Boolean(process.env.DATABASE_URL);
}
