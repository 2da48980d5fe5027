import path from 'node:path';
import { validate as isCronExpression } from 'node-cron';
import { bool, ConfigError, decimalText, int, list, num } from './env-values.js';
import { providersConfig, type ProvidersConfig } from './providers-config.js';

export { ConfigError } from './env-values.js';
export type { ProvidersConfig, SimulatedFaultConfig, SimulatedSiteLoadScript } from './providers-config.js';

/** Where the catalog, workloads and ledger live. */
export type DatabaseConfig =
  | { readonly kind: 'postgres'; readonly url: string }
  | { readonly kind: 'pglite'; readonly dataDir: string | null };

export interface AppConfig {
  readonly nodeEnv: string;
  readonly port: number;
  readonly host: string;
  readonly database: DatabaseConfig;
  /** Root of the shared reference data (../shared/data), when present. */
  readonly sharedDataDir: string;
  /** Load the starter catalog when the catalog is empty at start. */
  readonly loadStarterCatalog: boolean;
  /** Imports by URL are allowed only from these prefixes. */
  readonly importUrlAllowList: readonly string[];
  /** Imports by server-side path are allowed only under these folders. */
  readonly importPathAllowList: readonly string[];
  /** Largest upload accepted by importCatalog, in bytes. */
  readonly maxUploadBytes: number;
  readonly graphql: { readonly maxDepth: number; readonly maxComplexity: number };
  /** Seconds between polls of the catalog version table (other replicas' activations). */
  readonly catalogPollSeconds: number;
  readonly logLevel: 'error' | 'warn' | 'log' | 'debug';
  readonly migrations: MigrationConfig;
  readonly providers: ProvidersConfig;
  readonly overspill: OverspillConfig;
  readonly finance: FinanceConfig;
}

/** Finance (src/finance): the daily accrual and the FOCUS export. */
export interface FinanceConfig {
  readonly accrual: {
    /** Run the daily accrual in the service (never in the CLI). */
    readonly enabled: boolean;
    /** node-cron expression in UTC; default 00:05 every day, once the previous day is over. */
    readonly cron: string;
    /** Catch up missed days right after the service starts (after downtime). */
    readonly onStart: boolean;
  };
  /** Rows per page read by the FOCUS export. */
  readonly exportPageRows: number;
}

/** The overspill scheduler (src/overspill). */
export interface OverspillConfig {
  /** Run policy ticks on their cron schedules in the service (never in the CLI). */
  readonly schedulerEnabled: boolean;
  /** Seconds between checks for policies changed on other replicas (0: only this replica's changes). */
  readonly reloadSeconds: number;
  /** How long a tick waits for the policy's previous tick (on any replica) before giving up, ms. */
  readonly lockWaitMs: number;
  /** Placement options scored per workload to find its best placement outside the site. */
  readonly placementCandidates: number;
}

/** The migration planner's assumptions, the policy copied onto each new migration, and the workers. */
export interface MigrationConfig {
  /** Queue workers in the service process (0: none; run `node dist/src/worker.js` instead). */
  readonly workers: number;
  /** Longest wait between polls of an empty queue (a NOTIFY wakes the workers sooner on a server). */
  readonly pollMaxMs: number;
  /** A claimed job's lease; the worker renews it while it runs, a lapsed lease means a lost worker. */
  readonly leaseSeconds: number;
  /** Transfer rate between sites without a measured pair, Gbit/s. */
  readonly defaultBandwidthGbitPerS: number;
  readonly dnsTtlSeconds: number;
  readonly labourCostUsd: string;
  readonly maxAttemptsPerStep: number;
  readonly backoffBaseSeconds: number;
  readonly backoffMaxSeconds: number;
  /** A one-off cost strictly above this needs an admin's approval (USD, decimal string). */
  readonly adminApprovalAboveUsd: string;
  /** The rollback window between cutover and decommissioning the source. */
  readonly cutoverSoakSeconds: number;
}

