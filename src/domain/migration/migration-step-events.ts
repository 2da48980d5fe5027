import { addSeconds, backoffSeconds } from './retry-policy.js';
import { findByKey, nextForwardStep, sourceServing, type KeyMatch } from './migration-record.js';
import { continueUnwind } from './migration-unwind.js';
import type { MigrationState, MigrationStep, StepOutput, TransitionResult } from './migration-types.js';
import {
  alert,
  closeDraft,
  enqueueCompensation,
  enqueueStep,
  nowIso,
  patchStep,
  refuse,
  setState,
  type Draft,
} from './transition-draft.js';

/**
 * Events reported by workers about one step or one compensation, identified by idempotency key.
 * Delivery is at-least-once (pg-boss, graphile-worker): duplicates and late reports from a
 * worker whose lease expired are refused with a reason, never applied twice.
 */

const FORWARD: readonly MigrationState[] = ['RUNNING', 'CUTOVER'];
const UNWINDING: readonly MigrationState[] = ['CANCELLING', 'ROLLING_BACK'];

type Found = { ok: true; step: MigrationStep } | { ok: false; result: TransitionResult };

function locate(d: Draft, key: string, role: KeyMatch['role'], states: readonly MigrationState[]): Found {
  const match = findByKey(d.steps, key);
  if (match === null)
    return { ok: false, result: refuse('UNKNOWN_STEP', `no step or compensation has key ${key}`) };
  if (match.role !== role) {
    const other = role === 'STEP' ? 'a compensation' : 'a forward step';
    return {
      ok: false,
      result: refuse('UNKNOWN_STEP', `${key} is ${other}: ${d.event.type} does not apply`),
    };
  }
  if (!states.includes(d.state)) {
    return {
      ok: false,
      result: refuse(
        'ILLEGAL_STATE',
        `migration is ${d.state}: ${d.event.type} for ${key} is not accepted (drop the job)`,
      ),
    };
  }
  return { ok: true, step: match.step };
}

function stepStateRefusal(step: MigrationStep, expected: string): TransitionResult {
  return refuse(
    'STEP_STATE',
    `${step.key} is ${step.state}, expected ${expected} (duplicate or late report)`,
  );
}

function failMigration(d: Draft, step: MigrationStep, during: 'STEP' | 'COMPENSATION', error: string): void {
  d.failure = { stepKey: during === 'STEP' ? step.key : (step.compensationKey ?? step.key), during, error };
  setState(
    d,
    'FAILED',
    `${during === 'STEP' ? step.kind : step.compensation} of ${step.component} failed: ${error}`,
  );
  if (during === 'COMPENSATION') {
    alert(
      d,
      'critical',
      `${step.compensation} of ${step.component} failed (${error}): resources may remain; rollback retries the undoing`,
    );
  } else if (!sourceServing(d.steps)) {
    alert(
      d,
      'critical',
      `${step.kind} of ${step.component} failed (${error}) while the source is not serving: rollback or resume`,
    );
  } else {
    alert(
      d,
      'warning',
      `${step.kind} of ${step.component} failed (${error}); the source still serves: rollback or resume`,
    );
  }
}

/** After a forward success: run the next step, enter CUTOVER before decommissioning, or finish. */
function advance(d: Draft): void {
  const next = nextForwardStep(d.steps);
  if (next === null) {
    setState(d, 'COMPLETED', 'every component runs on the target and every source is decommissioned');
    return;
  }
  let notBefore = nowIso(d);
  if (next.phase === 'DECOMMISSION' && d.state === 'RUNNING') {
    notBefore = addSeconds(d.now, d.before.policy.cutoverSoakSeconds);
    setState(
      d,
      'CUTOVER',
      `traffic is on the target; rollback stays possible until decommission starts (not before ${notBefore})`,
    );
  }
  enqueueStep(d, patchStep(d, next.index, { notBefore }, 'enqueued'), notBefore);
}

