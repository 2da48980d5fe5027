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
  readonly migrations: MigrationConfig;
  readonly providers: ProvidersConfig;
  readonly overspill: OverspillConfig;
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

/** One injected fault of the simulated provider (see src/providers/simulated/simulated-faults.ts). */
export interface SimulatedFaultConfig {
  readonly step?: string;
  readonly component?: string;
  readonly attempt?: number;
  readonly mode: 'fail' | 'fail-permanent' | 'hang' | 'crash';
  readonly probability?: number;
}

/**
 * A simulated site's background load over time: the fraction of its vCPU and memory taken by
 * machines Cumulus does not manage, value i applying from startsAt + i × stepSeconds. Before the
 * start the first value applies; after the end the last (or the series repeats).
 */
export interface SimulatedSiteLoadScript {
  readonly startsAt: string;
  readonly stepSeconds: number;
  readonly backgroundUtilization: readonly number[];
  readonly repeat: boolean;
}

export interface ProvidersConfig {
  readonly simulated: {
    /** Added to every simulated provider call. */
    readonly stepLatencyMs: number;
    /** Faults per provider id ('*' for every simulated provider). */
    readonly faults: Readonly<Record<string, readonly SimulatedFaultConfig[]>>;
    /** vCPU and memory of a simulated cloud's quota (on-prem sites use their region's capacity). */
    readonly cloudQuotaVcpu: number;
    readonly cloudQuotaMemoryGib: number;
    /** Scripted background load of simulated on-prem sites, by "provider/region" (demos, tests). */
    readonly siteLoads: Readonly<Record<string, SimulatedSiteLoadScript>>;
  };
  readonly aws: {
    /** Null: the SDK's own endpoints. Set to a test or private endpoint (S3 is then path-style). */
    readonly endpoint: string | null;
    readonly region: string;
    readonly accessKeyId: string | null;
    readonly secretAccessKey: string | null;
    /** The S3 bucket images are staged in for VM Import. */
    readonly stagingBucket: string;
    readonly hostedZoneId: string | null;
    /** The zone's name: records are <component>.<workload>.<zone>. */
    readonly dnsZone: string;
    readonly subnetId: string | null;
    readonly importPollMs: number;
    readonly importTimeoutMs: number;
  };
  readonly openstack: {
    /** Keystone v3, e.g. https://cloud.example:5000/v3; null: adapter not configured. */
    readonly authUrl: string | null;
    readonly username: string | null;
    readonly password: string | null;
    readonly projectId: string | null;
    readonly userDomain: string;
    /** Region in the service catalog whose endpoints are used. */
    readonly region: string | null;
    readonly networkId: string | null;
    readonly flavorId: string | null;
    /** Designate zone id and name for the traffic switch. */
    readonly dnsZoneId: string | null;
    readonly dnsZone: string;
    readonly pollMs: number;
    readonly timeoutMs: number;
  };
}

function num(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new ConfigError(`${name} must be a non-negative number, got "${raw}"`);
  return value;
}

function decimalText(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+(\.\d+)?$/.test(raw))
    throw new ConfigError(`${name} must be a decimal like 1000.50, got "${raw}"`);
  return raw;
}

