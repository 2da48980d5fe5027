import { createMigration } from './migration-record.js';
import { transition } from './migration-state-machine.js';
import { buildComponentSteps } from './migration-steps.js';
import type {
  Effect,
  Migration,
  MigrationEvent,
  MigrationStrategy,
  TransitionResult,
} from './migration-types.js';

const NOW = new Date('2026-11-27T10:00:00.000Z');
const LATER = new Date('2026-11-27T12:00:00.000Z');
const W = 'worker:w-1';

function running(strategy: MigrationStrategy, components: string[]): Migration {
  const componentSteps = components.map((component) =>
    buildComponentSteps({
      component,
      strategy,
      sourceFormat: 'VMDK',
      targetFormat: 'VHD',
      deltaSyncs: 1,
      dnsTtlSeconds: 60,
    }),
  );
  let m = createMigration({ id: 'm1', strategy, oneOffCostUsd: '500', componentSteps }, NOW);
  m = ok(transition(m, { type: 'approve', by: 'user:alice', role: 'operator' }, NOW)).migration;
  return ok(transition(m, { type: 'start', by: 'user:alice' }, NOW)).migration;
}
function ok(result: TransitionResult) {
  if (!result.ok) throw new Error(result.reason);
  return result;
}
const send = (m: Migration, event: MigrationEvent, at = NOW) => ok(transition(m, event, at));
/** Runs forward steps in plan order until `stopBefore` (component:kind:iteration) is next, or CUTOVER. */
function runUntil(m: Migration, stopBefore: string | null): Migration {
  for (;;) {
    const next = m.steps.find((s) => s.state === 'PENDING');
    if (next === undefined || m.state !== 'RUNNING' || next.key === `m1:${stopBefore}`) return m;
    m = send(m, { type: 'stepStarted', by: W, key: next.key }).migration;
    m = send(m, {
      type: 'stepSucceeded',
      by: W,
      key: next.key,
      output: { id: `${next.kind}-out` },
    }).migration;
  }
}
const compensationsIn = (effects: readonly Effect[]) =>
  effects.flatMap((e) => (e.type === 'enqueueCompensation' ? [e] : []));
/** Acknowledges every compensation as it is enqueued; returns their keys (without "m1:") in order. */
function drain(result: { migration: Migration; effects: readonly Effect[] }): {
  migration: Migration;
  order: string[];
} {
  const order: string[] = [];
  let current = result;
  for (
    let next = compensationsIn(current.effects)[0];
    next !== undefined;
    next = compensationsIn(current.effects)[0]
  ) {
    order.push(next.key.slice(3));
    current = send(current.migration, { type: 'compensationSucceeded', by: W, key: next.key });
  }
  return { migration: current.migration, order };
}
const progress = (effects: readonly Effect[]) =>
  effects.flatMap((e) => (e.type === 'emitProgress' ? [e.progress] : []))[0];