export function onStepStarted(d: Draft, key: string): TransitionResult {
  const found = locate(d, key, 'STEP', FORWARD);
  if (!found.ok) return found.result;
  const step = found.step;
  if (step.state !== 'PENDING') return stepStateRefusal(step, 'PENDING');
  const next = nextForwardStep(d.steps);
  if (next?.index !== step.index)
    return refuse('STEP_STATE', `${key} is out of order: the next step is ${next?.key ?? 'none'}`);
  if (step.notBefore !== null && d.now.getTime() < Date.parse(step.notBefore)) {
    return refuse('NOT_DUE', `${key} must not start before ${step.notBefore}`);
  }
  const attempt = step.attempts + 1;
  const warning = step.irreversible
    ? '; point of no return: cancel and rollback are refused from now on'
    : '';
  patchStep(
    d,
    step.index,
    { state: 'RUNNING', attempts: attempt, notBefore: null },
    `attempt ${attempt} of ${step.attemptLimit}${warning}`,
  );
  return closeDraft(d);
}

export function onStepSucceeded(d: Draft, key: string, output: StepOutput | undefined): TransitionResult {
  const found = locate(d, key, 'STEP', [...FORWARD, 'CANCELLING']);
  if (!found.ok) return found.result;
  const step = found.step;
  // PENDING with attempts: the lease expired and the step was re-enqueued, but the first worker
  // did finish. Success is definitive (same key, same effect); the re-enqueued job is refused.
  if (!(step.state === 'RUNNING' || (step.state === 'PENDING' && step.attempts > 0)))
    return stepStateRefusal(step, 'RUNNING');
  patchStep(
    d,
    step.index,
    { state: 'SUCCEEDED', output: output ?? null, notBefore: null },
    `${step.kind} done`,
  );
  if (d.state === 'CANCELLING') continueUnwind(d);
  else advance(d);
  return closeDraft(d);
}

export function onStepFailed(d: Draft, key: string, error: string, retryable: boolean): TransitionResult {
  const found = locate(d, key, 'STEP', [...FORWARD, 'CANCELLING']);
  if (!found.ok) return found.result;
  const step = found.step;
  if (step.state !== 'RUNNING') return stepStateRefusal(step, 'RUNNING');
  if (d.state === 'CANCELLING') {
    patchStep(d, step.index, { state: 'FAILED', lastError: error }, `failed while cancelling: ${error}`);
    continueUnwind(d);
    return closeDraft(d);
  }
  if (retryable && step.attempts < step.attemptLimit) {
    const notBefore = addSeconds(d.now, backoffSeconds(step.key, step.attempts, d.before.policy));
    const waiting = patchStep(
      d,
      step.index,
      { state: 'PENDING', lastError: error, notBefore },
      `retryable: ${error}; retry at ${notBefore}`,
    );
    enqueueStep(d, waiting, notBefore);
    return closeDraft(d);
  }
  const why = retryable ? `gave up after ${step.attempts} attempts: ${error}` : `non-retryable: ${error}`;
  failMigration(d, patchStep(d, step.index, { state: 'FAILED', lastError: error }, why), 'STEP', why);
  return closeDraft(d);
}

/** Reconciliation: re-enqueue a retry whose time has come (a lost delayed job, a restart). */
export function onRetryDue(d: Draft, key: string): TransitionResult {
  const match = findByKey(d.steps, key);
  const role = match?.role ?? 'STEP';
  const found = locate(d, key, role, role === 'STEP' ? FORWARD : UNWINDING);
  if (!found.ok) return found.result;
  const step = found.step;
  const waiting =
    role === 'STEP' ? step.state === 'PENDING' && step.attempts > 0 : step.state === 'COMPENSATING';
  if (!waiting)
    return stepStateRefusal(step, role === 'STEP' ? 'PENDING after a failed attempt' : 'COMPENSATING');
  if (step.notBefore !== null && d.now.getTime() < Date.parse(step.notBefore)) {
    return refuse('NOT_DUE', `${key} is due at ${step.notBefore}`);
  }
  const again = patchStep(d, step.index, { notBefore: nowIso(d) }, 'retry due: re-enqueued', true);
  if (role === 'STEP') enqueueStep(d, again, nowIso(d));
  else enqueueCompensation(d, again, nowIso(d));
  return closeDraft(d);
}

