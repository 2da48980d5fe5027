import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startService, type RunningService } from '../../src/bootstrap.js';
import { ApiKeyService } from '../../src/auth/api-key.service.js';
import { loadConfig, type AppConfig, type DatabaseConfig } from '../../src/config/config.js';

/** A database for one test file: its own database on the server (DATABASE_URL) or an in-memory PGlite. */
export async function createTestDatabaseConfig(): Promise<{
  database: DatabaseConfig;
  drop(): Promise<void>;
}> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return { database: { kind: 'pglite', dataDir: null }, drop: async () => undefined };
  const name = `cumulus_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    database: { kind: 'postgres', url: url.toString() },
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export interface TestService {
  readonly service: RunningService;
  readonly url: string;
  readonly config: AppConfig;
  /** Keys per role, created through the same service the API uses. */
  readonly keys: { reader: string; operator: string; admin: string };
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    key?: string | null,
  ): Promise<{
    status: number;
    body: { data?: T; errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[] };
  }>;
  close(): Promise<void>;
}

export async function startTestService(overrides: Partial<AppConfig> = {}): Promise<TestService> {
  const db = await createTestDatabaseConfig();
  const config: AppConfig = {
    ...loadConfig({ ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn' }),
    database: db.database,
    port: 0,
    host: '127.0.0.1',
    catalogPollSeconds: 0,
    ...overrides,
  };
  const service = await startService(config);
  const apiKeys = service.app.get(ApiKeyService);
  const keys = {
    reader: (await apiKeys.create('reader', 'test reader', 'test')).key,
    operator: (await apiKeys.create('operator', 'test operator', 'test')).key,
    admin: (await apiKeys.create('admin', 'test admin', 'test')).key,
  };
  return {
    service,
    url: service.url,
    config,
    keys,
    async graphql(query, variables, key = keys.reader) {
      const response = await fetch(`${service.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as never };
    },
    async close() {
      await service.close();
      await db.drop();
    },
  };
}
