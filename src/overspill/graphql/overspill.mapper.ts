import type { OverspillDecision as DomainDecision } from '../../domain/overspill/overspill-types.js';
import type { OverspillDecisionEntity } from '../entities/overspill-decision.entity.js';
import type { OverspillPolicyEntity } from '../entities/overspill-policy.entity.js';
import type { MoveOutcome } from '../overspill-enforcer.service.js';
import type { OpenBurst } from '../overspill-burst.repository.js';
import type { SiteStatus } from '../overspill-status.service.js';
import type { SiteLoad } from '../site-load.service.js';
import type { SiteCapacity } from '../../domain/overspill/overspill-types.js';
import type { OverspillPolicyInput } from './overspill.inputs.js';
import type { PolicySpec } from '../overspill-policy.service.js';
import { toConstraints } from '../../workloads/workload.mapper.js';
import type {
  OverspillBurst,
  OverspillDecision,
  OverspillLeak,
  OverspillMove,
  OverspillPolicy,
  OverspillSiteCapacity,
  OverspillSiteStatus,
  SimulatedSiteLoad,
} from './overspill.types.js';
import type {
  OverspillActionEnum,
  OverspillBurstStatusEnum,
  OverspillMetricEnum,
  OverspillModeEnum,
  OverspillTickTriggerEnum,
} from './overspill-enums.graphql.js';

/** GraphQL input → the service's spec (plain data). */
export function toPolicySpec(input: OverspillPolicyInput): PolicySpec {
  return {
    site: input.site,
    schedule: input.schedule,
    metric: input.metric,
    highWatermark: input.highWatermark,
    lowWatermark: input.lowWatermark,
    dwellTicks: input.dwellTicks,
    cooldownMinutes: input.cooldownMinutes,
    maxVcpuOut: input.maxVcpuOut,
    maxCostPerDay: input.maxCostPerDay,
    maxMovesPerHour: input.maxMovesPerHour,
    selector: { tags: input.selector?.tags ?? [], minPriority: input.selector?.minPriority ?? 0 },
    targetConstraints: input.targetConstraints
      ? (JSON.parse(JSON.stringify(input.targetConstraints)) as PolicySpec['targetConstraints'])
      : null,
    mode: input.mode,
    leaseMinutes: input.leaseMinutes,
  };
}

