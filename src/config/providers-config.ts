import { ConfigError, int } from './env-values.js';

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

export function providersConfig(env: NodeJS.ProcessEnv): ProvidersConfig {
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
