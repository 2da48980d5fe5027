import path from 'node:path';

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
}

export class ConfigError extends Error {}

const DEFAULT_URL_ALLOW_LIST = [
  'https://prices.azure.com/api/retail/prices',
  'https://pricing.us-east-1.amazonaws.com/',
  'https://website.spot.ec2.aws.a2z.com/',
  'https://b0.p.awsstatic.com/pricing/',
  'https://cloudbilling.googleapis.com/v1/services/',
];

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new ConfigError(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

function list(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

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
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
