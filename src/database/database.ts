import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/config.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { ENTITIES } from './entities.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import { pgliteDriverModule, SessionLease } from './pglite-driver.js';

const INT8 = 20;
const DATE = 1082;

/**
 * Embedded PostgreSQL settings, on top of PGlite's own start parameters (a `startParams`
 * given to PGlite replaces its defaults, so they are kept). `-c` applies per process and is
 * not written to the data folder; PGlite's `postgresqlconf` option instead overwrites the
 * folder's whole postgresql.conf (initdb's time zone and locale lines with it).
 *
 * initdb leaves shared_buffers at 128MB. The WASM heap starts at 128 MB (the module's own
 * minimum: `initialMemory` can only raise it) and never shrinks, so 128MB of buffers grows it
 * to ~190 MB, most of it resident (~90 MB more RSS). 16MB keeps it at its initial size; bulk writes
 * (COPY) go through a ring of their own anyway, and evicted pages land in the OS page cache.
 */
export const PGLITE_START_PARAMS: readonly string[] = [
  ...PGlite.defaultStartParams,
  '-c',
  'shared_buffers=16MB',
];

// Dates stay 'YYYY-MM-DD' strings (no time-zone shift); bigint ids stay strings on both backends.
pg.types.setTypeParser(DATE, (value: string) => value);

export interface Database {
  readonly kind: 'postgres' | 'pglite';
  readonly dataSource: DataSource;
  /** The server's URL (for a connection of one's own, e.g. a lock session); null on the embedded default. */
  readonly serverUrl: string | null;
  /** Set on the embedded default: the folder lock held by this process. */
  readonly lock: DataDirLock | null;
  /** The embedded instance (LISTEN/NOTIFY and COPY go through it). */
  readonly pglite: PGlite | null;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Who holds the embedded data folder, shown to a second process. */
  readonly role: string;
  readonly logging?: boolean;
}

/** TypeORM's bookkeeping table; `migrations` is the table of Cumulus's own workload migrations. */
export const SCHEMA_MIGRATIONS_TABLE = 'schema_migrations';

function baseOptions(
  logging: boolean,
): Pick<DataSourceOptions, 'entities' | 'migrations' | 'migrationsTableName' | 'synchronize' | 'logging'> {
  return {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: SCHEMA_MIGRATIONS_TABLE,
    synchronize: false,
    logging: logging ? ['error', 'warn'] : false,
  };
}

export async function openDatabase(config: DatabaseConfig, options: OpenOptions): Promise<Database> {
  const logging = options.logging ?? false;
  if (config.kind === 'postgres') {
    const dataSource = new DataSource({
      type: 'postgres',
      url: config.url,
      extra: { max: 10 },
      applicationName: `cumulus-${options.role}`,
      ...baseOptions(logging),
    });
    await dataSource.initialize();
    return {
      kind: 'postgres',
      dataSource,
      serverUrl: config.url,
      lock: null,
      pglite: null,
      close: () => dataSource.destroy(),
    };
  }

  const lock = config.dataDir ? acquireDataDirLock(config.dataDir, options.role) : null;
  try {
    const db = await PGlite.create({
      dataDir: config.dataDir ?? undefined,
      parsers: { [INT8]: (value: string) => value, [DATE]: (value: string) => value },
      startParams: [...PGLITE_START_PARAMS],
    });
    const dataSource = new DataSource({
      type: 'postgres',
      driver: pgliteDriverModule(db, new SessionLease()),
      ...baseOptions(logging),
    });
    await dataSource.initialize();
    return {
      kind: 'pglite',
      dataSource,
      serverUrl: null,
      lock,
      pglite: db,
      async close() {
        await dataSource.destroy();
        await db.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/** Arbitrary constant: the advisory lock every replica takes before migrating. */
const MIGRATION_LOCK_KEY = 7_236_110_001;

/**
 * Applies pending migrations. On a server the replicas that start together queue on an
 * advisory lock held by one dedicated connection, so exactly one of them migrates.
 */
export async function migrate(database: Database): Promise<string[]> {
  const runner = database.dataSource.createQueryRunner();
  try {
    if (database.kind === 'postgres') await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await database.dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    if (database.kind === 'postgres')
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    await runner.release();
  }
}