describe('cancel mid-run', () => {
  it.each<{ outcome: string; event: MigrationEvent }>([
    { outcome: 'succeeds', event: { type: 'stepSucceeded', by: W, key: 'm1:app:convert_image:1' } },
    {
      outcome: 'fails',
      event: {
        type: 'stepFailed',
        by: W,
        key: 'm1:app:convert_image:1',
        error: 'qemu-img crashed',
        retryable: true,
      },
    },
    {
      outcome: 'loses its worker',
      event: { type: 'workerLost', by: 'system:reaper', key: 'm1:app:convert_image:1' },
    },
  ])('waits for the in-flight step (it $outcome), then undoes newest first, source first', ({ event }) => {
    let m = runUntil(running('COLD', ['app']), 'app:convert_image:1');
    m = send(m, { type: 'stepStarted', by: W, key: 'm1:app:convert_image:1' }).migration;
    const cancelled = send(m, { type: 'cancel', by: 'user:bob' });
    expect(cancelled.migration.state).toBe('CANCELLING');
    expect(compensationsIn(cancelled.effects)).toEqual([]); // a running job cannot be killed: wait for it
    const { migration, order } = drain(send(cancelled.migration, event));
    // The stopped source comes back first; then reverse plan order, the half-done conversion included.
    expect(order).toEqual([
      'app:start_source:1',
      'app:delete_converted_image:1',
      'app:delete_transferred_object:1',
      'app:delete_snapshot:1',
      'app:release_target:1',
    ]);
    expect(migration.state).toBe('CANCELLED');
    expect(migration.steps.filter((s) => s.state === 'COMPENSATED').map((s) => s.kind)).toEqual([
      'prepare_target',
      'stop_source',
      'snapshot_source',
      'transfer',
      'convert_image',
    ]);
    expect(migration.steps.filter((s) => s.state === 'PENDING').map((s) => s.kind)).toEqual([
      'import_image',
      'start_target',
      'verify_health',
      'switch_traffic',
      'decommission_source',
    ]);
  });

  it('passes each step’s output to its compensation (what to delete)', () => {
    const m = runUntil(running('COLD', ['app']), 'app:convert_image:1');
    const first = send(m, { type: 'cancel', by: 'user:bob' });
    const second = send(first.migration, {
      type: 'compensationSucceeded',
      by: W,
      key: 'm1:app:start_source:1',
    });
    expect(compensationsIn(second.effects)).toEqual([
      expect.objectContaining({
        key: 'm1:app:delete_transferred_object:1',
        compensation: 'delete_transferred_object',
        stepOutput: { id: 'transfer-out' },
      }),
    ]);
  });

  it('WARM: delta syncs have nothing of their own to undo and are marked on the way', () => {
    const m = runUntil(running('WARM', ['app']), 'app:stop_source:1');
    const { migration, order } = drain(send(m, { type: 'cancel', by: 'user:bob' }));
    expect(order).toEqual([
      'app:delete_image:1',
      'app:delete_converted_image:1',
      'app:delete_transferred_object:1',
      'app:delete_snapshot:1',
      'app:release_target:1',
    ]);
    expect(migration.steps.find((s) => s.kind === 'delta_sync')!.state).toBe('COMPENSATED');
    expect(migration.state).toBe('CANCELLED');
  });
});

describe('rollback after CUTOVER', () => {
  it('COLD, two components: sources start, traffic comes back, then clean-up newest first', () => {
    const cutover = runUntil(running('COLD', ['web', 'db']), null);
    expect(cutover.state).toBe('CUTOVER');
    const rolled = send(cutover, { type: 'rollback', by: 'user:alice' });
    expect(progress(rolled.effects)).toMatchObject({
      state: 'ROLLING_BACK',
      sourceServing: false,
      componentsOnTarget: ['web', 'db'],
    });
    const { migration, order } = drain(rolled);
    const cleanUp = (c: string) => [
      `${c}:stop_and_delete_target:1`,
      `${c}:delete_image:1`,
      `${c}:delete_converted_image:1`,
      `${c}:delete_transferred_object:1`,
      `${c}:delete_snapshot:1`,
      `${c}:release_target:1`,
    ];
    expect(order).toEqual([
      'db:start_source:1',
      'web:start_source:1',
      'db:switch_traffic_back:1',
      'web:switch_traffic_back:1',
      ...cleanUp('db'),
      ...cleanUp('web'),
    ]);
    expect(migration.state).toBe('ROLLED_BACK');
    expect(migration.steps.filter((s) => s.kind === 'decommission_source').map((s) => s.state)).toEqual([
      'PENDING',
      'PENDING',
    ]);
    // The decommission job enqueued at cutover fires later and is refused.
    expect(
      transition(migration, { type: 'stepStarted', by: W, key: 'm1:web:decommission_source:1' }, LATER),
    ).toMatchObject({ ok: false, code: 'ILLEGAL_STATE' });
  });

  it('BLUE_GREEN: the source never stopped, so switching back comes first', () => {
    const cutover = runUntil(running('BLUE_GREEN', ['web']), null);
    const rolled = send(cutover, { type: 'rollback', by: 'user:alice' });
    expect(progress(rolled.effects).sourceServing).toBe(true);
    expect(drain(rolled).order[0]).toBe('web:switch_traffic_back:1');
  });

  it('records who asked and why on every transition', () => {
    const rolled = send(runUntil(running('COLD', ['app']), null), { type: 'rollback', by: 'user:alice' });
    const records = rolled.effects.flatMap((e) => (e.type === 'recordTransition' ? [e.record] : []));
    expect(records[0]).toMatchObject({
      by: 'user:alice',
      event: 'rollback',
      from: 'CUTOVER',
      to: 'ROLLING_BACK',
      stepKey: null,
    });
    expect(records[1]).toMatchObject({
      stepKey: 'm1:app:start_source:1',
      stepFrom: 'SUCCEEDED',
      stepTo: 'COMPENSATING',
    });
  });
});

