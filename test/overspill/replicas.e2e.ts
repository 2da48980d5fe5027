import type { DataSource } from 'typeorm';
import { startService, type RunningService } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config/config.js';
import { OverspillPolicyService, type PolicySpec } from '../../src/overspill/overspill-policy.service.js';
import { OverspillScheduler, type FiredTick } from '../../src/overspill/overspill-scheduler.service.js';
import { OverspillTickService } from '../../src/overspill/overspill-tick.service.js';
import { SiteLoadService } from '../../src/overspill/site-load.service.js';
import { OPERATOR } from '../migration/support/migration-harness.js';
import { usingServer } from '../support/test-database.js';
import type { TestService } from '../support/test-service.js';
import { LARGE, SITE, startOverspillService, waitFor, workloadOnSite } from './support/overspill-harness.js';

/** 24 vCPU of burstable work on a site kept at 0.94: a dry-run policy would burst it every third tick. */
const dryRunPolicy = (schedule: string): PolicySpec => ({
  site: SITE,
  schedule,
  metric: 'VCPU',
  highWatermark: 0.8,
  lowWatermark: 0.5,
  dwellTicks: 3,
  cooldownMinutes: 0,
  maxVcpuOut: 100,
  maxCostPerDay: '1000',
  maxMovesPerHour: 100_000,
  selector: { tags: [], minPriority: 0 },
  targetConstraints: null,
  mode: 'DRY_RUN',
  leaseMinutes: 60,
});

async function fullSite(t: TestService): Promise<void> {
  await workloadOnSite(t.service.app, { name: 'batch', components: [{ count: 3, ...LARGE }], priority: 1 });
  await t.service.app.get(SiteLoadService).simulate(OPERATOR, SITE, 0.94);
}

const decisionsOf = (db: DataSource, policyId: string) =>
  db.query<{ tick_at: Date; claimed_by: string; action: string; reasons: string[] }[]>(
    `SELECT tick_at, claimed_by, action, reasons FROM overspill_decisions WHERE policy_id = $1 ORDER BY tick_at`,
    [policyId],
  );

describe('a tick is decided once', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startOverspillService();
    await fullSite(t);
  }, 60_000);
  afterAll(() => t?.close());

  it('two calls for the same tick: one decides, the other finds the claim', async () => {
    const policy = await t.service.app
      .get(OverspillPolicyService)
      .create(OPERATOR, dryRunPolicy('0 0 1 1 *'));
    const ticks = t.service.app.get(OverspillTickService);
    const at = new Date('2026-01-01T00:00:00Z');
    const results = await Promise.all([
      ticks.tick(policy.id, at, 'SCHEDULE'),
      ticks.tick(policy.id, at, 'SCHEDULE'),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['ALREADY_DECIDED', 'DECIDED']);
    const rows = await decisionsOf(t.service.database.dataSource, policy.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].reasons[0]).toBe('utilisation 0.94 ≥ high watermark 0.8 for 1/3 ticks: dwell not reached');
  });
});

const onServer = usingServer() ? describe : describe.skip;

onServer(
  'two service replicas on one PostgreSQL (skipped on the embedded database: one process owns its data folder)',
  () => {
    let a: TestService;
    let b: RunningService;
    beforeAll(async () => {
      const base = loadConfig({ ...process.env, DATABASE_URL: '' });
      a = await startOverspillService({ overspill: { ...base.overspill, reloadSeconds: 1 } });
      b = await startService({ ...a.config, overspill: { ...base.overspill, reloadSeconds: 1 } });
      await fullSite(a);
    }, 90_000);
    afterAll(async () => {
      await b?.close();
      await a?.close();
    });

    it('every cron tick both replicas fire is decided by exactly one, and the dwell counts across them', async () => {
      const policy = await a.service.app
        .get(OverspillPolicyService)
        .create(OPERATOR, dryRunPolicy('* * * * * *'));
      const db = a.service.database.dataSource;
      const firedBy = (s: RunningService) =>
        s.app
          .get(OverspillScheduler)
          .recentTicks()
          .filter((f) => f.policyId === policy.id);
      // Until both replicas have fired the same 8 ticks.
      await waitFor(
        async () => {
          const seenByB = new Set(firedBy(b).map((f) => f.tickAt.getTime()));
          return firedBy(a.service).filter((f) => seenByB.has(f.tickAt.getTime())).length;
        },
        (both) => both >= 8,
        60_000,
        'eight ticks fired by both replicas',
      );
      const fired = [...firedBy(a.service), ...firedBy(b)];
      const decisions = await decisionsOf(db, policy.id);

      const byTick = new Map<number, FiredTick[]>();
      for (const f of fired) byTick.set(f.tickAt.getTime(), [...(byTick.get(f.tickAt.getTime()) ?? []), f]);
      const shared = [...byTick.entries()].filter(([, fs]) => fs.length === 2);
      expect(shared.length).toBeGreaterThanOrEqual(8);
      for (const [at, fs] of shared) {
        expect(fs.map((f) => f.status).sort()).toEqual(['ALREADY_DECIDED', 'DECIDED']);
        const rows = decisions.filter((d) => new Date(d.tick_at).getTime() === at);
        expect(rows).toHaveLength(1);
      }
      // One history across replicas: whoever decides, the dwell counts on (3 ticks, then a would-be burst).
      expect(decisions.map((d) => d.action)).toEqual(
        decisions.map((_, i) => (i % 3 === 2 ? 'BURST' : 'HOLD')),
      );
      expect(
        decisions.every((d) => d.reasons.includes('dry run: the decision is logged, nothing is moved')),
      ).toBe(true);
      const migrations = await db.query<{ n: string }[]>(`SELECT count(*) AS n FROM migrations`);
      expect(Number(migrations[0].n)).toBe(0);
    }, 120_000);
  },
);
