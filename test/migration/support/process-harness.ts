import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CatalogImportService } from '../../../src/catalog/catalog-import.service.js';
import { openCliContext, type CliContext } from '../../../src/cli/cli-context.js';
import { loadConfig, type AppConfig } from '../../../src/config/config.js';
import { childEnv } from '../../support/cli.js';
import { createTestDatabaseConfig } from '../../support/test-service.js';
import { FAST_MIGRATIONS, importLabCatalog } from './migration-harness.js';

export interface ProcessDatabase {
  readonly config: AppConfig;
  /** For worker processes: the same database, short leases, fast polling. */
  readonly env: NodeJS.ProcessEnv;
  readonly onServer: boolean;
  /** Opens the database in this process (on the embedded default, only while no child holds it). */
  open(): Promise<CliContext>;
  drop(): Promise<void>;
}

/**
 * A database that worker processes and the test share: its own database on the server, or an
 * embedded data folder in a temporary directory (one process at a time holds it). The lab
 * catalog is loaded once.
 */
export async function processDatabase(leaseSeconds = 2): Promise<ProcessDatabase> {
  const db = await createTestDatabaseConfig();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cumulus-workers-'));
  const database: AppConfig['database'] =
    db.database.kind === 'postgres' ? db.database : { kind: 'pglite', dataDir: path.join(dir, 'data') };
  const config: AppConfig = {
    ...loadConfig({ ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn' }),
    database,
    loadStarterCatalog: false,
    catalogPollSeconds: 0,
    migrations: { ...FAST_MIGRATIONS, leaseSeconds, workers: 0 },
  };
  const env = childEnv({
    ...(database.kind === 'postgres'
      ? { DATABASE_URL: database.url }
      : { CUMULUS_DATA_DIR: database.dataDir ?? undefined, DATABASE_URL: undefined }),
    CUMULUS_STARTER_CATALOG: 'false',
    CUMULUS_CATALOG_POLL_SECONDS: '0',
    CUMULUS_JOB_LEASE_SECONDS: String(leaseSeconds),
    CUMULUS_WORKER_POLL_MAX_MS: '100',
    CUMULUS_MIGRATION_WORKERS: '2',
  });
  const open = () => openCliContext(config);
  const first = await open();
  try {
    await importLabCatalog(first.app.get(CatalogImportService));
  } finally {
    await first.close();
  }
  return {
    config,
    env,
    onServer: database.kind === 'postgres',
    open,
    async drop() {
      await db.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
