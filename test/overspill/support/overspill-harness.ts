import path from 'node:path';
import { CatalogEventsService } from '../../../src/catalog/catalog-events.service.js';
import { CatalogImportService } from '../../../src/catalog/catalog-import.service.js';
import type { AppConfig } from '../../../src/config/config.js';
import { DeploymentService } from '../../../src/deployments/deployment.service.js';
import { WorkloadService } from '../../../src/workloads/workload.service.js';
import type { ComponentSpec } from '../../../src/workloads/workload-spec.js';
import { FAST_MIGRATIONS, OPERATOR } from '../../migration/support/migration-harness.js';
import { importCumulusCsvFixtures } from '../../support/catalog-fixtures.js';
import { startTestService, type TestService } from '../../support/test-service.js';

export const FIXTURES = path.resolve('test/overspill/fixtures');
/** 100 vCPU, 400 GiB; ovs.small 2/8 $0.02/h, ovs.medium 4/16 $0.04/h, ovs.large 8/32 $0.08/h. */
export const SITE = 'onprem-ovs/site1';
export const ON_SITE = { provider: 'onprem-ovs', regions: ['site1'] };

export const SMALL = { vcpu: 2, memoryGib: 8 } as const;
export const MEDIUM = { vcpu: 4, memoryGib: 16 } as const;
export const LARGE = { vcpu: 8, memoryGib: 32 } as const;

interface AppLike {
  get<T>(token: new (...args: never[]) => T): T;
}

/**
 * A service on the overspill fixtures: one simulated on-prem site and two simulated clouds.
 * Cloud A: a.small 2/8 $0.10/h, a.medium 4/16 $0.20/h, a.large 8/32 $0.50/h.
 * Cloud B: b.small 2/8 $0.12/h, b.medium 4/16 $0.18/h, b.large 8/32 $0.40/h.
 * So a small component bursts to A, medium and large ones to B.
 */
export async function startOverspillService(overrides: Partial<AppConfig> = {}): Promise<TestService> {
  const t = await startTestService({
    loadStarterCatalog: false,
    migrations: FAST_MIGRATIONS,
    ...overrides,
  });
  try {
    const files = ['onprem-ovs.cumulus.csv', 'cloud-a.cumulus.csv', 'cloud-b.cumulus.csv'];
    await importCumulusCsvFixtures(
      t.service.app.get(CatalogImportService),
      files.map((f) => path.join(FIXTURES, f)),
      'overspill catalog',
    );
    await t.service.app.get(CatalogEventsService).check();
  } catch (error) {
    await t.close();
    throw error;
  }
  return t;
}

export interface SiteWorkload {
  readonly name: string;
  readonly components: { readonly count: number; readonly vcpu: number; readonly memoryGib: number }[];
  readonly priority: number;
  readonly burstable?: boolean;
  readonly tags?: string[];
}

/** Creates the workload and records it as running on the site; returns its id. */
export async function workloadOnSite(app: AppLike, w: SiteWorkload): Promise<string> {
  const components: ComponentSpec[] = w.components.map((c, i) => ({ name: `c${i}`, ...c }));
  const created = await app.get(WorkloadService).create(OPERATOR, {
    name: w.name,
    components,
    burstable: w.burstable ?? true,
    priority: w.priority,
    tags: w.tags ?? ['burst'],
  });
  await app.get(DeploymentService).recordExisting(OPERATOR, created.id, ON_SITE);
  return created.id;
}

/** A policy input with test defaults; cases override what they are about. */
export function policyInput(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    site: SITE,
    schedule: '0 * * * *',
    metric: 'VCPU',
    highWatermark: 0.8,
    lowWatermark: 0.5,
    dwellTicks: 1,
    cooldownMinutes: 0,
    maxVcpuOut: 40,
    maxCostPerDay: '45',
    maxMovesPerHour: 20,
    selector: { tags: ['burst'], minPriority: 0 },
    mode: 'DRY_RUN',
    leaseMinutes: 60,
    ...over,
  };
}

export const POLICY_FIELDS = `id site schedule metric highWatermark lowWatermark dwellTicks cooldownMinutes
  maxVcpuOut maxCostPerDay maxMovesPerHour selector { tags minPriority } mode leaseMinutes
  targetConstraints { countries providerKinds forbidProviders }`;

export const DECISION_FIELDS = `id policyId site tickAt trigger status claimedBy mode dryRun action workloads reasons
  utilisation projectedUtilisation projectedVcpuOut projectedCostPerDayUsd leaseRenewals
  moves { kind workloadId workloadName vcpu target { provider region } costPerDayUsd migrationId status error }
  leaks { provider region instanceId workloadId reason } error`;

/** Polls `read` until `done` holds or the time is up (then fails with the last value). */
export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
