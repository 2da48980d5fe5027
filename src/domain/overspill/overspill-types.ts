/**
 * Inputs and output of the overspill decision (decide-overspill.ts). Plain data: the overspill
 * module loads the policy, the site's capacity, its running workloads (each with its best external
 * placement, priced by the caller), the active bursts, the targets' inventory and the persisted
 * history, and hands them over with `now`. Money is a USD decimal string (PostgreSQL `numeric`);
 * utilisation is a fraction 0–1 (a double: it only ranks and compares, it is never summed as money).
 */

export type OverspillMetric = 'VCPU' | 'MEMORY';
export type OverspillMode = 'DRY_RUN' | 'ENFORCE';
export type OverspillAction = 'BURST' | 'RECALL' | 'HOLD';

export interface OverspillSelector {
  /** Every one of these tags must be on the workload. */
  readonly tags: readonly string[];
  /** Workloads below this priority never move. */
  readonly minPriority: number;
}

export interface OverspillPolicy {
  readonly id: string;
  readonly site: string;
  /** Which dimension the watermarks are measured on. Caps are always in vCPU and USD. */
  readonly metric: OverspillMetric;
  /** Fraction 0–1: burst at or above it. */
  readonly highWatermark: number;
  /** Fraction 0–1, below `highWatermark`: recall at or below it. */
  readonly lowWatermark: number;
  /** Consecutive ticks beyond a watermark before acting (≥ 1). */
  readonly dwellTicks: number;
  /** No move of either kind within this many minutes of the last one. */
  readonly cooldownMinutes: number;
  /** Bound on the vCPU of all bursts together. */
  readonly maxVcpuOut: number;
  /** Bound on the cost per day of all bursts together, USD decimal string. */
  readonly maxCostPerDay: string;
  /** Bound on moved workloads (bursts and recalls) in any 60-minute window. */
  readonly maxMovesPerHour: number;
  readonly selector: OverspillSelector;
  readonly mode: OverspillMode;
  /** Lease given to every burst and renewed while it is held (default DEFAULT_LEASE_MINUTES). */
  readonly leaseMinutes?: number;
  /** A workload whose one-off migration cost is above this never bursts (USD; absent = no limit). */
  readonly maxMigrationCostUsd?: string;
  /** Capacity older than this is not acted on (default DEFAULT_MAX_OBSERVATION_AGE_MINUTES). */
  readonly maxObservationAgeMinutes?: number;
}

export interface SiteCapacity {
  readonly site: string;
  readonly totalVcpu: number;
  readonly usedVcpu: number;
  readonly totalMemoryGib: number;
  readonly usedMemoryGib: number;
  readonly observedAt: Date;
}

export interface BurstTarget {
  readonly provider: string;
  readonly region: string;
}

export interface ExternalPlacement extends BurstTarget {
  readonly costPerDayUsd: string;
}

/** A workload running on the site. */
export interface OverspillWorkload {
  readonly id: string;
  readonly name: string;
  readonly vcpu: number;
  readonly memoryGib: number;
  readonly burstable: boolean;
  /** Higher = more important; the least important burst first. */
  readonly priority: number;
  readonly tags: readonly string[];
  /** Its best external placement (computed by the caller), null when none fits. */
  readonly externalPlacement: ExternalPlacement | null;
  /** One-off cost of moving it out (transfer, egress), USD. */
  readonly migrationCostUsd?: string;
}

/** A workload currently running outside the site because of this policy. */
export interface ActiveBurst {
  readonly workloadId: string;
  readonly vcpu: number;
  readonly memoryGib: number;
  /** When it was sent out: recall goes latest first. */
  readonly burstedAt: Date;
  /**
   * Its place among the moves of the decision that sent it out (0 = first). Bursts sent out by
   * one decision share burstedAt; recall takes them back in reverse of this order.
   */
  readonly sequence?: number;
  readonly leaseExpiresAt: Date;
  readonly target: BurstTarget;
  readonly costPerDayUsd: string;
}

/**
 * A move decided on an earlier tick whose migration has not finished: a burst still on its way
 * out, or a recall on its way back. Its workload is neither in `workloads` nor in `bursts`.
 */
