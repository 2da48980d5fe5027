import path from 'node:path';
import { CatalogImportService } from '../../src/catalog/catalog-import.service.js';
import { DeploymentService } from '../../src/deployments/deployment.service.js';
import { MigrationService } from '../../src/migration/migration.service.js';
import { WorkloadService } from '../../src/workloads/workload.service.js';
import { describeWithSharedData, sharedFile } from '../support/shared-data.js';
import type { TestService } from '../support/test-service.js';
import { FIXTURES, OPERATOR, startLabService } from './support/migration-harness.js';

/**
 * The planner through the service on the real Skyplane rows (../shared/data/latency/skyplane):
 * throughput.csv line 4711, aws:eu-west-1 → azure:westeurope received 4,696,837,028.189097 bit/s;
 * egress_cost_per_gb.csv line 790, aws:eu-west-1 → azure:westeurope $0.09/GB. Instance prices are
 * hand-made fixtures: aws fixture.xlarge $0.80/h, azure Fixture_D4 $0.50/h.
 */
describeWithSharedData('planning on real egress and throughput rows', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startLabService({ cutoverSoakSeconds: 3600, labourCostUsd: '300' });
    const imports = t.service.app.get(CatalogImportService);
    const load = async (format: string, file: string) => {
      const summary = await imports.import({ format, files: [file], createdBy: 'test', urlAllowList: [] });
      expect(summary.status).toBe('ACTIVE');
    };
    await load('cumulus-csv', path.join(FIXTURES, 'aws-eu.cumulus.csv'));
    await load('cumulus-csv', path.join(FIXTURES, 'azure-eu.cumulus.csv'));
    await load('skyplane-throughput', sharedFile('latency/skyplane/throughput.csv'));
    await load('skyplane-egress', sharedFile('latency/skyplane/egress_cost_per_gb.csv'));
  }, 180_000);
  afterAll(() => t.close());

  it('500 GiB from aws:eu-west-1 to azure:westeurope', async () => {
    const app = t.service.app;
    const w = await app.get(WorkloadService).create(OPERATOR, {
      name: 'ledger',
      components: [{ name: 'app', count: 2, vcpu: 4, memoryGib: 16, storageGib: 250 }],
    });
    await app
      .get(DeploymentService)
      .recordExisting(OPERATOR, w.id, { provider: 'aws', regions: ['eu-west-1'] });
    const planned = await app
      .get(MigrationService)
      .plan(OPERATOR, w.id, { provider: 'azure', regions: ['westeurope'] });
    const e = planned.plan.estimate;
    // 2 × 250 = 500 GiB; 500 × 8 / 4.696837028189097 = 851.6369582 s, measured.
    expect(e).toMatchObject({
      gibToMove: 500,
      throughputSource: 'measured:skyplane',
      throughputGbitPerS: 4.696837028189097,
    });
    expect(e.transferSeconds).toBeCloseTo(851.6369582, 6);
    // COLD: 851.637 + 300 (start + verify) + 60 (TTL) = 1,211.637 s ≤ 3,600 s.
    expect(e.strategy).toBe('COLD');
    expect(e.expectedDowntimeSeconds).toBeCloseTo(1211.6369582, 6);
    // Egress: 500 GB × 0.09 (one tier from 0 GB) = 45.
    expect(e.egressCostUsd).toBe('45');
    expect(e.egressBasis).toBe('egress_prices aws:eu-west-1 OTHER_PROVIDER → azure:westeurope');
    // Source 2 × 0.80 × 730 = 1,168; target 2 × 0.50 × 730 = 730; saving 438.
    expect([e.sourceMonthlyCostUsd, e.targetMonthlyCostUsd, e.monthlySavingUsd]).toEqual([
      '1168',
      '730',
      '438',
    ]);
    // Double running: 730 × (851.6369582 + 3,600) / 3,600 / 730 = 1.2365658 → 1.236566;
    // one-off 45 + 1.236566 + 300 = 346.236566; payback 346.236566 / 438 = 0.7905 → 0.80.
    expect(e.doubleRunningCostUsd).toBe('1.236566');
    expect(e.oneOffCostUsd).toBe('346.236566');
    expect(e.paybackMonths).toBe('0.8');
    // aws exports VMDK, azure imports VHD: the conversion step runs.
    expect(planned.record.steps.find((s) => s.kind === 'convert_image')).toMatchObject({
      state: 'PENDING',
      params: { fromFormat: 'VMDK', toFormat: 'VHD' },
    });
  });
});
