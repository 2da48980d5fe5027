import { progressOf } from './migration-record.js';
import type {
  Effect,
  Migration,
  MigrationEvent,
  MigrationFailure,
  MigrationState,
  MigrationStep,
  RefusalCode,
  TransitionResult,
} from './migration-types.js';

/**
 * The working copy of one transition. Handlers mutate the draft (never the input migration),
 * and every state change goes through setState/patchStep so each one is recorded with the
 * event, who caused it, when and why.
 */
export interface Draft {
  readonly before: Migration;
  readonly event: MigrationEvent;
  readonly now: Date;
  state: MigrationState;
  steps: MigrationStep[];
  failure: MigrationFailure | null;
  approvedBy: string | null;
  effects: Effect[];
}

export function openDraft(migration: Migration, event: MigrationEvent, now: Date): Draft {
  return {
    before: migration,
    event,
    now,
    state: migration.state,
    steps: [...migration.steps],
    failure: migration.failure,
    approvedBy: migration.approvedBy,
    effects: [],
  };
}

export function nowIso(d: Draft): string {
  return d.now.toISOString();
}

/** A record about undoing names the compensation's key (when there is one), else the step's. */
function keyFor(before: MigrationStep, stepTo: MigrationStep['state'] | null): string {
  const undoing = before.state === 'COMPENSATING' || stepTo === 'COMPENSATING' || stepTo === 'COMPENSATED';
  return (undoing ? before.compensationKey : null) ?? before.key;
}

function record(
  d: Draft,
  from: MigrationState,
  step: MigrationStep | null,
  stepTo: MigrationStep['state'] | null,
  reason: string,
): void {
  d.effects.push({
    type: 'recordTransition',
    record: {
      migrationId: d.before.id,
      at: nowIso(d),
      by: d.event.by,
      event: d.event.type,
      from,
      to: d.state,
      stepKey: step === null ? null : keyFor(step, stepTo),
      stepFrom: step === null ? null : step.state,
      stepTo,
      reason,
    },
  });
}

export function setState(d: Draft, to: MigrationState, reason: string): void {
  const from = d.state;
  d.state = to;
  record(d, from, null, null, reason);
}

/** Replaces a step; records a transition when its state changes (or when `always`). */
export function patchStep(
  d: Draft,
  index: number,
  patch: Partial<MigrationStep>,
  reason: string,
  always = false,
): MigrationStep {
  const before = d.steps[index];
  const after: MigrationStep = { ...before, ...patch };
  d.steps[index] = after;
  if (always || before.state !== after.state) record(d, d.state, before, after.state, reason);
  return after;
}

export function enqueueStep(d: Draft, step: MigrationStep, notBefore: string): void {
  d.effects.push({
    type: 'enqueueStep',
    key: step.key,
    stepIndex: step.index,
    component: step.component,
    kind: step.kind,
    iteration: step.iteration,
    attempt: step.attempts + 1,
    notBefore,
    params: step.params,
  });
}

export function enqueueCompensation(d: Draft, step: MigrationStep, notBefore: string): void {
  if (step.compensation === null || step.compensationKey === null) return;
  d.effects.push({
    type: 'enqueueCompensation',
    key: step.compensationKey,
    stepIndex: step.index,
    component: step.component,
    compensation: step.compensation,
    attempt: step.compensationAttempts,
    notBefore,
    stepOutput: step.output,
  });
}

export function alert(d: Draft, severity: 'warning' | 'critical', message: string): void {
  d.effects.push({ type: 'alert', severity, message });
}

export function closeDraft(d: Draft): TransitionResult {
  const migration: Migration = {
    ...d.before,
    version: d.before.version + 1,
    state: d.state,
    steps: d.steps,
    failure: d.failure,
    approvedBy: d.approvedBy,
    updatedAt: nowIso(d),
  };
  return {
    ok: true,
    migration,
    effects: [...d.effects, { type: 'emitProgress', progress: progressOf(migration) }],
  };
}

export function refuse(code: RefusalCode, reason: string): TransitionResult {
  return { ok: false, code, reason };
}
