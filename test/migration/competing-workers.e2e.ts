import type { CliContext } from '../../src/cli/cli-context.js';
import { MigrationService } from '../../src/migration/migration.service.js';
import { MigrationStepRunner } from '../../src/migration/migration-step-runner.js';
import { JOB_QUEUE, type JobQueue } from '../../src/queue/job-queue.js';
import { JobWorkerPool } from '../../src/queue/job-worker-pool.js';
import { MigrationRepository } from '../../src/migration/migration.repository.js';
import { runCli } from '../support/cli.js';
import { CLOUD, labWorkloadOnPrem, OPERATOR, planApproveStart } from './support/migration-harness.js';
import { processDatabase, type ProcessDatabase } from './support/process-harness.js';

const MIGRATIONS = 12;

/**
 * Two workers take jobs from one queue (FOR UPDATE SKIP LOCKED) while 10 % of calls fail and are
 * retried. On a server they are two processes; the embedded database admits one process, so
 * there they are two worker pools in one process competing through the same table.
 */
describe('two workers competing for the same queue', () => {
  let db: ProcessDatabase;
  beforeAll(async () => {
    db = await processDatabase(10);
  }, 120_000);
  afterAll(() => db.drop());

  it('run every step exactly once between them', async () => {
    let ids: string[] = [];
    let ctx = await db.open();
    try {
      for (let i = 0; i < MIGRATIONS; i++) {
        const workloadId = await labWorkloadOnPrem(ctx.app, `shop-${i}`);
        const started = await planApproveStart(ctx.app, workloadId, CLOUD, [
          { mode: 'fail', probability: 0.1 },
        ]);
        ids.push(started.id);
      }
      if (!db.onServer) await runTwoPoolsInProcess(ctx);
    } finally {
      await ctx.close();
    }
    if (db.onServer) {
      const [one, two] = await Promise.all(
        ['one', 'two'].map((name) =>
          runCli(
            ['migration', 'worker', '--name', name, '--concurrency', '2', '--until-done'],
            db.env,
            180_000,
          ),
        ),
      );
      for (const run of [one, two]) expect(run.code).toBe(0);
    }

    ctx = await db.open();
    try {
      const service = ctx.app.get(MigrationService);
      const rows = await Promise.all(ids.map((id) => service.get(OPERATOR, id)));
      expect(rows.map((r) => r.state)).toEqual(ids.map(() => 'COMPLETED'));
      const q = (sql: string) => ctx.database.dataSource.query(sql);
      const perKey: { key: string; effects: number; replays: number }[] = await q(
        `SELECT key, count(*) FILTER (WHERE outcome = 'EFFECT')::int AS effects,
                count(*) FILTER (WHERE outcome = 'REPLAY')::int AS replays
         FROM sim_calls GROUP BY key`,
      );
      const expected = rows.flatMap((r) =>
        r.record.steps.filter((s) => s.state === 'SUCCEEDED').map((s) => s.key),
      );
      expect(
        perKey
          .filter((k) => k.effects > 0)
          .map((k) => k.key)
          .sort(),
      ).toEqual(expected.sort());
      expect(perKey.filter((k) => k.effects !== 1 || k.replays !== 0)).toEqual([]);
      const faults: { n: number }[] = await q(
        `SELECT count(*)::int AS n FROM sim_calls WHERE outcome = 'FAULT'`,
      );
      expect(faults[0].n).toBeGreaterThan(0);
      // No job was done twice, and both workers did some of them.
      expect(
        await q(`SELECT dedupe_key FROM jobs WHERE state = 'done' GROUP BY dedupe_key HAVING count(*) > 1`),
      ).toEqual([]);
      const by: { worker: string }[] = await q(
        `SELECT DISTINCT split_part(by, '/', 1) AS worker FROM migration_transitions WHERE by LIKE 'worker:%' ORDER BY 1`,
      );
      expect(by.map((b) => b.worker)).toEqual(['worker:one', 'worker:two']);
      ids = [];
    } finally {
      await ctx.close();
    }
  }, 240_000);

  async function runTwoPoolsInProcess(ctx: CliContext): Promise<void> {
    const queue = ctx.app.get<JobQueue>(JOB_QUEUE);
    const runner = ctx.app.get(MigrationStepRunner);
    const options = { concurrency: 2, leaseSeconds: 10, pollMaxMs: 50 };
    const pools = ['one', 'two'].map((name) => new JobWorkerPool(queue, runner, { ...options, name }));
    pools.forEach((p) => p.start());
    const migrations = ctx.app.get(MigrationRepository);
    const until = Date.now() + 120_000;
    while ((await migrations.listActive()).length > 0 && Date.now() < until)
      await new Promise((r) => setTimeout(r, 100));
    await Promise.all(pools.map((p) => p.stop()));
  }
});
