import { startTestService, type TestService } from '../support/test-service.js';
import { insertDeployment, withoutScheduledAccrual } from './finance-factories.js';

/*
 * On the starter catalog. "web" (2 × 8 vCPU / 32 GiB, EU only, no US CLOUD Act exposure) runs in AWS
 * eu-central-1, recorded by hand at 0.5 $/h per instance: 2 × 0.5 × 730 = 730 $ a month.
 * Its best placement now is the example on-prem site (placement.e2e.ts works it out): 2 × gp.large at
 * 0.1092 $/h × 730 = 159.432 $ a month. Saving 570.568 $ a month, 6,846.816 $ a year.
 * One-off (migration planner): no storage, so no egress; double running = 159.432 × 1 h soak / 730 h = 0.2184;
 * payback 0.2184 / 570.568 = 0.00038… → 0.01 month (rounded up); net over 12 months 6,846.5976.
 */
describe('savings: current monthly cost against the best placement now', () => {
  let t: TestService;

  // Loading the starter catalog into a fresh database takes a while on a busy machine.
  beforeAll(async () => {
    withoutScheduledAccrual();
    t = await startTestService();
  }, 180_000);
  afterAll(() => t.close());

  it('prices the move with the migration planner and shows saving and payback', async () => {
    const created = await t.graphql<{ createWorkload: { id: string } }>(
      `mutation { createWorkload(input: {
         name: "web", components: [{ name: "app", count: 2, vcpu: 8, memoryGib: 32 }],
         constraints: { countries: ["DE", "FR"], forbidRegimes: ["US_CLOUD_ACT"], purchaseOptions: [ON_DEMAND], minAvailability: 99.9 }
       }) { id } }`,
      undefined,
      t.keys.operator,
    );
    expect(created.body.errors).toBeUndefined();
    const workloadId = created.body.data!.createWorkload.id;
    await insertDeployment(t.service.database.dataSource, {
      workloadId,
      component: 'app',
      provider: 'aws',
      region: 'eu-central-1',
      count: 2,
      pricePerHour: '0.5',
      startedAt: '2026-01-01T00:00:00Z',
    });
    const { body } = await t.graphql<{ savings: unknown[] }>(
      `{ savings { workloadId workloadName currentSites currentMonthlyCostUsd
           best { provider regions computeMonthlyCostUsd totalMonthlyCostUsd }
           migrationOneOffCostUsd oneOffBasis monthlySavingUsd annualSavingUsd paybackMonths netSavingOverHorizonUsd horizonMonths } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.savings).toEqual([
      {
        workloadId,
        workloadName: 'web',
        currentSites: ['aws:eu-central-1'],
        currentMonthlyCostUsd: '730',
        best: {
          provider: 'onprem-frankfurt',
          regions: ['fra1'],
          computeMonthlyCostUsd: '159.432',
          totalMonthlyCostUsd: '159.432',
        },
        migrationOneOffCostUsd: '0.2184',
        oneOffBasis: expect.stringContaining('migration planner') as string,
        monthlySavingUsd: '570.568',
        annualSavingUsd: '6846.816',
        paybackMonths: '0.01',
        netSavingOverHorizonUsd: '6846.5976',
        horizonMonths: 12,
      },
    ]);
  });
});
