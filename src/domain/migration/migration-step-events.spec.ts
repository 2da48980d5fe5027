import { createMigration } from './migration-record.js';
import { transition } from './migration-state-machine.js';
import { buildComponentSteps } from './migration-steps.js';
import type { Effect, Migration, MigrationEvent, StepKind, TransitionResult } from './migration-types.js';

const NOW = new Date('2026-11-27T10:00:00.000Z');
const WORKER = 'worker:w-1';
const KEY = 'm1:app:prepare_target:1';

function running(): Migration {
  const steps = buildComponentSteps({
    component: 'app',
    strategy: 'COLD',
    sourceFormat: 'VMDK',
    targetFormat: 'VHD',
    deltaSyncs: 0,
    dnsTtlSeconds: 60,
  });
  let m = createMigration({ id: 'm1', strategy: 'COLD', oneOffCostUsd: '500', componentSteps: [steps] }, NOW);
  m = ok(transition(m, { type: 'approve', by: 'user:alice', role: 'operator' }, NOW)).migration;
  return ok(transition(m, { type: 'start', by: 'user:alice' }, NOW)).migration;
}
function ok(result: TransitionResult) {
  if (!result.ok) throw new Error(result.reason);
  return result;
}
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const enqueued = (effects: readonly Effect[]) => effects.filter((e) => e.type === 'enqueueStep');
const step = (m: Migration, kind: StepKind) => m.steps.find((s) => s.kind === kind)!;
const ev = (type: 'stepStarted' | 'stepSucceeded' | 'workerLost', key = KEY): MigrationEvent => ({
  type,
  by: WORKER,
  key,
});
const fail = (retryable: boolean, error = 'throttled'): MigrationEvent => ({
  type: 'stepFailed',
  by: WORKER,
  key: KEY,
  error,
  retryable,
});

describe('retries with deterministic backoff', () => {
  it('re-enqueues the same key after each retryable failure, then fails after max attempts', () => {
    // Default policy: 5 attempts, base 30 s, cap 3,600 s. Delays for this key computed independently
    // (retry-policy.spec explains the formula): #1 15.923 s, #2 53.972 s, #3 78.77 s, #4 188.197 s.
    const delays = [15.923, 53.972, 78.77, 188.197];
    let m = running();
    let clock = 0;
    for (const [i, delay] of delays.entries()) {
      m = ok(transition(m, ev('stepStarted'), at(clock))).migration;
      expect(step(m, 'prepare_target').attempts).toBe(i + 1);
      const result = ok(transition(m, fail(true), at(clock)));
      m = result.migration;
      const notBefore = at(clock + delay).toISOString();
      expect(enqueued(result.effects)).toEqual([
        expect.objectContaining({ key: KEY, attempt: i + 2, notBefore }),
      ]);
      expect(step(m, 'prepare_target')).toMatchObject({
        state: 'PENDING',
        notBefore,
        lastError: 'throttled',
      });
      // Too early: the worker is told to wait.
      expect(transition(m, ev('stepStarted'), at(clock + delay - 1))).toMatchObject({
        ok: false,
        code: 'NOT_DUE',
      });
      clock += delay;
    }
    m = ok(transition(m, ev('stepStarted'), at(clock))).migration;
    const last = ok(transition(m, fail(true), at(clock)));
    expect(last.migration.state).toBe('FAILED');
    expect(last.migration.failure).toEqual({
      stepKey: KEY,
      during: 'STEP',
      error: 'gave up after 5 attempts: throttled',
    });
    expect(step(last.migration, 'prepare_target')).toMatchObject({ state: 'FAILED', attempts: 5 });
    expect(enqueued(last.effects)).toEqual([]);
    // Nothing was stopped yet, so the source still serves: a warning, not a page.
    expect(last.effects).toContainEqual({
      type: 'alert',
      severity: 'warning',
      message: expect.stringMatching(/the source still serves/),
    });
  });

  it('fails at once on a non-retryable error', () => {
    let m = ok(transition(running(), ev('stepStarted'), NOW)).migration;
    m = ok(transition(m, fail(false, 'invalid image'), NOW)).migration;
    expect(m.state).toBe('FAILED');
    expect(m.failure?.error).toBe('non-retryable: invalid image');
  });

  it('alerts critically when the failure leaves a stopped source', () => {
    let m = running();
    for (const kind of ['prepare_target', 'stop_source'] as const) {
      m = ok(transition(m, ev('stepStarted', `m1:app:${kind}:1`), NOW)).migration;
      m = ok(transition(m, ev('stepSucceeded', `m1:app:${kind}:1`), NOW)).migration;
    }
    m = ok(transition(m, ev('stepStarted', 'm1:app:snapshot_source:1'), NOW)).migration;
    const result = ok(
      transition(
        m,
        {
          type: 'stepFailed',
          by: WORKER,
          key: 'm1:app:snapshot_source:1',
          error: 'disk locked',
          retryable: false,
        },
        NOW,
      ),
    );
    expect(result.effects).toContainEqual({
      type: 'alert',
      severity: 'critical',
      message: expect.stringMatching(/while the source is not serving/),
    });
  });

  it('resume grants a fresh budget without forgetting past attempts', () => {
    let m = ok(transition(running(), ev('stepStarted'), NOW)).migration;
    m = ok(transition(m, fail(false), NOW)).migration;
    m = ok(transition(m, { type: 'resume', by: 'user:alice' }, NOW)).migration;
    expect(step(m, 'prepare_target')).toMatchObject({ state: 'PENDING', attempts: 1, attemptLimit: 6 });
  });
});

