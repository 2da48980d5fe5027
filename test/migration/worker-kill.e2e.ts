import type { CliContext } from '../../src/cli/cli-context.js';
import { MigrationService } from '../../src/migration/migration.service.js';
import { runCli, spawnCli, waitForOutput } from '../support/cli.js';
import { CLOUD, labWorkloadOnPrem, OPERATOR, planApproveStart } from './support/migration-harness.js';
import { processDatabase, type ProcessDatabase } from './support/process-harness.js';

/**
 * kill -9 of a worker in the middle of a step, after the provider acted but before the outcome
 * was recorded: a new worker finds the lapsed lease, the state machine runs the same key again,
 * and the simulated provider replays its recorded result. Every step acted exactly once.
 */
describe('a worker killed with SIGKILL mid-step', () => {
  let db: ProcessDatabase;
  beforeAll(async () => {
    db = await processDatabase(2);
  }, 120_000);
  afterAll(() => db.drop());

  async function within<T>(fn: (ctx: CliContext) => Promise<T>): Promise<T> {
    const ctx = await db.open();
    try {
      return await fn(ctx);
    } finally {
      await ctx.close();
    }
  }

  it('resumes in a new worker without repeating any effect', async () => {
    const migrationId = await within(async ({ app }) => {
      const workloadId = await labWorkloadOnPrem(app);
      const started = await planApproveStart(app, workloadId, CLOUD, [
        { step: 'transfer', component: 'web', attempt: 1, mode: 'hang' },
      ]);
      return started.id;
    });

    const first = spawnCli(['migration', 'worker', '--name', 'first'], db.env);
    await waitForOutput(first.stderr!, (text) => text.includes('injected hang after transfer'), 90_000);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));

    const second = await runCli(['migration', 'worker', '--name', 'second', '--until-done'], db.env, 120_000);
    expect(second.stderr).not.toContain('cumulus:');
    expect(second.code).toBe(0);

    const shown = await runCli(['migration', 'show', migrationId, '--json', '--transitions'], db.env);
    expect(shown.code).toBe(0);
    const json = JSON.parse(shown.stdout) as {
      state: string;
      steps: { name: string; attempts: number }[];
      transitions: { event: string }[];
    };
    expect(json.state).toBe('COMPLETED');
    expect(json.transitions.filter((t) => t.event === 'workerLost')).toHaveLength(1);
    const listed = await runCli(['migration', 'list', '--state', 'COMPLETED', '--json'], db.env);
    expect((JSON.parse(listed.stdout) as { id: string }[]).map((m) => m.id)).toEqual([migrationId]);

    await within(async ({ app, database }) => {
      const row = await app.get(MigrationService).get(OPERATOR, migrationId);
      expect(row.state).toBe('COMPLETED');
      const transfer = row.record.steps.find((s) => s.component === 'web' && s.kind === 'transfer')!;
      expect(transfer).toMatchObject({ state: 'SUCCEEDED', attempts: 2 });

      const q = (sql: string, params: unknown[] = []) => database.dataSource.query(sql, params);
      // The killed attempt acted; the second replayed the record instead of acting again.
      expect(
        await q(`SELECT attempt, outcome FROM sim_calls WHERE key = $1 ORDER BY id`, [transfer.key]),
      ).toEqual([
        { attempt: 1, outcome: 'EFFECT' },
        { attempt: 2, outcome: 'REPLAY' },
      ]);
      // Exactly one effect per step that ran, and one transferred object for web.
      const effects: { key: string; n: number }[] = await q(
        `SELECT key, count(*)::int AS n FROM sim_calls WHERE key LIKE $1 AND outcome = 'EFFECT' GROUP BY key`,
        [`${migrationId}:%`],
      );
      const ran = row.record.steps.filter((s) => s.state === 'SUCCEEDED').map((s) => s.key);
      expect(effects.map((e) => e.key).sort()).toEqual([...ran].sort());
      expect(effects.every((e) => e.n === 1)).toBe(true);
      expect(
        await q(`SELECT count(*)::int AS n FROM sim_images WHERE kind = 'OBJECT' AND id = $1`, [
          transfer.output!.objectId,
        ]),
      ).toEqual([{ n: 1 }]);
      // The loss is on the record, with who noticed it.
      const lost = (await app.get(MigrationService).transitions(migrationId)).filter(
        (t) => t.event === 'workerLost',
      );
      expect(lost.map((t) => [t.by, t.stepKey, t.stepFrom, t.stepTo])).toEqual([
        ['system:lease-reaper', transfer.key, 'RUNNING', 'PENDING'],
      ]);
    });
  }, 240_000);
  it('survives an injected crash (the worker process exits right after the provider acted)', async () => {
    const migrationId = await within(async ({ app }) => {
      const workloadId = await labWorkloadOnPrem(app, 'crashing');
      const started = await planApproveStart(app, workloadId, CLOUD, [
        { step: 'start_target', component: 'db', attempt: 1, mode: 'crash' },
      ]);
      return started.id;
    });
    const crashed = await runCli(
      ['migration', 'worker', '--name', 'crashing', '--until-done'],
      db.env,
      120_000,
    );
    expect(crashed.code).toBe(86);
    const resumed = await runCli(
      ['migration', 'worker', '--name', 'after-crash', '--until-done'],
      db.env,
      120_000,
    );
    expect(resumed.code).toBe(0);
    await within(async ({ app, database }) => {
      const row = await app.get(MigrationService).get(OPERATOR, migrationId);
      expect(row.state).toBe('COMPLETED');
      const step = row.record.steps.find((s) => s.component === 'db' && s.kind === 'start_target')!;
      expect(
        await database.dataSource.query(`SELECT attempt, outcome FROM sim_calls WHERE key = $1 ORDER BY id`, [
          step.key,
        ]),
      ).toEqual([
        { attempt: 1, outcome: 'EFFECT' },
        { attempt: 2, outcome: 'REPLAY' },
      ]);
      // The machine the first attempt started is the one that runs.
      const running: { n: number }[] = await database.dataSource.query(
        `SELECT count(*)::int AS n FROM sim_vms WHERE id = $1 AND state = 'RUNNING'`,
        [step.output!.vmId],
      );
      expect(running).toEqual([{ n: 1 }]);
    });
  }, 240_000);
});
