import { idempotencyKey } from './migration-steps.js';
import { DEFAULT_MIGRATION_POLICY } from './retry-policy.js';
import type {
  Migration,
  MigrationPolicy,
  MigrationProgress,
  MigrationStep,
  MigrationStrategy,
  PlannedStep,
} from './migration-types.js';

export interface NewMigration {
  readonly id: string;
  readonly strategy: MigrationStrategy;
  readonly oneOffCostUsd: string;
  /** One list per component, in the planner's componentOrder (buildComponentSteps output). */
  readonly componentSteps: readonly (readonly PlannedStep[])[];
  readonly policy?: MigrationPolicy;
}

/**
 * The persisted migration in PLANNED. Steps run one at a time: every component's MIGRATE steps
 * in component order, then (after the rollback window) every decommission_source in the same
 * order. One at a time keeps "least impact first" meaningful and compensation order obvious.
 */
export function createMigration(input: NewMigration, now: Date): Migration {
  const policy = input.policy ?? DEFAULT_MIGRATION_POLICY;
  const planned = input.componentSteps.flat();
  const ordered = [
    ...planned.filter((s) => s.phase === 'MIGRATE'),
    ...planned.filter((s) => s.phase === 'DECOMMISSION'),
  ];
  const steps: MigrationStep[] = ordered.map((s, index) => ({
    ...s,
    index,
    key: idempotencyKey(input.id, s.component, s.kind, s.iteration),
    compensationKey:
      s.compensation === null ? null : idempotencyKey(input.id, s.component, s.compensation, s.iteration),
    state: s.skippedReason === null ? 'PENDING' : 'SKIPPED',
    attempts: 0,
    attemptLimit: policy.maxAttemptsPerStep,
    compensationAttempts: 0,
    notBefore: null,
    lastError: null,
    output: null,
  }));
  const keys = new Set(steps.map((s) => s.key));
  if (keys.size !== steps.length)
    throw new RangeError('two steps share an idempotency key: component names must be unique');
  const at = now.toISOString();
  return {
    id: input.id,
    version: 0,
    state: 'PLANNED',
    strategy: input.strategy,
    oneOffCostUsd: input.oneOffCostUsd,
    policy,
    steps,
    approvedBy: null,
    failure: null,
    createdAt: at,
    updatedAt: at,
  };
}

export type KeyMatch = { readonly step: MigrationStep; readonly role: 'STEP' | 'COMPENSATION' };

export function findByKey(steps: readonly MigrationStep[], key: string): KeyMatch | null {
  for (const step of steps) {
    if (step.key === key) return { step, role: 'STEP' };
    if (step.compensationKey === key) return { step, role: 'COMPENSATION' };
  }
  return null;
}

/** The next forward step to run: the first not yet done. Null when every step is done or skipped. */
export function nextForwardStep(steps: readonly MigrationStep[]): MigrationStep | null {
  return steps.find((s) => s.state !== 'SUCCEEDED' && s.state !== 'SKIPPED') ?? null;
}

/** The first irreversible step that has started: from then on rollback and cancel are refused. */
export function pointOfNoReturn(steps: readonly MigrationStep[]): MigrationStep | null {
  return steps.find((s) => s.irreversible && s.attempts > 0) ?? null;
}

const undone = (s: MigrationStep) => s.state === 'COMPENSATED';

export function sourceServing(steps: readonly MigrationStep[]): boolean {
  if (pointOfNoReturn(steps)) return false;
  return !steps.some((s) => s.kind === 'stop_source' && s.attempts > 0 && !undone(s));
}

export function componentsOnTarget(steps: readonly MigrationStep[]): string[] {
  return steps.filter((s) => s.kind === 'switch_traffic' && s.state === 'SUCCEEDED').map((s) => s.component);
}

export function progressOf(m: Pick<Migration, 'id' | 'state' | 'steps'>): MigrationProgress {
  const counted = m.steps.filter((s) => s.state !== 'SKIPPED');
  const current = m.steps.find((s) => s.state === 'RUNNING' || s.state === 'COMPENSATING') ?? null;
  return {
    migrationId: m.id,
    state: m.state,
    stepsDone: counted.filter((s) => s.state === 'SUCCEEDED').length,
    stepsTotal: counted.length,
    currentStepKey:
      current === null ? null : current.state === 'COMPENSATING' ? current.compensationKey : current.key,
    sourceServing: sourceServing(m.steps),
    componentsOnTarget: componentsOnTarget(m.steps),
  };
}
