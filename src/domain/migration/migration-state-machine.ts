import { money } from '../money.js';
import { nextForwardStep, pointOfNoReturn } from './migration-record.js';
import {
  onCompensationFailed,
  onCompensationSucceeded,
  onRetryDue,
  onStepFailed,
  onStepStarted,
  onStepSucceeded,
  onWorkerLost,
} from './migration-step-events.js';
import { continueUnwind } from './migration-unwind.js';
import type {
  ActorRole,
  Migration,
  MigrationEvent,
  MigrationState,
  TransitionResult,
} from './migration-types.js';
import {
  closeDraft,
  enqueueStep,
  nowIso,
  openDraft,
  patchStep,
  refuse,
  setState,
  type Draft,
} from './transition-draft.js';

/**
 * The migration lifecycle as one pure function: given the persisted migration, an event and
 * `now`, either a refusal with a reason, or the next migration value and the effects the
 * orchestrator must carry out (enqueue jobs, record transitions, emit progress, alert).
 *
 *   PLANNED --approve--> APPROVED --start--> RUNNING --(last switch_traffic)--> CUTOVER
 *   CUTOVER --(soak, every decommission_source)--> COMPLETED
 *   RUNNING/CUTOVER --(non-retryable or exhausted step)--> FAILED --resume--> RUNNING/CUTOVER
 *   PLANNED/APPROVED --cancel--> CANCELLED
 *   RUNNING --cancel--> CANCELLING --(compensations)--> CANCELLED
 *   CUTOVER/FAILED --rollback--> ROLLING_BACK --(compensations)--> ROLLED_BACK
 *   CANCELLING/ROLLING_BACK --(compensation exhausted)--> FAILED --rollback--> ROLLING_BACK
 *
 * The point of no return is the start of the first decommission_source: after it, cancel and
 * rollback are refused (IRREVERSIBLE) and only `resume` (roll forward) remains.
 */
export function transition(migration: Migration, event: MigrationEvent, now: Date): TransitionResult {
  if (TERMINAL.includes(migration.state)) {
    return refuse(
      'ILLEGAL_STATE',
      `migration is ${migration.state}, a final state: ${event.type} is refused`,
    );
  }
  const d = openDraft(migration, event, now);
  switch (event.type) {
    case 'approve':
      return approve(d, event.role);
    case 'start':
      return start(d);
    case 'cancel':
      return cancel(d);
    case 'rollback':
      return rollback(d);
    case 'resume':
      return resume(d);
    case 'stepStarted':
      return onStepStarted(d, event.key);
    case 'stepSucceeded':
      return onStepSucceeded(d, event.key, event.output);
    case 'stepFailed':
      return onStepFailed(d, event.key, event.error, event.retryable);
    case 'retryDue':
      return onRetryDue(d, event.key);
    case 'workerLost':
      return onWorkerLost(d, event.key);
    case 'compensationSucceeded':
      return onCompensationSucceeded(d, event.key);
    case 'compensationFailed':
      return onCompensationFailed(d, event.key, event.error, event.retryable);
  }
}

export const TERMINAL: readonly MigrationState[] = ['COMPLETED', 'CANCELLED', 'ROLLED_BACK'];

function illegal(d: Draft, hint: string): TransitionResult {
  return refuse('ILLEGAL_STATE', `${d.event.type} is not allowed while ${d.state}: ${hint}`);
}

/** Operators approve; a one-off cost strictly above the policy's limit needs an admin. */
function approve(d: Draft, role: ActorRole): TransitionResult {
  if (d.state !== 'PLANNED') return illegal(d, 'only a PLANNED migration is approved');
  if (role === 'reader')
    return refuse('FORBIDDEN', `${d.event.by} is a reader: approving needs operator or admin`);
  const cost = money(d.before.oneOffCostUsd);
  const limit = money(d.before.policy.adminApprovalAboveUsd);
  const terms = `one-off $${cost.toFixed()} against an admin limit of $${limit.toFixed()}`;
  if (cost.greaterThan(limit) && role !== 'admin') {
    return refuse('FORBIDDEN', `${terms}: above the limit an admin must approve (${d.event.by} is ${role})`);
  }
  d.approvedBy = d.event.by;
  setState(d, 'APPROVED', `approved by ${d.event.by} as ${role}; ${terms}`);
  return closeDraft(d);
}

function start(d: Draft): TransitionResult {
  if (d.state !== 'APPROVED') return illegal(d, 'a migration starts once, after approval');
  const first = nextForwardStep(d.steps);
  if (first === null) return illegal(d, 'the plan has no step to run');
  setState(d, 'RUNNING', `started by ${d.event.by}`);
  enqueueStep(d, patchStep(d, first.index, { notBefore: nowIso(d) }, 'enqueued'), nowIso(d));
  return closeDraft(d);
}

function cancel(d: Draft): TransitionResult {
  switch (d.state) {
    case 'PLANNED':
    case 'APPROVED':
      setState(d, 'CANCELLED', `cancelled by ${d.event.by} before anything ran`);
      return closeDraft(d);
    case 'RUNNING':
      setState(
        d,
        'CANCELLING',
        `cancelled by ${d.event.by}: undo every started step, newest first, service first`,
      );
      continueUnwind(d);
      return closeDraft(d);
    case 'CUTOVER':
    case 'FAILED':
      return illegal(d, 'use rollback to undo a migration that reached cutover or failed');
    case 'CANCELLING':
    case 'ROLLING_BACK':
    case 'COMPLETED':
    case 'CANCELLED':
    case 'ROLLED_BACK':
      return illegal(d, 'the migration is already unwinding or finished');
  }
}

function rollback(d: Draft): TransitionResult {
  if (d.state === 'RUNNING') return illegal(d, 'use cancel while RUNNING');
  if (d.state !== 'CUTOVER' && d.state !== 'FAILED')
    return illegal(d, 'rollback applies to CUTOVER or FAILED');
  const gone = pointOfNoReturn(d.steps);
  if (gone !== null) {
    return refuse(
      'IRREVERSIBLE',
      `${gone.kind} of ${gone.component} has started (${gone.attempts} attempt(s)): the source may be gone, so rollback is refused; resume to finish, or repair by hand`,
    );
  }
  d.failure = null;
  setState(
    d,
    'ROLLING_BACK',
    `rollback by ${d.event.by}: undo every started step, newest first, service first`,
  );
  continueUnwind(d);
  return closeDraft(d);
}

/** Roll forward after a step failure: the same key again, with a fresh attempt budget. */
function resume(d: Draft): TransitionResult {
  if (d.state !== 'FAILED' || d.failure === null) return illegal(d, 'only a FAILED migration resumes');
  if (d.failure.during === 'COMPENSATION')
    return illegal(d, 'a compensation failed: use rollback to continue undoing');
  const key = d.failure.stepKey;
  const step = d.steps.find((s) => s.key === key);
  if (step === undefined) return refuse('UNKNOWN_STEP', `no step has key ${key}`);
  d.failure = null;
  setState(
    d,
    step.phase === 'DECOMMISSION' ? 'CUTOVER' : 'RUNNING',
    `resumed by ${d.event.by} at ${step.kind} of ${step.component}`,
  );
  const again = patchStep(
    d,
    step.index,
    {
      state: 'PENDING',
      attemptLimit: step.attempts + d.before.policy.maxAttemptsPerStep,
      notBefore: nowIso(d),
    },
    `resumed: ${d.before.policy.maxAttemptsPerStep} more attempts`,
  );
  enqueueStep(d, again, nowIso(d));
  return closeDraft(d);
}
