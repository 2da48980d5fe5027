import type { ActiveBurst, OverspillPolicy, PendingMove } from '../domain/overspill/overspill-types.js';
import type { OverspillBurstEntity } from './entities/overspill-burst.entity.js';
import type { OverspillPolicyEntity } from './entities/overspill-policy.entity.js';
import type { OpenBurst } from './overspill-burst.repository.js';

/** The stored policy as the decision function takes it. */
export function toDomainPolicy(p: OverspillPolicyEntity): OverspillPolicy {
  return {
    id: p.id,
    site: p.site,
    metric: p.metric,
    highWatermark: p.highWatermark,
    lowWatermark: p.lowWatermark,
    dwellTicks: p.dwellTicks,
    cooldownMinutes: p.cooldownMinutes,
    maxVcpuOut: p.maxVcpuOut,
    maxCostPerDay: p.maxCostPerDay,
    maxMovesPerHour: p.maxMovesPerHour,
    selector: { tags: p.selectorTags, minPriority: p.selectorMinPriority },
    mode: p.mode,
    leaseMinutes: p.leaseMinutes,
  };
}

const targetOf = (b: OverspillBurstEntity) => ({ provider: b.targetProvider, region: b.targetRegion });

/**
 * An ACTIVE burst as the decision function takes it. Recall order is the order workloads were
 * sent out (the decision, then the move within it), not the order their migrations happened to
 * finish in: parallel migrations finish in any order, and last-out-first-back must not depend on it.
 */
export function toActiveBurst(b: OverspillBurstEntity): ActiveBurst {
  return {
    workloadId: b.workloadId,
    vcpu: b.vcpu,
    memoryGib: b.memoryGib,
    burstedAt: b.decidedAt,
    sequence: b.moveIndex,
    leaseExpiresAt: b.leaseExpiresAt ?? b.decidedAt,
    target: targetOf(b),
    costPerDayUsd: b.costPerDayUsd,
  };
}

/** A BURSTING or RECALLING burst: a move in flight. */
export function toPendingMove(open: OpenBurst): PendingMove {
  const b = open.burst;
  return {
    kind: b.status === 'RECALLING' ? 'RECALL' : 'BURST',
    workloadId: b.workloadId,
    vcpu: b.vcpu,
    memoryGib: b.memoryGib,
    target: targetOf(b),
    since: b.status === 'RECALLING' ? (b.recallDecidedAt ?? b.decidedAt) : b.decidedAt,
    migrationState: open.migrationState ?? 'NOT_PLANNED',
  };
}
