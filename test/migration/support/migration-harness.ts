import path from 'node:path';
import { CatalogEventsService } from '../../../src/catalog/catalog-events.service.js';
import { CatalogImportService } from '../../../src/catalog/catalog-import.service.js';
import type { AppConfig, MigrationConfig } from '../../../src/config/config.js';
import { DeploymentService } from '../../../src/deployments/deployment.service.js';
import type { MigrationState } from '../../../src/domain/migration/migration-types.js';
import type { MigrationEntity } from '../../../src/migration/migration.entity.js';
import { MigrationService, type MigrationActor } from '../../../src/migration/migration.service.js';
import { SimulatedRepository } from '../../../src/providers/simulated/simulated.repository.js';
import type { SimulatedFault } from '../../../src/providers/simulated/simulated-faults.js';
import { WorkloadService } from '../../../src/workloads/workload.service.js';
import type { WorkloadSpec } from '../../../src/workloads/workload-spec.js';
import { importCumulusCsvFixtures } from '../../support/catalog-fixtures.js';
import { startTestService, type TestService } from '../../support/test-service.js';

export const FIXTURES = path.resolve('test/migration/fixtures');
export const ONPREM = { provider: 'onprem-lab', regions: ['lab1'] } as const;
export const CLOUD = { provider: 'cloud-lab', regions: ['east1'] } as const;

/** Short backoff, no soak, short leases: a whole migration runs in seconds. */
export const FAST_MIGRATIONS: MigrationConfig = {
  workers: 2,
  pollMaxMs: 100,
  leaseSeconds: 3,
  defaultBandwidthGbitPerS: 1,
  dnsTtlSeconds: 60,
  labourCostUsd: '0',
  maxAttemptsPerStep: 5,
  backoffBaseSeconds: 0.05,
  backoffMaxSeconds: 0.2,
  adminApprovalAboveUsd: '1000',
  cutoverSoakSeconds: 0,
};

export const OPERATOR: MigrationActor = { tenant: 'default', name: 'test:operator', role: 'operator' };
export const ADMIN: MigrationActor = { tenant: 'default', name: 'test:admin', role: 'admin' };

/** web (2 × 2 vCPU / 8 GiB / 20 GiB) talks to db (1 × 8 vCPU / 32 GiB / 100 GiB): 140 GiB to move. */
export const LAB_WORKLOAD: WorkloadSpec = {
  name: 'shop',
  components: [
    {
      name: 'web',
      count: 2,
      vcpu: 2,
      memoryGib: 8,
      storageGib: 20,
      egressToComponents: [{ component: 'db', gibPerMonth: 50 }],
    },
    { name: 'db', count: 1, vcpu: 8, memoryGib: 32, storageGib: 100 },
  ],
};

export async function startLabService(
  migrations: Partial<MigrationConfig> = {},
  overrides: Partial<AppConfig> = {},
): Promise<TestService> {
  const t = await startTestService({
    loadStarterCatalog: false,
    migrations: { ...FAST_MIGRATIONS, ...migrations },
    ...overrides,
  });
  await importLabCatalog(t.service.app.get(CatalogImportService));
  await t.service.app.get(CatalogEventsService).check();
  return t;
}

export async function importLabCatalog(imports: CatalogImportService): Promise<void> {
  const files = ['onprem-lab.cumulus.csv', 'cloud-lab.cumulus.csv'].map((f) => path.join(FIXTURES, f));
  await importCumulusCsvFixtures(imports, files, 'lab catalog');
}

interface AppLike {
  get<T>(token: new (...args: never[]) => T): T;
}

/** A workload recorded as running on the lab's on-prem site. */
export async function labWorkloadOnPrem(app: AppLike, name = LAB_WORKLOAD.name): Promise<string> {
  const workload = await app.get(WorkloadService).create(OPERATOR, { ...LAB_WORKLOAD, name });
  await app
    .get(DeploymentService)
    .recordExisting(OPERATOR, workload.id, { ...ONPREM, regions: [...ONPREM.regions] });
  return workload.id;
}

export async function planApproveStart(
  app: AppLike,
  workloadId: string,
  target: { provider: string; regions: readonly string[] },
  faults: readonly SimulatedFault[] = [],
): Promise<MigrationEntity> {
  const migrations = app.get(MigrationService);
  const planned = await migrations.plan(OPERATOR, workloadId, {
    provider: target.provider,
    regions: [...target.regions],
  });
  if (faults.length > 0) await app.get(SimulatedRepository).injectFaults(planned.id, faults);
  await migrations.approve(OPERATOR, planned.id);
  return migrations.start(OPERATOR, planned.id);
}

export async function waitForState(
  app: AppLike,
  id: string,
  states: readonly MigrationState[],
  timeoutMs = 60_000,
): Promise<MigrationEntity> {
  const migrations = app.get(MigrationService);
  const until = Date.now() + timeoutMs;
  for (;;) {
    const row = await migrations.get(OPERATOR, id);
    if (states.includes(row.state)) return row;
    if (Date.now() > until) {
      const steps = row.record.steps.map(
        (s) => `${s.key}=${s.state}/${s.attempts}${s.lastError ? ` (${s.lastError})` : ''}`,
      );
      throw new Error(`migration ${id} is ${row.state}, not ${states.join('|')}:\n${steps.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