describe('workerLost (a lease expired)', () => {
  it('re-enqueues the step with the SAME idempotency key at once', () => {
    const m = ok(transition(running(), ev('stepStarted'), NOW)).migration;
    const result = ok(transition(m, { type: 'workerLost', by: 'system:lease-reaper', key: KEY }, at(90)));
    expect(enqueued(result.effects)).toEqual([
      {
        type: 'enqueueStep',
        key: KEY,
        stepIndex: 0,
        component: 'app',
        kind: 'prepare_target',
        iteration: 1,
        attempt: 2,
        notBefore: at(90).toISOString(),
        params: {},
      },
    ]);
    expect(step(result.migration, 'prepare_target')).toMatchObject({
      state: 'PENDING',
      attempts: 1,
      lastError: 'worker lost (lease expired) on attempt 1',
    });
    const record = result.effects.find((e) => e.type === 'recordTransition');
    expect(record).toMatchObject({
      record: {
        by: 'system:lease-reaper',
        event: 'workerLost',
        stepKey: KEY,
        stepFrom: 'RUNNING',
        stepTo: 'PENDING',
      },
    });
  });

  it('counts lost attempts: the fifth loss fails the migration', () => {
    let m = running();
    for (let i = 0; i < 4; i++) {
      m = ok(transition(m, ev('stepStarted'), NOW)).migration;
      m = ok(transition(m, ev('workerLost'), NOW)).migration;
    }
    m = ok(transition(m, ev('stepStarted'), NOW)).migration;
    m = ok(transition(m, ev('workerLost'), NOW)).migration;
    expect(m.state).toBe('FAILED');
    expect(m.failure?.error).toMatch(/gave up after 5 attempts: worker lost/);
  });

  it('accepts the lost worker’s late success and refuses the re-enqueued duplicate', () => {
    let m = ok(transition(running(), ev('stepStarted'), NOW)).migration;
    m = ok(transition(m, ev('workerLost'), NOW)).migration;
    const late = ok(transition(m, ev('stepSucceeded'), NOW));
    expect(step(late.migration, 'prepare_target').state).toBe('SUCCEEDED');
    expect(enqueued(late.effects).map((e) => e.key)).toEqual(['m1:app:stop_source:1']);
    expect(transition(late.migration, ev('stepStarted'), NOW)).toMatchObject({
      ok: false,
      code: 'STEP_STATE',
    });
  });

  it('refuses the lost worker’s late failure (the retry owns the step now)', () => {
    let m = ok(transition(running(), ev('stepStarted'), NOW)).migration;
    m = ok(transition(m, ev('workerLost'), NOW)).migration;
    expect(transition(m, fail(true), NOW)).toMatchObject({
      ok: false,
      code: 'STEP_STATE',
      reason: expect.stringMatching(/late report/),
    });
  });
});

describe('idempotency keys stay stable across retries', () => {
  it('every enqueue of a step carries the key it was planned with', () => {
    let m = ok(transition(running(), ev('stepStarted'), NOW)).migration;
    const keys = new Set<string>();
    for (const [i, event] of [
      fail(true),
      ev('stepStarted'),
      ev('workerLost'),
      ev('stepStarted'),
      fail(true),
    ].entries()) {
      const result = ok(transition(m, event, at(10_000 * (i + 1))));
      enqueued(result.effects).forEach((e) => keys.add(e.key));
      m = result.migration;
    }
    expect([...keys]).toEqual([KEY]);
  });
});
