import type { DataSource } from 'typeorm';
import { DeploymentService } from '../../src/deployments/deployment.service.js';
import { MigrationService } from '../../src/migration/migration.service.js';
import type { TestService } from '../support/test-service.js';
import {
  CLOUD,
  labWorkloadOnPrem,
  ONPREM,
  OPERATOR,
  planApproveStart,
  startLabService,
  waitForState,
} from './support/migration-harness.js';

/**
 * on-prem → cloud → on-prem on the simulated adapters. Prices from the lab fixtures, by hand:
 * on-prem lab.small $0.03/h, lab.large $0.10/h; cloud c.small $0.08/h, c.large $0.30/h.
 * web = 2 × small, db = 1 × large. 730 h a month.
 */
describe('a round trip on the simulated adapters', () => {
  let t: TestService;
  let db: DataSource;
  beforeAll(async () => {
    t = await startLabService();
    db = t.service.database.dataSource;
  });
  afterAll(() => t.close());

  it('moves the workload out and back, with the deployments and costs following', async () => {
    const app = t.service.app;
    const workloadId = await labWorkloadOnPrem(app);

    const out = await planApproveStart(app, workloadId, CLOUD);
    const outPlan = out.plan.estimate;
    // Source: 2 × 0.03 × 730 + 1 × 0.10 × 730 = 43.8 + 73 = 116.8. Target: 2 × 0.08 × 730 + 0.30 × 730 = 116.8 + 219 = 335.8.
    expect(outPlan.sourceMonthlyCostUsd).toBe('116.8');
    expect(outPlan.targetMonthlyCostUsd).toBe('335.8');
    expect(outPlan.monthlySavingUsd).toBe('-219');
    expect(outPlan.paybackMonths).toBeNull();
    // 2 × 20 + 100 = 140 GiB at the configured 1 Gbit/s: 140 × 8 / 1 = 1,120 s; COLD (1,120 + 300 + 60 ≤ 3,600).
    expect(outPlan).toMatchObject({
      gibToMove: 140,
      transferSeconds: 1120,
      throughputSource: 'configured-default',
      strategy: 'COLD',
    });
    // Egress: the site's own INTERNET rate, 140 × 0.01 = 1.4. Double running (no soak):
    // 335.8 × 1,120 / 3,600 / 730 = 0.1431111 → 0.143111. One-off 1.543111.
    expect(outPlan.egressCostUsd).toBe('1.4');
    expect(outPlan.doubleRunningCostUsd).toBe('0.143111');
    expect(outPlan.oneOffCostUsd).toBe('1.543111');
    expect(outPlan.componentOrder).toEqual(['web', 'db']);

    const outDone = await waitForState(app, out.id, ['COMPLETED']);
    expect(outDone.finishedAt).not.toBeNull();
    const atCloud = await app.get(DeploymentService).findRunning(workloadId);
    expect(
      atCloud.map((d) => [
        d.component,
        d.providerId,
        d.regionCode,
        d.instanceType,
        d.pricePerHourUsd,
        d.migrationId,
      ]),
    ).toEqual([
      ['db', 'cloud-lab', 'east1', 'c.large', '0.3', out.id],
      ['web', 'cloud-lab', 'east1', 'c.small', '0.08', out.id],
    ]);
    expect(atCloud.every((d) => typeof d.tags.resourceId === 'string')).toBe(true);

    const back = await planApproveStart(app, workloadId, ONPREM);
    const backPlan = back.plan.estimate;
    expect(backPlan.sourceMonthlyCostUsd).toBe('335.8');
    expect(backPlan.targetMonthlyCostUsd).toBe('116.8');
    expect(backPlan.monthlySavingUsd).toBe('219');
    // Egress out of the cloud: 140 × 0.09 = 12.6; double running 116.8 × 1,120 / 3,600 / 730 = 0.0497778 → 0.049778;
    // one-off 12.649778; payback 12.649778 / 219 = 0.0578 → 0.06 (rounded up).
    expect(backPlan.egressCostUsd).toBe('12.6');
    expect(backPlan.doubleRunningCostUsd).toBe('0.049778');
    expect(backPlan.oneOffCostUsd).toBe('12.649778');
    expect(backPlan.paybackMonths).toBe('0.06');
    await waitForState(app, back.id, ['COMPLETED']);

    const history = await app.get(DeploymentService).history(OPERATOR, workloadId);
    const running = history.filter((d) => d.endedAt === null);
    expect(running.map((d) => [d.component, d.providerId, d.source])).toEqual([
      ['db', 'onprem-lab', 'MIGRATION'],
      ['web', 'onprem-lab', 'MIGRATION'],
    ]);
    // Each move ended the previous rows at the instant it started the new ones.
    const cloudRows = history.filter((d) => d.providerId === 'cloud-lab');
    for (const row of cloudRows) {
      expect(row.endedAt).not.toBeNull();
      expect(running.find((r) => r.component === row.component)!.startedAt.getTime()).toBe(
        row.endedAt!.getTime(),
      );
    }

    // The simulated world: the original on-prem machines and the cloud ones are terminated, the
    // machines started by the return trip run, and DNS points at them.
    const vms: { provider_id: string; state: string; name: string }[] = await db.query(
      `SELECT provider_id, state, name FROM sim_vms ORDER BY provider_id, name, state`,
    );
    expect(vms.filter((v) => v.state === 'RUNNING').map((v) => v.provider_id)).toEqual([
      'onprem-lab',
      'onprem-lab',
    ]);
    expect(vms.filter((v) => v.provider_id === 'cloud-lab').every((v) => v.state === 'TERMINATED')).toBe(
      true,
    );
    const dns: { name: string; address: string }[] = await db.query(
      `SELECT name, address FROM sim_dns_records ORDER BY name`,
    );
    expect(dns.map((d) => d.address)).toEqual([
      running.find((r) => r.component === 'db')!.tags.address,
      running.find((r) => r.component === 'web')!.tags.address,
    ]);
    // Every effect once: one effect-log row per step key that ran.
    const effects: { n: number; keys: number }[] = await db.query(
      `SELECT count(*)::int AS n, count(DISTINCT key)::int AS keys FROM sim_effects`,
    );
    expect(effects[0].n).toBe(effects[0].keys);
    const ran = [outDone, await app.get(MigrationService).get(OPERATOR, back.id)].flatMap((m) =>
      m.record.steps.filter((s) => s.state === 'SUCCEEDED').map((s) => s.key),
    );
    expect(effects[0].n).toBe(ran.length);
    expect(ran.length).toBe(2 * 2 * 9); // two moves × two components × nine steps (conversion skipped: VMDK both sides)
  });
});