export function toPolicy(p: OverspillPolicyEntity): OverspillPolicy {
  return {
    id: p.id,
    site: p.site,
    schedule: p.schedule,
    metric: p.metric as OverspillMetricEnum,
    highWatermark: p.highWatermark,
    lowWatermark: p.lowWatermark,
    dwellTicks: p.dwellTicks,
    cooldownMinutes: p.cooldownMinutes,
    maxVcpuOut: p.maxVcpuOut,
    maxCostPerDay: p.maxCostPerDay,
    maxMovesPerHour: p.maxMovesPerHour,
    selector: { tags: p.selectorTags, minPriority: p.selectorMinPriority },
    targetConstraints: toConstraints(p.targetConstraints),
    mode: p.mode as OverspillModeEnum,
    leaseMinutes: p.leaseMinutes,
    createdBy: p.createdBy,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

/** The decision as stored: JSON dates are strings; the mapper turns them back into Dates. */
type StoredDecision = Partial<
  Pick<DomainDecision, 'dryRun' | 'moves' | 'leaks' | 'expiredLeases' | 'missingBursts' | 'leaseRenewals'>
>;

const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

export function toDecision(d: OverspillDecisionEntity): OverspillDecision {
  const stored = (d.decision ?? {}) as StoredDecision;
  const outcome = (d.outcome ?? {}) as { moves?: MoveOutcome[]; dryRun?: boolean };
  const names = ((d.inputs ?? {}) as { movedNames?: Record<string, string> }).movedNames ?? {};
  const moves: OverspillMove[] = (stored.moves ?? []).map((m) => {
    const done = outcome.moves?.find((o) => o.workloadId === m.workloadId && o.kind === m.kind);
    return {
      kind: m.kind as OverspillActionEnum,
      workloadId: m.workloadId,
      workloadName: names[m.workloadId] ?? null,
      vcpu: m.vcpu,
      memoryGib: m.memoryGib,
      target: { ...m.target },
      costPerDayUsd: m.costPerDayUsd,
      leaseExpiresAt: date(m.leaseExpiresAt),
      migrationId: done?.migrationId ?? null,
      status: d.mode === 'DRY_RUN' ? 'DRY_RUN' : (done?.status ?? 'PENDING'),
      error: done?.error ?? null,
    };
  });
  return {
    id: d.id,
    policyId: d.policyId,
    site: d.site,
    tickAt: d.tickAt,
    trigger: d.trigger as OverspillTickTriggerEnum,
    status: d.status,
    claimedBy: d.claimedBy,
    decidedAt: d.decidedAt,
    mode: d.mode as OverspillModeEnum,
    dryRun: d.mode === 'DRY_RUN',
    action: d.action as OverspillActionEnum | null,
    workloads: d.workloads,
    moves,
    reasons: d.reasons,
    utilisation: d.utilisation,
    projectedUtilisation: d.projectedUtilisation,
    projectedVcpuOut: d.projectedVcpuOut,
    projectedCostPerDayUsd: d.projectedCostPerDayUsd,
    leaseRenewals: stored.leaseRenewals?.length ?? 0,
    leaks: (stored.leaks ?? []).map(toLeak),
    expiredLeases: (stored.expiredLeases ?? []).map((e) => ({
      workloadId: e.workloadId,
      target: { ...e.target },
      leaseExpiresAt: date(e.leaseExpiresAt),
      reason: e.reason,
    })),
    missingBursts: (stored.missingBursts ?? []).map((m) => ({
      workloadId: m.workloadId,
      target: { ...m.target },
      leaseExpiresAt: null,
      reason: m.reason,
    })),
    inputs: d.inputs,
    outcome: d.outcome,
    error: d.error,
  };
}

function toLeak(l: NonNullable<StoredDecision['leaks']>[number]): OverspillLeak {
  return {
    provider: l.provider,
    region: l.region,
    instanceId: l.instanceId,
    workloadId: l.workloadId,
    reason: l.reason,
  };
}

export function toBurst(o: OpenBurst): OverspillBurst {
  const b = o.burst;
  return {
    id: b.id,
    workloadId: b.workloadId,
    workloadName: o.workloadName,
    status: b.status as OverspillBurstStatusEnum,
    target: { provider: b.targetProvider, region: b.targetRegion },
    vcpu: b.vcpu,
    memoryGib: b.memoryGib,
    costPerDayUsd: b.costPerDayUsd,
    burstMigrationId: b.burstMigrationId,
    recallMigrationId: b.recallMigrationId,
    migrationState: o.migrationState,
    decidedAt: b.decidedAt,
    burstedAt: b.burstedAt,
    leaseExpiresAt: b.leaseExpiresAt,
    note: b.note,
  };
}

export function toCapacity(c: SiteCapacity): OverspillSiteCapacity {
  return {
    totalVcpu: c.totalVcpu,
    usedVcpu: c.usedVcpu,
    totalMemoryGib: c.totalMemoryGib,
    usedMemoryGib: c.usedMemoryGib,
    vcpuUtilization: c.totalVcpu > 0 ? c.usedVcpu / c.totalVcpu : 0,
    memoryUtilization: c.totalMemoryGib > 0 ? c.usedMemoryGib / c.totalMemoryGib : 0,
    observedAt: c.observedAt,
  };
}

export function toSiteStatus(s: SiteStatus): OverspillSiteStatus {
  const capacity = toCapacity(s.capacity);
  const last = s.lastDecision ? toDecision(s.lastDecision) : null;
  return {
    site: s.site,
    capacity,
    utilisation: s.policy?.metric === 'MEMORY' ? capacity.memoryUtilization : capacity.vcpuUtilization,
    policy: s.policy ? toPolicy(s.policy) : null,
    activeBursts: s.bursts.filter((o) => o.burst.status === 'ACTIVE').map(toBurst),
    pendingMoves: s.bursts.filter((o) => o.burst.status !== 'ACTIVE').map(toBurst),
    vcpuOut: s.vcpuOut,
    costPerDayUsd: s.costPerDayUsd,
    lastDecision: last,
    leaks: last?.leaks ?? [],
  };
}

export function toSiteLoad(l: SiteLoad): SimulatedSiteLoad {
  return { site: l.site, capacity: toCapacity(l.capacity), backgroundUtilization: l.backgroundUtilization };
}