function migrationConfig(env: NodeJS.ProcessEnv): MigrationConfig {
  return {
    workers: int(env, 'CUMULUS_MIGRATION_WORKERS', 2),
    pollMaxMs: int(env, 'CUMULUS_WORKER_POLL_MAX_MS', 1000),
    leaseSeconds: num(env, 'CUMULUS_JOB_LEASE_SECONDS', 60),
    defaultBandwidthGbitPerS: num(env, 'CUMULUS_MIGRATION_BANDWIDTH_GBIT', 1),
    dnsTtlSeconds: int(env, 'CUMULUS_MIGRATION_DNS_TTL_SECONDS', 60),
    labourCostUsd: decimalText(env, 'CUMULUS_MIGRATION_LABOUR_USD', '0'),
    maxAttemptsPerStep: int(env, 'CUMULUS_MIGRATION_MAX_ATTEMPTS', 5),
    backoffBaseSeconds: num(env, 'CUMULUS_MIGRATION_BACKOFF_BASE_SECONDS', 30),
    backoffMaxSeconds: num(env, 'CUMULUS_MIGRATION_BACKOFF_MAX_SECONDS', 3600),
    adminApprovalAboveUsd: decimalText(env, 'CUMULUS_MIGRATION_ADMIN_ABOVE_USD', '1000'),
    cutoverSoakSeconds: num(env, 'CUMULUS_MIGRATION_SOAK_SECONDS', 3600),
  };
}

function financeConfig(env: NodeJS.ProcessEnv): FinanceConfig {
  const cron = env.CUMULUS_ACCRUAL_CRON?.trim() || '5 0 * * *';
  if (!isCronExpression(cron))
    throw new ConfigError(`CUMULUS_ACCRUAL_CRON is not a cron expression: "${cron}"`);
  const exportPageRows = int(env, 'CUMULUS_FOCUS_EXPORT_PAGE_ROWS', 5000);
  if (exportPageRows < 1) throw new ConfigError('CUMULUS_FOCUS_EXPORT_PAGE_ROWS must be at least 1');
  return {
    accrual: {
      enabled: bool(env, 'CUMULUS_ACCRUAL_ENABLED', true),
      cron,
      onStart: bool(env, 'CUMULUS_ACCRUAL_ON_START', true),
    },
    exportPageRows,
  };
}

function overspillConfig(env: NodeJS.ProcessEnv): OverspillConfig {
  return {
    schedulerEnabled: bool(env, 'CUMULUS_OVERSPILL_SCHEDULER', true),
    reloadSeconds: int(env, 'CUMULUS_OVERSPILL_RELOAD_SECONDS', 10),
    lockWaitMs: int(env, 'CUMULUS_OVERSPILL_LOCK_WAIT_MS', 10_000),
    placementCandidates: Math.max(1, int(env, 'CUMULUS_OVERSPILL_PLACEMENT_CANDIDATES', 5)),
  };
}

const DEFAULT_URL_ALLOW_LIST = [
  'https://prices.azure.com/api/retail/prices',
  'https://pricing.us-east-1.amazonaws.com/',
  'https://website.spot.ec2.aws.a2z.com/',
  'https://b0.p.awsstatic.com/pricing/',
  'https://cloudbilling.googleapis.com/v1/services/',
];

/** Reads the environment once; everything else receives the typed result. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const databaseUrl = env.DATABASE_URL?.trim();
  const dataDir = path.resolve(cwd, env.CUMULUS_DATA_DIR ?? 'data');
  const sharedDataDir = path.resolve(cwd, env.CUMULUS_SHARED_DATA ?? '../shared/data');
  const logLevel = (env.LOG_LEVEL ?? 'log') as AppConfig['logLevel'];
  if (!['error', 'warn', 'log', 'debug'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of error, warn, log, debug, got "${env.LOG_LEVEL}"`);
  }
  return {
    nodeEnv: env.NODE_ENV ?? 'development',
    port: int(env, 'PORT', 3000),
    host: env.HOST ?? '0.0.0.0',
    database: databaseUrl ? { kind: 'postgres', url: databaseUrl } : { kind: 'pglite', dataDir },
    sharedDataDir,
    loadStarterCatalog: bool(env, 'CUMULUS_STARTER_CATALOG', true),
    importUrlAllowList: list(env.CUMULUS_IMPORT_URL_ALLOW) ?? DEFAULT_URL_ALLOW_LIST,
    importPathAllowList: (list(env.CUMULUS_IMPORT_PATH_ALLOW) ?? [sharedDataDir]).map((p) =>
      path.resolve(cwd, p),
    ),
    maxUploadBytes: int(env, 'CUMULUS_MAX_UPLOAD_BYTES', 512 * 1024 * 1024),
    graphql: {
      maxDepth: int(env, 'GRAPHQL_MAX_DEPTH', 10),
      maxComplexity: int(env, 'GRAPHQL_MAX_COMPLEXITY', 5000),
    },
    catalogPollSeconds: int(env, 'CUMULUS_CATALOG_POLL_SECONDS', 10),
    logLevel,
    migrations: migrationConfig(env),
    providers: providersConfig(env),
    overspill: overspillConfig(env),
    finance: financeConfig(env),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
