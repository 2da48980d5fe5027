import type { DataSource } from 'typeorm';
import { DeploymentService } from '../../src/deployments/deployment.service.js';
import type { StepKind } from '../../src/domain/migration/migration-types.js';
import { MigrationService } from '../../src/migration/migration.service.js';
import { WorkloadService } from '../../src/workloads/workload.service.js';
import type { TestService } from '../support/test-service.js';
import {
  CLOUD,
  ONPREM,
  OPERATOR,
  planApproveStart,
  startLabService,
  waitForState,
} from './support/migration-harness.js';

const FORWARD: StepKind[] = [
  'prepare_target',
  'stop_source',
  'snapshot_source',
  'transfer',
  'import_image',
  'start_target',
  'verify_health',
  'switch_traffic',
];

/**
 * A fault injected on each step in turn: attempts 1 and 2 fail (retryable), attempt 3 passes.
 * The migration reaches CUTOVER (a long soak keeps it there), is rolled back, and the source is
 * serving again: its machine runs, DNS points at it, the target's machine and copies are gone.
 */
describe('injected failures, retries and rollback', () => {
  let t: TestService;
  let db: DataSource;
  beforeAll(async () => {
    t = await startLabService({ cutoverSoakSeconds: 3600, workers: 3 });
    db = t.service.database.dataSource;
  });
  afterAll(() => t.close());

  async function oneComponentOnPrem(name: string): Promise<string> {
    const app = t.service.app;
    const w = await app.get(WorkloadService).create(OPERATOR, {
      name,
      components: [{ name: 'app', count: 1, vcpu: 2, memoryGib: 8, storageGib: 10 }],
    });
    await app
      .get(DeploymentService)
      .recordExisting(OPERATOR, w.id, { ...ONPREM, regions: [...ONPREM.regions] });
    return w.id;
  }

  it.each(FORWARD)(
    '%s fails twice, is retried, then the rollback leaves the source serving',
    async (kind) => {
      const app = t.service.app;
      const workloadId = await oneComponentOnPrem(`retry-${kind}`);
      const started = await planApproveStart(app, workloadId, CLOUD, [
        { step: kind, attempt: 1, mode: 'fail' },
        { step: kind, attempt: 2, mode: 'fail' },
      ]);
      const cutover = await waitForState(app, started.id, ['CUTOVER']);
      const step = cutover.record.steps.find((s) => s.kind === kind)!;
      expect(step).toMatchObject({ state: 'SUCCEEDED', attempts: 3 });
      expect(step.lastError).toContain(`injected failure of ${kind} on attempt 2`);
      const faults: { n: number }[] = await db.query(
        `SELECT count(*)::int AS n FROM sim_calls WHERE key = $1 AND outcome = 'FAULT'`,
        [step.key],
      );
      expect(faults[0].n).toBe(2);

      await app.get(MigrationService).rollback(OPERATOR, started.id);
      const back = await waitForState(app, started.id, ['ROLLED_BACK']);
      expect(back.record.steps.filter((s) => s.state === 'SUCCEEDED')).toEqual([]);
      await expectSourceServing(workloadId, started.id);
    },
  );

  it('a permanent failure fails the migration; rollback undoes what started', async () => {
    const app = t.service.app;
    const workloadId = await oneComponentOnPrem('permanent');
    const started = await planApproveStart(app, workloadId, CLOUD, [
      { step: 'import_image', mode: 'fail-permanent' },
    ]);
    const failed = await waitForState(app, started.id, ['FAILED']);
    expect(failed.record.failure).toMatchObject({
      during: 'STEP',
      stepKey: `${started.id}:app:import_image:1`,
    });
    expect(failed.record.steps.find((s) => s.kind === 'import_image')).toMatchObject({
      state: 'FAILED',
      attempts: 1,
    });
    await app.get(MigrationService).rollback(OPERATOR, started.id);
    await waitForState(app, started.id, ['ROLLED_BACK']);
    await expectSourceServing(workloadId, started.id);
  });

  it('cancel while running unwinds to CANCELLED', async () => {
    const app = t.service.app;
    const workloadId = await oneComponentOnPrem('cancelled');
    // The transfer keeps failing, so the migration is still RUNNING when the cancel comes.
    const started = await planApproveStart(app, workloadId, CLOUD, [{ step: 'transfer', mode: 'fail' }]);
    await waitForStep(started.id, 'transfer', 1);
    await app.get(MigrationService).cancel(OPERATOR, started.id);
    const cancelled = await waitForState(app, started.id, ['CANCELLED']);
    expect(cancelled.record.steps.find((s) => s.kind === 'stop_source')!.state).toBe('COMPENSATED');
    await expectSourceServing(workloadId, started.id);
  });

  async function waitForStep(id: string, kind: StepKind, attempts: number): Promise<void> {
    for (let i = 0; i < 400; i++) {
      const row = await t.service.app.get(MigrationService).get(OPERATOR, id);
      if (row.record.steps.find((s) => s.kind === kind)!.attempts >= attempts) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`${kind} never reached ${attempts} attempt(s)`);
  }

  async function expectSourceServing(workloadId: string, migrationId: string): Promise<void> {
    const running = await t.service.app.get(DeploymentService).findRunning(workloadId);
    expect(running.map((d) => d.providerId)).toEqual(['onprem-lab']);
    const vms: { provider_id: string; state: string; address: string }[] = await db.query(
      `SELECT provider_id, state, address FROM sim_vms WHERE name = $1 ORDER BY provider_id`,
      [`${workloadId}/app`],
    );
    const source = vms.filter((v) => v.provider_id === 'onprem-lab');
    expect(source.map((v) => v.state)).toEqual(['RUNNING']);
    expect(
      vms
        .filter((v) => v.provider_id === 'cloud-lab')
        .every((v) => ['RELEASED', 'TERMINATED'].includes(v.state)),
    ).toBe(true);
    const dns: { address: string }[] = await db.query(`SELECT address FROM sim_dns_records WHERE name = $1`, [
      `app.${workloadId}`,
    ]);
    // Either never switched, or switched back to the source's address.
    expect(dns.every((d) => d.address === source[0].address)).toBe(true);
    // No copy the migration made is left: snapshots, transferred objects and images are deleted.
    const leftovers: { n: number }[] = await db.query(
      `SELECT (SELECT count(*) FROM sim_images i JOIN sim_effects e
                 ON i.id IN (e.result->>'objectId', e.result->>'imageId')
               WHERE e.key LIKE $1 AND i.state = 'AVAILABLE')
            + (SELECT count(*) FROM sim_snapshots s JOIN sim_effects e ON s.id = e.result->>'snapshotId'
               WHERE e.key LIKE $1 AND s.state = 'AVAILABLE') AS n`,
      [`${migrationId}:%`],
    );
    expect(Number(leftovers[0].n)).toBe(0);
  }
});
