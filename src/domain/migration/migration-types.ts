/**
 * The migration vocabulary shared by the planner, the step list and the state machine.
 * Plain serialisable values (ISO strings, decimal strings) so the orchestrator can persist a
 * Migration as it is (a row plus a JSONB step list) and resume it after a restart.
 */

export const MIGRATION_STRATEGIES = ['COLD', 'WARM', 'BLUE_GREEN'] as const;
export type MigrationStrategy = (typeof MIGRATION_STRATEGIES)[number];

export const IMAGE_FORMATS = ['VMDK', 'VHD', 'RAW', 'QCOW2'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

export const STEP_KINDS = [
  'prepare_target',
  'stop_source',
  'snapshot_source',
  'transfer',
  'convert_image',
  'import_image',
  'delta_sync',
  'start_target',
  'verify_health',
  'switch_traffic',
  'decommission_source',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const COMPENSATION_KINDS = [
  'release_target',
  'start_source',
  'delete_snapshot',
  'delete_transferred_object',
  'delete_converted_image',
  'delete_image',
  'stop_and_delete_target',
  'switch_traffic_back',
] as const;
export type CompensationKind = (typeof COMPENSATION_KINDS)[number];

/**
 * CANCELLING and ROLLING_BACK exist because undoing is several durable jobs over time: the
 * persisted state must say "unwinding" so a restarted orchestrator resumes the compensations and
 * refuses new forward steps, and it must remember which terminal state to land in.
 */
export const MIGRATION_STATES = [
  'PLANNED',
  'APPROVED',
  'RUNNING',
  'CUTOVER',
  'COMPLETED',
  'FAILED',
  'CANCELLING',
  'CANCELLED',
  'ROLLING_BACK',
  'ROLLED_BACK',
] as const;
export type MigrationState = (typeof MIGRATION_STATES)[number];

export const STEP_STATES = [
  'PENDING',
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'COMPENSATING',
  'COMPENSATED',
  'SKIPPED',
] as const;
export type StepState = (typeof STEP_STATES)[number];

/** MIGRATE steps run before cutover; DECOMMISSION steps after the rollback window. */
export type StepPhase = 'MIGRATE' | 'DECOMMISSION';

/** Same names and ranks as src/auth/role.ts; repeated because the domain imports no module. */
export type ActorRole = 'reader' | 'operator' | 'admin';

export type StepParams = Readonly<Record<string, string | number | boolean>>;
export type StepOutput = Readonly<Record<string, unknown>>;

/** One step of the plan before a migration id exists (no idempotency key yet). */
export interface PlannedStep {
  readonly component: string;
  readonly kind: StepKind;
  /** 1-based; only delta_sync repeats. */
  readonly iteration: number;
  readonly phase: StepPhase;
  /** Null: nothing to undo (read-only, or its writes live on a resource another compensation removes). */
  readonly compensation: CompensationKind | null;
  /** True after the point of no return: no compensation exists and rollback is refused once it started. */
  readonly irreversible: boolean;
  /** Present when the step is planned but not needed (convert_image between equal formats). */
  readonly skippedReason: string | null;
  readonly params: StepParams;
}

export interface MigrationStep extends PlannedStep {
  readonly index: number;
  /** migrationId:component:step:iteration; the adapter dedupes on it, so a retry never repeats the effect. */
  readonly key: string;
  /** migrationId:component:compensation:iteration, or null when compensation is null. */
  readonly compensationKey: string | null;
  readonly state: StepState;
  /** Forward attempts started (never reset: attempts > 0 means the effect may exist). */
  readonly attempts: number;
  /** Attempts allowed before giving up; `resume` raises it instead of resetting `attempts`. */
  readonly attemptLimit: number;
  readonly compensationAttempts: number;
  /** ISO instant before which the next (re)try must not run. */
  readonly notBefore: string | null;
  readonly lastError: string | null;
  /** What the adapter returned (snapshot id, object URL…): the compensation needs it. */
  readonly output: StepOutput | null;
}

export interface MigrationPolicy {
  readonly maxAttemptsPerStep: number;
  readonly backoffBaseSeconds: number;
  readonly backoffMaxSeconds: number;
  /** A one-off cost strictly above this (USD decimal string) needs an admin's approval. */
  readonly adminApprovalAboveUsd: string;
  /** Rollback window: decommission jobs are enqueued this long after cutover. */
  readonly cutoverSoakSeconds: number;
}

export interface MigrationFailure {
  readonly stepKey: string;
  readonly during: 'STEP' | 'COMPENSATION';
  readonly error: string;
}

export interface Migration {
  readonly id: string;
  /** Incremented by every accepted event: persist with `WHERE version = previous` (optimistic lock). */
  readonly version: number;
  readonly state: MigrationState;
  readonly strategy: MigrationStrategy;
  readonly oneOffCostUsd: string;
  readonly policy: MigrationPolicy;
  readonly steps: readonly MigrationStep[];
  readonly approvedBy: string | null;
  readonly failure: MigrationFailure | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** `by` names who or what caused the event: "user:alice", "worker:w-3", "system:lease-reaper". */
export type MigrationEvent =
  | { readonly type: 'approve'; readonly by: string; readonly role: ActorRole }
  | { readonly type: 'start'; readonly by: string }
  | { readonly type: 'stepStarted'; readonly by: string; readonly key: string }
  | {
      readonly type: 'stepSucceeded';
      readonly by: string;
      readonly key: string;
      readonly output?: StepOutput;
    }
  | {
      readonly type: 'stepFailed';
      readonly by: string;
      readonly key: string;
      readonly error: string;
      readonly retryable: boolean;
    }
  | { readonly type: 'retryDue'; readonly by: string; readonly key: string }
  | { readonly type: 'workerLost'; readonly by: string; readonly key: string }
  | { readonly type: 'cancel'; readonly by: string }
  | { readonly type: 'rollback'; readonly by: string }
  | { readonly type: 'resume'; readonly by: string }
  | { readonly type: 'compensationSucceeded'; readonly by: string; readonly key: string }
  | {
      readonly type: 'compensationFailed';
      readonly by: string;
      readonly key: string;
      readonly error: string;
      readonly retryable: boolean;
    };
export type MigrationEventType = MigrationEvent['type'];

export interface TransitionRecord {
  readonly migrationId: string;
  readonly at: string;
  readonly by: string;
  readonly event: MigrationEventType;
  readonly from: MigrationState;
  readonly to: MigrationState;
  /** Set when the record is about one step (or its compensation). */
  readonly stepKey: string | null;
  readonly stepFrom: StepState | null;
  readonly stepTo: StepState | null;
  readonly reason: string;
}

export interface MigrationProgress {
  readonly migrationId: string;
  readonly state: MigrationState;
  readonly stepsDone: number;
  readonly stepsTotal: number;
  readonly currentStepKey: string | null;
  /** False while a stopped source has not been started again, and after decommission. */
  readonly sourceServing: boolean;
  readonly componentsOnTarget: readonly string[];
}

export type Effect =
  | {
      readonly type: 'enqueueStep';
      readonly key: string;
      readonly stepIndex: number;
      readonly component: string;
      readonly kind: StepKind;
      readonly iteration: number;
      readonly attempt: number;
      readonly notBefore: string;
      readonly params: StepParams;
    }
  | {
      readonly type: 'enqueueCompensation';
      readonly key: string;
      readonly stepIndex: number;
      readonly component: string;
      readonly compensation: CompensationKind;
      readonly attempt: number;
      readonly notBefore: string;
      readonly stepOutput: StepOutput | null;
    }
  | { readonly type: 'recordTransition'; readonly record: TransitionRecord }
  | { readonly type: 'emitProgress'; readonly progress: MigrationProgress }
  | { readonly type: 'alert'; readonly severity: 'warning' | 'critical'; readonly message: string };

export type RefusalCode =
  'ILLEGAL_STATE' | 'FORBIDDEN' | 'UNKNOWN_STEP' | 'STEP_STATE' | 'NOT_DUE' | 'IRREVERSIBLE';

export type TransitionResult =
  | { readonly ok: true; readonly migration: Migration; readonly effects: readonly Effect[] }
  | { readonly ok: false; readonly code: RefusalCode; readonly reason: string };