describe('the point of no return', () => {
  it('refuses rollback once a decommission_source has started, and after it succeeded', () => {
    const cutover = runUntil(running('COLD', ['web', 'db']), null);
    const started = send(
      cutover,
      { type: 'stepStarted', by: W, key: 'm1:web:decommission_source:1' },
      LATER,
    ).migration;
    const refusal = transition(started, { type: 'rollback', by: 'user:alice' }, LATER);
    expect(refusal).toMatchObject({ ok: false, code: 'IRREVERSIBLE' });
    const oneGone = send(
      started,
      { type: 'stepSucceeded', by: W, key: 'm1:web:decommission_source:1' },
      LATER,
    );
    expect(oneGone.migration.state).toBe('CUTOVER');
    expect(transition(oneGone.migration, { type: 'rollback', by: 'user:alice' }, LATER)).toMatchObject({
      ok: false,
      code: 'IRREVERSIBLE',
    });
    expect(progress(oneGone.effects).sourceServing).toBe(false);
  });
});

describe('a compensation that fails for good', () => {
  it('fails the migration with a critical alert; rollback retries the undoing and finishes', () => {
    const m = runUntil(running('COLD', ['app']), 'app:convert_image:1');
    const cancelling = send(m, { type: 'cancel', by: 'user:bob' }).migration;
    const failed = send(cancelling, {
      type: 'compensationFailed',
      by: W,
      key: 'm1:app:start_source:1',
      error: 'host gone',
      retryable: false,
    });
    expect(failed.migration.state).toBe('FAILED');
    expect(failed.migration.failure).toEqual({
      stepKey: 'm1:app:start_source:1',
      during: 'COMPENSATION',
      error: 'non-retryable: host gone',
    });
    expect(failed.effects).toContainEqual({
      type: 'alert',
      severity: 'critical',
      message: expect.stringMatching(/resources may remain/),
    });
    const { migration, order } = drain(send(failed.migration, { type: 'rollback', by: 'user:alice' }));
    expect(order[0]).toBe('app:start_source:1');
    expect(migration.state).toBe('ROLLED_BACK');
  });

  it('gives up after max attempts of a retryable compensation failure', () => {
    let current = send(runUntil(running('COLD', ['app']), 'app:snapshot_source:1'), {
      type: 'cancel',
      by: 'user:bob',
    });
    let clock = NOW.getTime();
    for (let attempt = 1; attempt <= 5; attempt++) {
      clock += 3_600_000;
      current = send(
        current.migration,
        { type: 'compensationFailed', by: W, key: 'm1:app:start_source:1', error: 'busy', retryable: true },
        new Date(clock),
      );
    }
    expect(current.migration.state).toBe('FAILED');
    expect(current.migration.failure?.error).toBe('gave up after 5 attempts: busy');
  });
});