function faults(raw: string | undefined): Record<string, SimulatedFaultConfig[]> {
  if (raw === undefined || raw.trim() === '') return {};
  try {
    return JSON.parse(raw) as Record<string, SimulatedFaultConfig[]>;
  } catch {
    throw new ConfigError(
      'CUMULUS_SIMULATED_FAULTS must be JSON: {"<provider>|*": [{"step": …, "mode": …}]}',
    );
  }
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

function siteLoads(env: NodeJS.ProcessEnv, now: Date): Record<string, SimulatedSiteLoadScript> {
  const raw = env.CUMULUS_SIMULATED_SITE_LOAD;
  if (raw === undefined || raw.trim() === '') return {};
  if (env.NODE_ENV === 'production')
    throw new ConfigError(
      'CUMULUS_SIMULATED_SITE_LOAD scripts a demo load: refused with NODE_ENV=production',
    );
  const usage =
    'CUMULUS_SIMULATED_SITE_LOAD must be JSON: {"<provider>/<region>": {"stepSeconds": 60, "backgroundUtilization": [0.2, 0.5], "startsAt"?: ISO, "repeat"?: bool}}';
  let parsed: Record<string, Partial<SimulatedSiteLoadScript>>;
  try {
    parsed = JSON.parse(raw) as Record<string, Partial<SimulatedSiteLoadScript>>;
  } catch {
    throw new ConfigError(usage);
  }
  const out: Record<string, SimulatedSiteLoadScript> = {};
  for (const [site, script] of Object.entries(parsed)) {
    const values = script.backgroundUtilization;
    const startsAt = script.startsAt ?? now.toISOString();
    const ok =
      /^[^/]+\/[^/]+$/.test(site) &&
      typeof script.stepSeconds === 'number' &&
      script.stepSeconds > 0 &&
      Array.isArray(values) &&
      values.length > 0 &&
      values.every((v) => typeof v === 'number' && v >= 0 && v <= 1) &&
      !Number.isNaN(Date.parse(startsAt));
    if (!ok) throw new ConfigError(`${usage} (bad entry "${site}")`);
    out[site] = {
      startsAt,
      stepSeconds: script.stepSeconds,
      backgroundUtilization: values,
      repeat: script.repeat ?? false,
    };
  }
  return out;
}

function overspillConfig(env: NodeJS.ProcessEnv): OverspillConfig {
  return {
    schedulerEnabled: bool(env, 'CUMULUS_OVERSPILL_SCHEDULER', true),
    reloadSeconds: int(env, 'CUMULUS_OVERSPILL_RELOAD_SECONDS', 10),
    lockWaitMs: int(env, 'CUMULUS_OVERSPILL_LOCK_WAIT_MS', 10_000),
    placementCandidates: Math.max(1, int(env, 'CUMULUS_OVERSPILL_PLACEMENT_CANDIDATES', 5)),
  };
}

function providersConfig(env: NodeJS.ProcessEnv): ProvidersConfig {
  const text = (name: string) => env[name]?.trim() || null;
  return {
    simulated: {
      stepLatencyMs: int(env, 'CUMULUS_SIMULATED_LATENCY_MS', 0),
      faults: faults(env.CUMULUS_SIMULATED_FAULTS),
      cloudQuotaVcpu: int(env, 'CUMULUS_SIMULATED_QUOTA_VCPU', 10_000),
      cloudQuotaMemoryGib: int(env, 'CUMULUS_SIMULATED_QUOTA_MEMORY_GIB', 40_000),
      siteLoads: siteLoads(env, new Date()),
    },
    aws: {
      endpoint: text('CUMULUS_AWS_ENDPOINT'),
      region: env.CUMULUS_AWS_REGION ?? env.AWS_REGION ?? 'us-east-1',
      accessKeyId: text('CUMULUS_AWS_ACCESS_KEY_ID'),
      secretAccessKey: text('CUMULUS_AWS_SECRET_ACCESS_KEY'),
      stagingBucket: env.CUMULUS_AWS_STAGING_BUCKET ?? 'cumulus-migrations',
      hostedZoneId: text('CUMULUS_AWS_HOSTED_ZONE_ID'),
      dnsZone: env.CUMULUS_AWS_DNS_ZONE ?? 'cumulus.internal',
      subnetId: text('CUMULUS_AWS_SUBNET_ID'),
      importPollMs: int(env, 'CUMULUS_AWS_IMPORT_POLL_MS', 15_000),
      importTimeoutMs: int(env, 'CUMULUS_AWS_IMPORT_TIMEOUT_MS', 600_000),
    },
    openstack: {
      authUrl: text('CUMULUS_OPENSTACK_AUTH_URL'),
      username: text('CUMULUS_OPENSTACK_USERNAME'),
      password: text('CUMULUS_OPENSTACK_PASSWORD'),
      projectId: text('CUMULUS_OPENSTACK_PROJECT_ID'),
      userDomain: env.CUMULUS_OPENSTACK_USER_DOMAIN ?? 'Default',
      region: text('CUMULUS_OPENSTACK_REGION'),
      networkId: text('CUMULUS_OPENSTACK_NETWORK_ID'),
      flavorId: text('CUMULUS_OPENSTACK_FLAVOR_ID'),
      dnsZoneId: text('CUMULUS_OPENSTACK_DNS_ZONE_ID'),
      dnsZone: env.CUMULUS_OPENSTACK_DNS_ZONE ?? 'cumulus.internal.',
      pollMs: int(env, 'CUMULUS_OPENSTACK_POLL_MS', 5000),
      timeoutMs: int(env, 'CUMULUS_OPENSTACK_TIMEOUT_MS', 600_000),
    },
  };
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
    migrations: migrationConfig(env),
    providers: providersConfig(env),
    overspill: overspillConfig(env),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