export interface PendingMove {
  readonly kind: 'BURST' | 'RECALL';
  readonly workloadId: string;
  readonly vcpu: number;
  readonly memoryGib: number;
  readonly target: BurstTarget;
  readonly since: Date;
  /** The migration's state as last read (RUNNING, CUTOVER, FAILED…), for the reasons. */
  readonly migrationState: string;
}

/** One instance the target provider reports running (for reconciliation). */
export interface TargetInstance extends BurstTarget {
  /** The workload the instance is tagged with; null when untagged. */
  readonly workloadId: string | null;
  readonly instanceId: string;
}

/** What the scheduler persists between ticks (decision.nextHistory). */
export interface OverspillHistory {
  readonly consecutiveTicksAbove: number;
  readonly consecutiveTicksBelow: number;
  readonly lastActionAt: Date | null;
  /** One timestamp per moved workload (a burst of three adds three). */
  readonly movesInLastHour: readonly Date[];
}

export interface OverspillInput {
  readonly policy: OverspillPolicy;
  readonly capacity: SiteCapacity;
  readonly workloads: readonly OverspillWorkload[];
  readonly bursts: readonly ActiveBurst[];
  /** Moves of this policy still in flight; while there are any, nothing new moves. */
  readonly pendingMoves?: readonly PendingMove[];
  /** Instances the targets report for THIS policy's bursts; absent = no reconciliation this tick. */
  readonly targetInventory?: readonly TargetInstance[];
  readonly history: OverspillHistory;
}

export interface OverspillMove {
  readonly kind: 'BURST' | 'RECALL';
  readonly workloadId: string;
  readonly vcpu: number;
  readonly memoryGib: number;
  /** Where it goes (BURST) or comes back from (RECALL). */
  readonly target: BurstTarget;
  readonly costPerDayUsd: string;
  /** The new burst's lease; null for a recall. */
  readonly leaseExpiresAt: Date | null;
}

export interface LeaseRenewal {
  readonly workloadId: string;
  readonly leaseExpiresAt: Date;
}

export interface ExpiredLease {
  readonly workloadId: string;
  readonly target: BurstTarget;
  readonly leaseExpiresAt: Date;
  readonly reason: string;
}

/** An instance in the target inventory that no active burst accounts for: billing for nothing. */
export interface LeakedInstance extends BurstTarget {
  readonly instanceId: string;
  readonly workloadId: string | null;
  readonly reason: string;
}

/** An active burst the target inventory does not show: the workload may be running nowhere. */
export interface MissingBurst {
  readonly workloadId: string;
  readonly target: BurstTarget;
  readonly reason: string;
}

export interface OverspillDecision {
  readonly policyId: string;
  readonly site: string;
  readonly decidedAt: Date;
  readonly mode: OverspillMode;
  /** True in DRY_RUN: the decision is the one ENFORCE would take, and the caller must not act on it. */
  readonly dryRun: boolean;
  readonly action: OverspillAction;
  /** Workload ids moved, in move order (empty on HOLD). */
  readonly workloads: readonly string[];
  readonly moves: readonly OverspillMove[];
  readonly reasons: readonly string[];
  /** Utilisation on the policy metric as observed. */
  readonly utilisation: number;
  /** Utilisation once the moves are done (= utilisation on HOLD). */
  readonly projectedUtilisation: number;
  /** vCPU of all bursts once the moves are done. */
  readonly projectedVcpuOut: number;
  /** Cost per day of all bursts once the moves are done, USD decimal string. */
  readonly projectedCostPerDayUsd: string;
  readonly nextHistory: OverspillHistory;
  readonly leaseRenewals: readonly LeaseRenewal[];
  readonly leaks: readonly LeakedInstance[];
  readonly expiredLeases: readonly ExpiredLease[];
  readonly missingBursts: readonly MissingBurst[];
}

export const DEFAULT_LEASE_MINUTES = 60;
export const DEFAULT_MAX_OBSERVATION_AGE_MINUTES = 15;

/** Invalid policy or input: a caller bug, not a decision. */
export class OverspillInputError extends Error {
  override readonly name = 'OverspillInputError';
}
