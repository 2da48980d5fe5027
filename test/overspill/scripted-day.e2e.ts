import type { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/config.js';
import { OverspillPolicyService } from '../../src/overspill/overspill-policy.service.js';
import { OPERATOR } from '../migration/support/migration-harness.js';
import type { TestService } from '../support/test-service.js';
import {
  LARGE,
  MEDIUM,
  SITE,
  SMALL,
  startOverspillService,
  waitFor,
  workloadOnSite,
} from './support/overspill-harness.js';

/**
 * A scripted day on the simulated site, run by the real scheduler: the policy ticks every second
 * and the site's background load follows CUMULUS_SIMULATED_SITE_LOAD, one value per second.
 *
 * Site: 100 vCPU. Running: batch-b 4 + batch-a 8 (priority 1), etl-c 8 (2), tiny-e 2 (3), web-d 16
 * (5) and db-f 8 (not burstable) = 46 vCPU. Policy: high 0.8, low 0.5 (bursts aim below 0.65),
 * dwell 2 ticks, caps 40 vCPU out and $45/day. Best placements, by hand from the fixtures:
 * 1 × b.medium $0.18/h → $4.32/day (batch-b), b.large $0.40/h → $9.6 (batch-a), 2 × b.medium
 * → $8.64 (etl-c), a.small $0.10/h → $2.4 (tiny-e), 2 × b.large → $19.2 (web-d).
 *
 * Night: background 0.10 → 0.56, inside the band.
 * Ramp: 0.38 → 0.84. Lowest priority first, most vCPU per dollar first: batch-b (0.93 vCPU/$)
 *   → 0.80, batch-a → 0.72, etl-c → 0.64 < 0.65: three out, $22.56/day, 20 vCPU out.
 * Spike: 0.56 → 0.56 + 0.26 = 0.82: tiny-e → 0.80, web-d → 0.64: 38 vCPU out (cap 40),
 *   $44.16/day (cap $45).
 * Drop: 0 → 0.08: last out, first back: web-d, tiny-e (the spike's, in reverse), then etl-c,
 *   batch-a, batch-b; all of them fit below high (0.46).
 * A phase lasts longer than its moves take, and the policy holds while moves are in flight, so
 * the moves do not depend on how fast this machine runs the migrations.
 */
const PHASE_SECONDS = 10;
const NIGHT = 0.1;
const RAMP = 0.38;
const SPIKE = 0.56;
const DROP = 0;

/** The decisions, one line per tick, for a failure message. */
async function timeline(db: DataSource, policyId: string): Promise<string> {
  const rows = await db.query<{ tick_at: Date; action: string | null; reasons: string[] }[]>(
    `SELECT tick_at, action, reasons FROM overspill_decisions WHERE policy_id = $1 ORDER BY tick_at`,
    [policyId],
  );
  return rows
    .map((d) => `${new Date(d.tick_at).toISOString().slice(11, 19)} ${d.action} ${d.reasons.join(' | ')}`)
    .join('\n');
}

describe('a scripted day under real cron ticks (every second)', () => {
  let t: TestService;
  let db: DataSource;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    // The day starts once the service is up and the workloads are placed; until then it is night.
    const startsAt = new Date(Date.now() + 15_000);
    const day = [
      ...Array<number>(PHASE_SECONDS).fill(RAMP),
      ...Array<number>(PHASE_SECONDS).fill(SPIKE),
      DROP,
    ];
    const base = loadConfig({ ...process.env, DATABASE_URL: '' });
    t = await startOverspillService({
      providers: {
        ...base.providers,
        simulated: {
          ...base.providers.simulated,
          siteLoads: {
            [SITE]: {
              startsAt: startsAt.toISOString(),
              stepSeconds: 1,
              backgroundUtilization: [NIGHT, ...day],
              repeat: false,
            },
          },
        },
      },
      overspill: { ...base.overspill, schedulerEnabled: true, reloadSeconds: 0 },
    });
    db = t.service.database.dataSource;
    const app = t.service.app;
    const site = (
      name: string,
      components: { count: number; vcpu: number; memoryGib: number }[],
      priority: number,
      burstable = true,
    ) => workloadOnSite(app, { name, components, priority, burstable }).then((id) => (ids[name] = id));
    await site('batch-a', [{ count: 1, ...LARGE }], 1);
    await site('batch-b', [{ count: 1, ...MEDIUM }], 1);
    await site('etl-c', [{ count: 2, ...MEDIUM }], 2);
    await site('tiny-e', [{ count: 1, ...SMALL }], 3);
    await site('web-d', [{ count: 2, ...LARGE }], 5);
    await site('db-f', [{ count: 1, ...LARGE }], 9, false);
  }, 60_000);
  afterAll(() => t?.close());

  it('bursts the least important work out at the ramp and the spike, and brings it back last-out-first-back', async () => {
    const policy = await t.service.app.get(OverspillPolicyService).create(OPERATOR, {
      site: SITE,
      schedule: '* * * * * *',
      metric: 'VCPU',
      highWatermark: 0.8,
      lowWatermark: 0.5,
      dwellTicks: 2,
      cooldownMinutes: 0,
      maxVcpuOut: 40,
      maxCostPerDay: '45',
      maxMovesPerHour: 20,
      selector: { tags: ['burst'], minPriority: 0 },
      targetConstraints: null,
      mode: 'ENFORCE',
      leaseMinutes: 60,
    });
    const name = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0] ?? id;

    await waitFor(
      () =>
        db.query<{ status: string }[]>(`SELECT status FROM overspill_bursts WHERE policy_id = $1`, [
          policy.id,
        ]),
      (rows) => rows.length === 5 && rows.every((r) => r.status === 'ENDED'),
      150_000,
      'five bursts out and back',
    ).catch(async (error: Error) => {
      throw new Error(`${error.message}\n${await timeline(db, policy.id)}`);
    });

    const acted = await db.query<
      {
        tick_at: Date;
        trigger: string;
        action: string;
        workloads: string[];
        projected_cost_per_day_usd: string;
        projected_vcpu_out: number;
      }[]
    >(
      `SELECT tick_at, trigger, action, workloads, projected_cost_per_day_usd, projected_vcpu_out FROM overspill_decisions
       WHERE policy_id = $1 AND action <> 'HOLD' ORDER BY tick_at`,
      [policy.id],
    );
    expect(
      acted.map((d) => [d.action, d.workloads.map(name), d.projected_cost_per_day_usd, d.projected_vcpu_out]),
    ).toEqual([
      ['BURST', ['batch-b', 'batch-a', 'etl-c'], '22.56', 20],
      ['BURST', ['tiny-e', 'web-d'], '44.16', 38],
      ['RECALL', ['web-d', 'tiny-e', 'etl-c', 'batch-a', 'batch-b'], '0', 0],
    ]);
    expect(acted.every((d) => d.trigger === 'SCHEDULE')).toBe(true);

    const bursts = await db.query<
      { workload_id: string; target: string; cost_per_day_usd: string; recall_migration_id: string }[]
    >(
      `SELECT workload_id, target_provider || '/' || target_region AS target, cost_per_day_usd, recall_migration_id
       FROM overspill_bursts WHERE policy_id = $1 ORDER BY decided_at, move_index`,
      [policy.id],
    );
    expect(bursts.map((b) => [name(b.workload_id), b.target, b.cost_per_day_usd])).toEqual([
      ['batch-b', 'cloud-b/b1', '4.32'],
      ['batch-a', 'cloud-b/b1', '9.6'],
      ['etl-c', 'cloud-b/b1', '8.64'],
      ['tiny-e', 'cloud-a/a1', '2.4'],
      ['web-d', 'cloud-b/b1', '19.2'],
    ]);

    // Every move was a migration by the system actor, and all of them completed.
    const migrations = await db.query<
      { workload_id: string; source: string; target: string; state: string; created_by: string }[]
    >(
      `SELECT workload_id, source_provider AS source, target_provider AS target, state, created_by
       FROM migrations ORDER BY created_at`,
    );
    expect(migrations.map((m) => [name(m.workload_id), m.source, m.target, m.state])).toEqual([
      ['batch-b', 'onprem-ovs', 'cloud-b', 'COMPLETED'],
      ['batch-a', 'onprem-ovs', 'cloud-b', 'COMPLETED'],
      ['etl-c', 'onprem-ovs', 'cloud-b', 'COMPLETED'],
      ['tiny-e', 'onprem-ovs', 'cloud-a', 'COMPLETED'],
      ['web-d', 'onprem-ovs', 'cloud-b', 'COMPLETED'],
      ['web-d', 'cloud-b', 'onprem-ovs', 'COMPLETED'],
      ['tiny-e', 'cloud-a', 'onprem-ovs', 'COMPLETED'],
      ['etl-c', 'cloud-b', 'onprem-ovs', 'COMPLETED'],
      ['batch-a', 'cloud-b', 'onprem-ovs', 'COMPLETED'],
      ['batch-b', 'cloud-b', 'onprem-ovs', 'COMPLETED'],
    ]);
    expect(new Set(migrations.map((m) => m.created_by))).toEqual(new Set(['system:overspill']));

    // Everything runs at home again, nothing is left running in the clouds, and one decision per tick.
    const away = await db.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM deployments WHERE ended_at IS NULL AND provider_id <> 'onprem-ovs'`,
    );
    expect(Number(away[0].n)).toBe(0);
    const live = await db.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM sim_vms WHERE provider_id IN ('cloud-a', 'cloud-b') AND state IN ('PROVISIONED', 'RUNNING', 'STOPPED')`,
    );
    expect(Number(live[0].n)).toBe(0);
    const ticks = await db.query<{ n: string; distinct_ticks: string; whole: boolean }[]>(
      `SELECT count(*) AS n, count(DISTINCT tick_at) AS distinct_ticks,
              bool_and(date_trunc('second', tick_at) = tick_at) AS whole
       FROM overspill_decisions WHERE policy_id = $1`,
      [policy.id],
    );
    expect(ticks[0].n).toBe(ticks[0].distinct_ticks);
    expect(ticks[0].whole).toBe(true);
  }, 180_000);
});
