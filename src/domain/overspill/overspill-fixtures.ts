import type {
  ActiveBurst,
  OverspillHistory,
  OverspillInput,
  OverspillPolicy,
  OverspillWorkload,
  PendingMove,
  SiteCapacity,
  TargetInstance,
} from './overspill-types.js';

/** Builders for overspill specs: one readable base scenario, cases override what they are about. */

export const NOW = new Date('2025-03-03T12:00:00.000Z');

export function minutesFrom(base: Date, minutes: number): Date {
  return new Date(base.getTime() + minutes * 60_000);
}

export const ago = (minutes: number): Date => minutesFrom(NOW, -minutes);
export const later = (minutes: number): Date => minutesFrom(NOW, minutes);

export function aPolicy(over: Partial<OverspillPolicy> = {}): OverspillPolicy {
  return {
    id: 'policy-london',
    site: 'onprem-london',
    metric: 'VCPU',
    highWatermark: 0.85,
    lowWatermark: 0.4,
    dwellTicks: 3,
    cooldownMinutes: 15,
    maxVcpuOut: 64,
    maxCostPerDay: '500',
    maxMovesPerHour: 6,
    selector: { tags: ['burst'], minPriority: 0 },
    mode: 'ENFORCE',
    leaseMinutes: 60,
    ...over,
  };
}

export function aCapacity(over: Partial<SiteCapacity> = {}): SiteCapacity {
  return {
    site: 'onprem-london',
    totalVcpu: 100,
    usedVcpu: 93,
    totalMemoryGib: 400,
    usedMemoryGib: 200,
    observedAt: NOW,
    ...over,
  };
}

export function aWorkload(id: string, over: Partial<OverspillWorkload> = {}): OverspillWorkload {
  return {
    id,
    name: id,
    vcpu: 4,
    memoryGib: 8,
    burstable: true,
    priority: 1,
    tags: ['burst'],
    externalPlacement: { provider: 'aws', region: 'eu-west-2', costPerDayUsd: '10' },
    ...over,
  };
}

/**
 * The base site: 100 vCPU, 93 used (0.93). Burst order is job-3 (priority 1), then web-1 and
 * web-2 (priority 2; web-1 frees 0.8 vCPU per dollar, web-2 16 / 30.5 ≈ 0.52); batch-7 has no
 * external placement and db-1 is not burstable.
 */
export function baseWorkloads(): OverspillWorkload[] {
  return [
    aWorkload('web-1', {
      vcpu: 8,
      memoryGib: 16,
      priority: 2,
      externalPlacement: { provider: 'aws', region: 'eu-west-2', costPerDayUsd: '10' },
    }),
    aWorkload('web-2', {
      vcpu: 16,
      memoryGib: 32,
      priority: 2,
      tags: ['burst', 'stateless'],
      externalPlacement: { provider: 'gcp', region: 'europe-west2', costPerDayUsd: '30.5' },
    }),
    aWorkload('batch-7', { vcpu: 4, memoryGib: 8, priority: 1, externalPlacement: null }),
    aWorkload('job-3', {
      vcpu: 12,
      memoryGib: 24,
      priority: 1,
      externalPlacement: { provider: 'azure', region: 'uksouth', costPerDayUsd: '12.000001' },
    }),
    aWorkload('db-1', { vcpu: 32, memoryGib: 64, priority: 9, burstable: false, tags: [] }),
  ];
}

export function aBurst(workloadId: string, over: Partial<ActiveBurst> = {}): ActiveBurst {
  return {
    workloadId,
    vcpu: 4,
    memoryGib: 8,
    burstedAt: ago(120),
    leaseExpiresAt: later(50),
    target: { provider: 'aws', region: 'eu-west-2' },
    costPerDayUsd: '10',
    ...over,
  };
}

export function aPendingMove(workloadId: string, over: Partial<PendingMove> = {}): PendingMove {
  return {
    kind: 'BURST',
    workloadId,
    vcpu: 4,
    memoryGib: 8,
    target: { provider: 'aws', region: 'eu-west-2' },
    since: ago(2),
    migrationState: 'RUNNING',
    ...over,
  };
}

export function anInstance(
  workloadId: string | null,
  instanceId: string,
  over: Partial<TargetInstance> = {},
): TargetInstance {
  return { provider: 'aws', region: 'eu-west-2', workloadId, instanceId, ...over };
}

export function aHistory(over: Partial<OverspillHistory> = {}): OverspillHistory {
  return {
    consecutiveTicksAbove: 0,
    consecutiveTicksBelow: 0,
    lastActionAt: null,
    movesInLastHour: [],
    ...over,
  };
}

export interface ScenarioOverrides {
  readonly policy?: Partial<OverspillPolicy>;
  readonly capacity?: Partial<SiteCapacity>;
  readonly workloads?: OverspillWorkload[];
  readonly bursts?: ActiveBurst[];
  readonly pendingMoves?: PendingMove[];
  readonly targetInventory?: TargetInstance[];
  readonly history?: Partial<OverspillHistory>;
}

/** The base site on its third tick at 0.93: the dwell (3) is reached and nothing is out. */
export function aScenario(over: ScenarioOverrides = {}): OverspillInput {
  return {
    policy: aPolicy(over.policy),
    capacity: aCapacity(over.capacity),
    workloads: over.workloads ?? baseWorkloads(),
    bursts: over.bursts ?? [],
    ...(over.pendingMoves === undefined ? {} : { pendingMoves: over.pendingMoves }),
    ...(over.targetInventory === undefined ? {} : { targetInventory: over.targetInventory }),
    history: aHistory({ consecutiveTicksAbove: 2, ...over.history }),
  };
}
