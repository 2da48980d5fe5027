import { createMigration } from './migration-record.js';
import { transition } from './migration-state-machine.js';
import { buildComponentSteps } from './migration-steps.js';
import type { Effect, Migration, MigrationEvent, MigrationState, StepKind } from './migration-types.js';

const NOW = new Date('2026-11-27T10:00:00.000Z');
const LATER = new Date('2026-11-27T12:00:00.000Z'); // past the 3,600 s cutover soak and any first backoff
const BY = 'user:alice';
const WORKER = 'worker:w-1';

/** COLD, one component "app", VMDK → VHD: 0 prepare … 4 convert … 8 switch_traffic, 9 decommission_source. */
function planned(oneOffCostUsd = '500'): Migration {
  const steps = buildComponentSteps({
    component: 'app',
    strategy: 'COLD',
    sourceFormat: 'VMDK',
    targetFormat: 'VHD',
    deltaSyncs: 0,
    dnsTtlSeconds: 60,
  });
  return createMigration({ id: 'm1', strategy: 'COLD', oneOffCostUsd, componentSteps: [steps] }, NOW);
}
const key = (kind: StepKind) => `m1:app:${kind}:1`;
function apply(m: Migration, event: MigrationEvent, at = NOW): Migration {
  const result = transition(m, event, at);
  if (!result.ok) throw new Error(`${event.type} refused: ${result.reason}`);
  return result.migration;
}
const started = (m: Migration, kind: StepKind, at = NOW) =>
  apply(m, { type: 'stepStarted', by: WORKER, key: key(kind) }, at);
const done = (m: Migration, kind: StepKind, at = NOW) =>
  apply(started(m, kind, at), { type: 'stepSucceeded', by: WORKER, key: key(kind) }, at);
const through = (m: Migration, kinds: StepKind[]) => kinds.reduce((acc, kind) => done(acc, kind), m);

const UP_TO_TRANSFER: StepKind[] = ['prepare_target', 'stop_source', 'snapshot_source', 'transfer'];
const UP_TO_VERIFY: StepKind[] = [
  ...UP_TO_TRANSFER,
  'convert_image',
  'import_image',
  'start_target',
  'verify_health',
];

const approved = () => apply(planned(), { type: 'approve', by: BY, role: 'operator' });
const running = () => apply(approved(), { type: 'start', by: BY });
const inFlight = () => started(running(), 'prepare_target');
const awaitingRetry = () =>
  apply(inFlight(), {
    type: 'stepFailed',
    by: WORKER,
    key: key('prepare_target'),
    error: 'throttled',
    retryable: true,
  });
const afterTransfer = () => through(running(), UP_TO_TRANSFER);
const switching = () => started(through(running(), UP_TO_VERIFY), 'switch_traffic');
const cutover = () => done(through(running(), UP_TO_VERIFY), 'switch_traffic');
const decommissioning = () => started(cutover(), 'decommission_source', LATER);
const failed = () =>
  apply(inFlight(), {
    type: 'stepFailed',
    by: WORKER,
    key: key('prepare_target'),
    error: 'quota exceeded',
    retryable: false,
  });
const failedDecommission = () =>
  apply(
    decommissioning(),
    { type: 'stepFailed', by: WORKER, key: key('decommission_source'), error: 'denied', retryable: false },
    LATER,
  );
const cancellingInFlight = () => apply(started(afterTransfer(), 'convert_image'), { type: 'cancel', by: BY });
const cancellingCompensating = () => apply(afterTransfer(), { type: 'cancel', by: BY }); // start_source is compensating
const cancellingLast = () => apply(done(running(), 'prepare_target'), { type: 'cancel', by: BY }); // only release_target
const rollingBack = () => apply(cutover(), { type: 'rollback', by: BY });
const rollingBackLast = () => apply(failed(), { type: 'rollback', by: BY }); // only release_target
const failedCompensation = () =>
  apply(cancellingCompensating(), {
    type: 'compensationFailed',
    by: WORKER,
    key: 'm1:app:start_source:1',
    error: 'host gone',
    retryable: false,
  });

