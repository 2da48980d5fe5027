import { DeploymentService } from '../../src/deployments/deployment.service.js';
import { MigrationService } from '../../src/migration/migration.service.js';
import { WorkloadService } from '../../src/workloads/workload.service.js';
import { startTestService, type TestService } from '../support/test-service.js';
import { ADMIN, FAST_MIGRATIONS, OPERATOR, waitForState } from './support/migration-harness.js';

/**
 * What a new user gets after `npm start`: the starter catalog's on-prem site and the clouds are
 * served by the simulated adapter, so a workload moves from onprem-frankfurt to AWS end to end.
 */
describe('a migration on the starter catalog', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ migrations: FAST_MIGRATIONS });
  }, 180_000);
  afterAll(() => t.close());

  it('moves a workload from the example on-prem site to aws eu-central-1', async () => {
    const app = t.service.app;
    const w = await app.get(WorkloadService).create(OPERATOR, {
      name: 'intranet',
      components: [{ name: 'app', count: 2, vcpu: 2, memoryGib: 8, storageGib: 50 }],
    });
    const [onPrem] = await app
      .get(DeploymentService)
      .recordExisting(OPERATOR, w.id, { provider: 'onprem-frankfurt', regions: ['fra1'] });
    expect(onPrem).toMatchObject({ providerId: 'onprem-frankfurt', regionCode: 'fra1', instanceCount: 2 });

    const migrations = app.get(MigrationService);
    const planned = await migrations.plan(OPERATOR, w.id, { provider: 'aws', regions: ['eu-central-1'] });
    expect(planned.plan.estimate).toMatchObject({ gibToMove: 100, strategy: 'COLD' });
    expect(planned.plan.estimate.egressBasis).toBe('egress offers of onprem-frankfurt:fra1 INTERNET');
    // The example site prices internet egress at $0.01/GB for its first 51,200 GB: 100 × 0.01 = 1.
    expect(planned.plan.estimate.egressCostUsd).toBe('1');
    await migrations.approve(ADMIN, planned.id);
    await migrations.start(OPERATOR, planned.id);
    await waitForState(app, planned.id, ['COMPLETED']);

    const running = await app.get(DeploymentService).findRunning(w.id);
    expect(running.map((d) => [d.providerId, d.regionCode, d.migrationId])).toEqual([
      ['aws', 'eu-central-1', planned.id],
    ]);
  });
});