/** A lease expired: run the same key again (the adapter dedupes), counting the attempt. */
export function onWorkerLost(d: Draft, key: string): TransitionResult {
  const match = findByKey(d.steps, key);
  if (match?.role === 'COMPENSATION') return compensationLost(d, key);
  const found = locate(d, key, 'STEP', [...FORWARD, 'CANCELLING']);
  if (!found.ok) return found.result;
  const step = found.step;
  if (step.state !== 'RUNNING') return stepStateRefusal(step, 'RUNNING');
  const error = `worker lost (lease expired) on attempt ${step.attempts}`;
  if (d.state === 'CANCELLING') {
    patchStep(
      d,
      step.index,
      { state: 'FAILED', lastError: error },
      `${error} while cancelling: undo what it may have done`,
    );
    continueUnwind(d);
  } else if (step.attempts < step.attemptLimit) {
    const again = patchStep(
      d,
      step.index,
      { state: 'PENDING', lastError: error, notBefore: nowIso(d) },
      `${error}: same key again`,
    );
    enqueueStep(d, again, nowIso(d));
  } else {
    const why = `gave up after ${step.attempts} attempts: ${error}`;
    failMigration(d, patchStep(d, step.index, { state: 'FAILED', lastError: error }, why), 'STEP', why);
  }
  return closeDraft(d);
}

function compensationLost(d: Draft, key: string): TransitionResult {
  return retryOrFailCompensation(d, key, 'worker lost (lease expired)', true, 0);
}

export function onCompensationSucceeded(d: Draft, key: string): TransitionResult {
  const found = locate(d, key, 'COMPENSATION', UNWINDING);
  if (!found.ok) return found.result;
  const step = found.step;
  if (step.state !== 'COMPENSATING') return stepStateRefusal(step, 'COMPENSATING');
  patchStep(d, step.index, { state: 'COMPENSATED', notBefore: null }, `${step.compensation} done`);
  continueUnwind(d);
  return closeDraft(d);
}

export function onCompensationFailed(
  d: Draft,
  key: string,
  error: string,
  retryable: boolean,
): TransitionResult {
  return retryOrFailCompensation(d, key, error, retryable, 1);
}

/** Lost workers re-run at once; failures wait the backoff. Either way the attempt counts. */
function retryOrFailCompensation(
  d: Draft,
  key: string,
  error: string,
  retryable: boolean,
  backoff: 0 | 1,
): TransitionResult {
  const found = locate(d, key, 'COMPENSATION', UNWINDING);
  if (!found.ok) return found.result;
  const step = found.step;
  if (step.state !== 'COMPENSATING') return stepStateRefusal(step, 'COMPENSATING');
  const attempts = step.compensationAttempts;
  if (retryable && attempts < d.before.policy.maxAttemptsPerStep) {
    const delay = backoff === 1 ? backoffSeconds(key, attempts, d.before.policy) : 0;
    const notBefore = addSeconds(d.now, delay);
    const again = patchStep(
      d,
      step.index,
      { compensationAttempts: attempts + 1, lastError: error, notBefore },
      `${step.compensation} attempt ${attempts} failed: ${error}; retry at ${notBefore}`,
      true,
    );
    enqueueCompensation(d, again, notBefore);
    return closeDraft(d);
  }
  const why = retryable ? `gave up after ${attempts} attempts: ${error}` : `non-retryable: ${error}`;
  failMigration(d, patchStep(d, step.index, { state: 'FAILED', lastError: error }, why), 'COMPENSATION', why);
  return closeDraft(d);
}