const work = (effects: readonly Effect[]) =>
  effects.filter((e) => e.type !== 'recordTransition' && e.type !== 'emitProgress').map((e) => e.type);

describe('transition: every legal transition', () => {
  const comp = (kind: string) => `m1:app:${kind}:1`;
  it.each<{
    name: string;
    from: MigrationState;
    given: () => Migration;
    event: MigrationEvent;
    at?: Date;
    to: MigrationState;
    work: string[];
  }>([
    {
      name: 'operator approves within the limit',
      from: 'PLANNED',
      given: planned,
      event: { type: 'approve', by: BY, role: 'operator' },
      to: 'APPROVED',
      work: [],
    },
    {
      name: 'cancel a plan',
      from: 'PLANNED',
      given: planned,
      event: { type: 'cancel', by: BY },
      to: 'CANCELLED',
      work: [],
    },
    {
      name: 'start enqueues the first step',
      from: 'APPROVED',
      given: approved,
      event: { type: 'start', by: BY },
      to: 'RUNNING',
      work: ['enqueueStep'],
    },
    {
      name: 'cancel before start',
      from: 'APPROVED',
      given: approved,
      event: { type: 'cancel', by: BY },
      to: 'CANCELLED',
      work: [],
    },
    {
      name: 'a step starts',
      from: 'RUNNING',
      given: running,
      event: { type: 'stepStarted', by: WORKER, key: key('prepare_target') },
      to: 'RUNNING',
      work: [],
    },
    {
      name: 'a step succeeds, the next is enqueued',
      from: 'RUNNING',
      given: inFlight,
      event: { type: 'stepSucceeded', by: WORKER, key: key('prepare_target') },
      to: 'RUNNING',
      work: ['enqueueStep'],
    },
    {
      name: 'a retryable failure re-enqueues with backoff',
      from: 'RUNNING',
      given: inFlight,
      event: {
        type: 'stepFailed',
        by: WORKER,
        key: key('prepare_target'),
        error: 'throttled',
        retryable: true,
      },
      to: 'RUNNING',
      work: ['enqueueStep'],
    },
    {
      name: 'a lost worker re-enqueues the same key',
      from: 'RUNNING',
      given: inFlight,
      event: { type: 'workerLost', by: 'system:reaper', key: key('prepare_target') },
      to: 'RUNNING',
      work: ['enqueueStep'],
    },
    {
      name: 'a due retry is re-enqueued',
      from: 'RUNNING',
      given: awaitingRetry,
      event: { type: 'retryDue', by: 'system:reconciler', key: key('prepare_target') },
      at: LATER,
      to: 'RUNNING',
      work: ['enqueueStep'],
    },
    {
      name: 'a non-retryable failure fails the migration',
      from: 'RUNNING',
      given: inFlight,
      event: {
        type: 'stepFailed',
        by: WORKER,
        key: key('prepare_target'),
        error: 'quota exceeded',
        retryable: false,
      },
      to: 'FAILED',
      work: ['alert'],
    },
    {
      name: 'the last switch_traffic enters CUTOVER',
      from: 'RUNNING',
      given: switching,
      event: { type: 'stepSucceeded', by: WORKER, key: key('switch_traffic') },
      to: 'CUTOVER',
      work: ['enqueueStep'],
    },
    {
      name: 'cancel before any step started',
      from: 'RUNNING',
      given: running,
      event: { type: 'cancel', by: BY },
      to: 'CANCELLED',
      work: [],
    },
    {
      name: 'cancel mid-run starts compensating',
      from: 'RUNNING',
      given: afterTransfer,
      event: { type: 'cancel', by: BY },
      to: 'CANCELLING',
      work: ['enqueueCompensation'],
    },
    {
      name: 'decommission starts after the soak',
      from: 'CUTOVER',
      given: cutover,
      event: { type: 'stepStarted', by: WORKER, key: key('decommission_source') },
      at: LATER,
      to: 'CUTOVER',
      work: [],
    },
    {
      name: 'the last decommission completes',
      from: 'CUTOVER',
      given: decommissioning,
      event: { type: 'stepSucceeded', by: WORKER, key: key('decommission_source') },
      at: LATER,
      to: 'COMPLETED',
      work: [],
    },
    {
      name: 'rollback during the soak',
      from: 'CUTOVER',
      given: cutover,
      event: { type: 'rollback', by: BY },
      to: 'ROLLING_BACK',
      work: ['enqueueCompensation'],
    },
    {
      name: 'decommission fails',
      from: 'CUTOVER',
      given: decommissioning,
      event: {
        type: 'stepFailed',
        by: WORKER,
        key: key('decommission_source'),
        error: 'denied',
        retryable: false,
      },
      at: LATER,
      to: 'FAILED',
      work: ['alert'],
    },
    {
      name: 'rollback a failed migration',
      from: 'FAILED',
      given: failed,
      event: { type: 'rollback', by: BY },
      to: 'ROLLING_BACK',
      work: ['enqueueCompensation'],
    },
    {
      name: 'resume a failed step',
      from: 'FAILED',
      given: failed,
      event: { type: 'resume', by: BY },
      to: 'RUNNING',
      work: ['enqueueStep'],
    },
    {
      name: 'resume a failed decommission',
      from: 'FAILED',
      given: failedDecommission,
      event: { type: 'resume', by: BY },
      at: LATER,
      to: 'CUTOVER',
      work: ['enqueueStep'],
    },
    {
      name: 'rollback after a failed compensation retries the undoing',
      from: 'FAILED',
      given: failedCompensation,
      event: { type: 'rollback', by: BY },
      to: 'ROLLING_BACK',
      work: ['enqueueCompensation'],
    },
    {
      name: 'the in-flight step succeeds while cancelling',
      from: 'CANCELLING',
      given: cancellingInFlight,
      event: { type: 'stepSucceeded', by: WORKER, key: key('convert_image') },
      to: 'CANCELLING',
      work: ['enqueueCompensation'],
    },
    {
      name: 'the in-flight step fails while cancelling',
      from: 'CANCELLING',
      given: cancellingInFlight,
      event: { type: 'stepFailed', by: WORKER, key: key('convert_image'), error: 'x', retryable: true },
      to: 'CANCELLING',
      work: ['enqueueCompensation'],
    },
    {
      name: 'the in-flight worker is lost while cancelling',
      from: 'CANCELLING',
      given: cancellingInFlight,
      event: { type: 'workerLost', by: 'system:reaper', key: key('convert_image') },
      to: 'CANCELLING',
      work: ['enqueueCompensation'],
    },
    {
      name: 'a compensation succeeds, the next is enqueued',
      from: 'CANCELLING',
      given: cancellingCompensating,
      event: { type: 'compensationSucceeded', by: WORKER, key: comp('start_source') },
      to: 'CANCELLING',
      work: ['enqueueCompensation'],
    },
    {
      name: 'a compensation fails, retried with backoff',
      from: 'CANCELLING',
      given: cancellingCompensating,
      event: {
        type: 'compensationFailed',
        by: WORKER,
        key: comp('start_source'),
        error: 'busy',
        retryable: true,
      },
      to: 'CANCELLING',
      work: ['enqueueCompensation'],
    },
    {
      name: 'a compensation worker is lost',
      from: 'CANCELLING',
      given: cancellingCompensating,
      event: { type: 'workerLost', by: 'system:reaper', key: comp('start_source') },
      to: 'CANCELLING',
      work: ['enqueueCompensation'],
    },
    {
      name: 'a compensation fails for good',
      from: 'CANCELLING',
      given: cancellingCompensating,
      event: {
        type: 'compensationFailed',
        by: WORKER,
        key: comp('start_source'),
        error: 'host gone',
        retryable: false,
      },
      to: 'FAILED',
      work: ['alert'],
    },
    {
      name: 'the last compensation ends the cancel',
      from: 'CANCELLING',
      given: cancellingLast,
      event: { type: 'compensationSucceeded', by: WORKER, key: comp('release_target') },
      to: 'CANCELLED',
      work: [],
    },
    {
      name: 'rolling back continues',
      from: 'ROLLING_BACK',
      given: rollingBack,
      event: { type: 'compensationSucceeded', by: WORKER, key: comp('start_source') },
      to: 'ROLLING_BACK',
      work: ['enqueueCompensation'],
    },
    {
      name: 'a due compensation retry is re-enqueued',
      from: 'ROLLING_BACK',
      given: () =>
        apply(rollingBack(), {
          type: 'compensationFailed',
          by: WORKER,
          key: comp('start_source'),
          error: 'busy',
          retryable: true,
        }),
      event: { type: 'retryDue', by: 'system:reconciler', key: comp('start_source') },
      at: LATER,
      to: 'ROLLING_BACK',
      work: ['enqueueCompensation'],
    },
    {
      name: 'the last compensation ends the rollback',
      from: 'ROLLING_BACK',
      given: rollingBackLast,
      event: { type: 'compensationSucceeded', by: WORKER, key: comp('release_target') },
      to: 'ROLLED_BACK',
      work: [],
    },
  ])('$from --$event.type--> $to: $name', ({ from, given, event, at, to, work: expected }) => {
    const before = given();
    expect(before.state).toBe(from);
    const result = transition(before, event, at ?? NOW);
    if (!result.ok) throw new Error(result.reason);
    expect(result.migration.state).toBe(to);
    expect(result.migration.version).toBe(before.version + 1);
    expect(work(result.effects)).toEqual(expected);
    expect(
      result.effects
        .filter((e) => e.type === 'recordTransition')
        .every((e) => e.record.by === event.by && e.record.event === event.type),
    ).toBe(true);
    expect(result.effects.at(-1)).toMatchObject({ type: 'emitProgress', progress: { state: to } });
    expect(before.state).toBe(from); // the input is never mutated
  });
});

