import type { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/config.js';
import { OverspillPolicyService, type PolicySpec } from '../../src/overspill/overspill-policy.service.js';
import { OverspillService } from '../../src/overspill/overspill.service.js';
import { SiteLoadService } from '../../src/overspill/site-load.service.js';
import { OPERATOR } from '../migration/support/migration-harness.js';
import type { TestService } from '../support/test-service.js';
import { LARGE, SITE, startOverspillService, waitFor, workloadOnSite } from './support/overspill-harness.js';

const policySpec = (over: Partial<PolicySpec> = {}): PolicySpec => ({
  site: SITE,
  schedule: '0 0 1 1 *',
  metric: 'VCPU',
  highWatermark: 0.8,
  lowWatermark: 0.5,
  dwellTicks: 1,
  cooldownMinutes: 0,
  maxVcpuOut: 100,
  maxCostPerDay: '1000',
  maxMovesPerHour: 100,
  selector: { tags: [], minPriority: 0 },
  targetConstraints: null,
  mode: 'ENFORCE',
  leaseMinutes: 60,
  ...over,
});

/**
 * ENFORCE through on-demand ticks: a burst exists only once its migration completed, the policy
 * holds while a move is in flight, and reconciliation reports a burst whose instance vanished
 * and terminates an instance no burst accounts for.
 */
describe('overspill in ENFORCE', () => {
  let t: TestService;
  let db: DataSource;
  let workloadId: string;
  beforeAll(async () => {
    // 150 ms per provider call: a move takes a couple of seconds, long enough to tick meanwhile.
    const base = loadConfig({ ...process.env, DATABASE_URL: '' });
    t = await startOverspillService({
      providers: { ...base.providers, simulated: { ...base.providers.simulated, stepLatencyMs: 150 } },
    });
    db = t.service.database.dataSource;
    workloadId = await workloadOnSite(t.service.app, {
      name: 'batch',
      components: [{ count: 3, ...LARGE }],
      priority: 1,
    });
  }, 60_000);
  afterAll(() => t?.close());

  const burstRow = () =>
    db
      .query<
        {
          status: string;
          bursted_at: Date | null;
          lease_expires_at: Date | null;
          burst_migration_id: string;
        }[]
      >(
        `SELECT status, bursted_at, lease_expires_at, burst_migration_id FROM overspill_bursts ORDER BY created_at DESC LIMIT 1`,
      )
      .then((rows) => rows[0]);
  const cloudVms = () =>
    db.query<{ id: string; state: string }[]>(
      `SELECT id, state FROM sim_vms WHERE provider_id = 'cloud-b' AND name LIKE $1 ORDER BY id`,
      [`${workloadId}/%`],
    );

  it('bursts, holds while the move is in flight, reconciles, recalls and ends a leak', async () => {
    const app = t.service.app;
    const policy = await app.get(OverspillPolicyService).create(OPERATOR, policySpec());
    const tick = () => app.get(OverspillService).runTick(OPERATOR, policy.id);
    await app.get(SiteLoadService).simulate(OPERATOR, SITE, 0.94);

    const out = await tick();
    expect(out).toMatchObject({ action: 'BURST', workloads: [workloadId], mode: 'ENFORCE' });
    // Recorded at once, but as a move in flight: no lease until the migration completed.
    const started = await burstRow();
    expect(started).toMatchObject({ status: 'BURSTING', bursted_at: null, lease_expires_at: null });
    const whileMoving = await tick();
    expect(whileMoving.action).toBe('HOLD');
    expect(whileMoving.reasons[0]).toMatch(
      /; 1 move\(s\) in flight: BURST \S+ \((RUNNING|CUTOVER)\): holding until they finish/,
    );
    const active = await waitFor(burstRow, (b) => b.status === 'ACTIVE', 60_000, 'the burst to complete');
    const finished = await db.query<{ finished_at: Date }[]>(
      `SELECT finished_at FROM migrations WHERE id = $1`,
      [active.burst_migration_id],
    );
    expect(new Date(active.bursted_at!).getTime()).toBe(new Date(finished[0].finished_at).getTime());
    expect(new Date(active.lease_expires_at!).getTime()).toBe(
      new Date(active.bursted_at!).getTime() + 3_600_000,
    );

    // The cloud machine disappears behind Cumulus's back: reported as a missing burst.
    const vms = await cloudVms();
    expect(vms.map((v) => v.state)).toEqual(['RUNNING']); // one machine per component
    await db.query(`UPDATE sim_vms SET state = 'TERMINATED' WHERE id = ANY($1::text[])`, [
      vms.map((v) => v.id),
    ]);
    const missing = await tick();
    expect((missing.decision as { missingBursts: { workloadId: string }[] }).missingBursts).toEqual([
      expect.objectContaining({ workloadId }),
    ]);
    await db.query(`UPDATE sim_vms SET state = 'RUNNING' WHERE id = ANY($1::text[])`, [vms.map((v) => v.id)]);

    // The site empties: the burst comes back.
    await app.get(SiteLoadService).simulate(OPERATOR, SITE, 0.1);
    const back = await tick();
    expect(back).toMatchObject({ action: 'RECALL', workloads: [workloadId] });
    await waitFor(burstRow, (b) => b.status === 'ENDED', 60_000, 'the recall to complete');
    expect((await cloudVms()).every((v) => v.state === 'TERMINATED')).toBe(true);

    // A machine the recall should have removed is still running: a leak, ended by the next tick.
    await db.query(`UPDATE sim_vms SET state = 'RUNNING' WHERE id = $1`, [vms[0].id]);
    const reconciled = await tick();
    expect(reconciled.action).toBe('HOLD');
    expect((reconciled.decision as { leaks: { instanceId: string }[] }).leaks).toEqual([
      expect.objectContaining({ instanceId: vms[0].id }),
    ]);
    expect((reconciled.outcome as { leaksTerminated: string[] }).leaksTerminated).toEqual([
      `cloud-b/b1/${vms[0].id}`,
    ]);
    expect((await cloudVms()).every((v) => v.state === 'TERMINATED')).toBe(true);

    // Later a person moves the workload to that cloud: its machine there is no leak.
    await db.query(
      `UPDATE deployments SET provider_id = 'cloud-b', region_code = 'b1' WHERE workload_id = $1 AND ended_at IS NULL`,
      [workloadId],
    );
    await db.query(`UPDATE sim_vms SET state = 'RUNNING' WHERE id = $1`, [vms[0].id]);
    const moved = await tick();
    expect((moved.decision as { leaks: unknown[] }).leaks).toEqual([]);
    expect((await cloudVms()).map((v) => v.state)).toContain('RUNNING');
  }, 120_000);
});