describe('transition: illegal transitions are refused with a reason', () => {
  it.each<{
    name: string;
    given: () => Migration;
    event: MigrationEvent;
    at?: Date;
    code: string;
    reason: RegExp;
  }>([
    {
      name: 'start before approval',
      given: planned,
      event: { type: 'start', by: BY },
      code: 'ILLEGAL_STATE',
      reason: /start is not allowed while PLANNED/,
    },
    {
      name: 'a reader approves',
      given: planned,
      event: { type: 'approve', by: BY, role: 'reader' },
      code: 'FORBIDDEN',
      reason: /reader/,
    },
    {
      name: 'approve twice',
      given: approved,
      event: { type: 'approve', by: BY, role: 'admin' },
      code: 'ILLEGAL_STATE',
      reason: /only a PLANNED/,
    },
    {
      name: 'rollback while RUNNING',
      given: running,
      event: { type: 'rollback', by: BY },
      code: 'ILLEGAL_STATE',
      reason: /use cancel/,
    },
    {
      name: 'cancel at CUTOVER',
      given: cutover,
      event: { type: 'cancel', by: BY },
      code: 'ILLEGAL_STATE',
      reason: /use rollback/,
    },
    {
      name: 'cancel while cancelling',
      given: cancellingInFlight,
      event: { type: 'cancel', by: BY },
      code: 'ILLEGAL_STATE',
      reason: /already unwinding/,
    },
    {
      name: 'anything after COMPLETED',
      given: () =>
        apply(
          decommissioning(),
          { type: 'stepSucceeded', by: WORKER, key: key('decommission_source') },
          LATER,
        ),
      event: { type: 'rollback', by: BY },
      code: 'ILLEGAL_STATE',
      reason: /final state/,
    },
    {
      name: 'start after CANCELLED',
      given: () => apply(approved(), { type: 'cancel', by: BY }),
      event: { type: 'start', by: BY },
      code: 'ILLEGAL_STATE',
      reason: /final state/,
    },
    {
      name: 'a step out of order',
      given: running,
      event: { type: 'stepStarted', by: WORKER, key: key('transfer') },
      code: 'STEP_STATE',
      reason: /out of order: the next step is m1:app:prepare_target:1/,
    },
    {
      name: 'a duplicate start (redelivered job)',
      given: inFlight,
      event: { type: 'stepStarted', by: WORKER, key: key('prepare_target') },
      code: 'STEP_STATE',
      reason: /is RUNNING, expected PENDING/,
    },
    {
      name: 'success for a step never started',
      given: running,
      event: { type: 'stepSucceeded', by: WORKER, key: key('prepare_target') },
      code: 'STEP_STATE',
      reason: /is PENDING, expected RUNNING/,
    },
    {
      name: 'an unknown key',
      given: running,
      event: { type: 'stepStarted', by: WORKER, key: 'm1:app:nope:1' },
      code: 'UNKNOWN_STEP',
      reason: /no step or compensation/,
    },
    {
      name: 'a compensation report while RUNNING',
      given: afterTransfer,
      event: { type: 'compensationSucceeded', by: WORKER, key: 'm1:app:delete_snapshot:1' },
      code: 'ILLEGAL_STATE',
      reason: /migration is RUNNING/,
    },
    {
      name: 'decommission before the soak ends',
      given: cutover,
      event: { type: 'stepStarted', by: WORKER, key: key('decommission_source') },
      code: 'NOT_DUE',
      reason: /must not start before 2026-11-27T11:00:00.000Z/,
    },
    {
      name: 'a job enqueued before the cancel',
      given: () => apply(running(), { type: 'cancel', by: BY }),
      event: { type: 'stepStarted', by: WORKER, key: key('prepare_target') },
      code: 'ILLEGAL_STATE',
      reason: /final state/,
    },
    {
      name: 'a forward step while cancelling',
      given: cancellingCompensating,
      event: { type: 'stepStarted', by: WORKER, key: key('convert_image') },
      code: 'ILLEGAL_STATE',
      reason: /migration is CANCELLING.*drop the job/,
    },
    {
      name: 'a retry before it is due',
      given: awaitingRetry,
      event: { type: 'retryDue', by: 'system:reconciler', key: key('prepare_target') },
      code: 'NOT_DUE',
      reason: /is due at/,
    },
    {
      name: 'rollback once decommission started',
      given: failedDecommission,
      event: { type: 'rollback', by: BY },
      at: LATER,
      code: 'IRREVERSIBLE',
      reason: /decommission_source of app has started.*rollback is refused/,
    },
    {
      name: 'resume after a failed compensation',
      given: failedCompensation,
      event: { type: 'resume', by: BY },
      code: 'ILLEGAL_STATE',
      reason: /use rollback to continue undoing/,
    },
    {
      name: 'resume when nothing failed',
      given: running,
      event: { type: 'resume', by: BY },
      code: 'ILLEGAL_STATE',
      reason: /only a FAILED/,
    },
  ])('$name', ({ given, event, at, code, reason }) => {
    const result = transition(given(), event, at ?? NOW);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe(code);
    expect(result.reason).toMatch(reason);
  });
});

describe('approval rules', () => {
  // Default policy: an admin is needed strictly above $1,000 of one-off cost.
  it.each([
    { role: 'operator' as const, cost: '999.99', ok: true },
    { role: 'operator' as const, cost: '1000', ok: true },
    { role: 'operator' as const, cost: '1000.000001', ok: false },
    { role: 'admin' as const, cost: '25000', ok: true },
    { role: 'reader' as const, cost: '1', ok: false },
  ])('$role approving a one-off of $$cost → ok=$ok', ({ role, cost, ok }) => {
    const result = transition(planned(cost), { type: 'approve', by: BY, role }, NOW);
    expect(result.ok).toBe(ok);
    if (result.ok) expect(result.migration.approvedBy).toBe(BY);
    else if (role === 'operator')
      expect(result.reason).toMatch(
        /one-off \$1000.000001 against an admin limit of \$1000: above the limit an admin must approve/,
      );
  });

  it('takes the limit from the migration policy', () => {
    const m = { ...planned('50'), policy: { ...planned().policy, adminApprovalAboveUsd: '10' } };
    expect(transition(m, { type: 'approve', by: BY, role: 'operator' }, NOW)).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
  });
});
