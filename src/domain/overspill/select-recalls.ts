import {
  compareIds,
  formatAmount,
  formatNames,
  formatRatio,
  formatUsd,
  metricAmount,
  metricUnit,
  usd,
} from './overspill-metrics.js';
import type { ActiveBurst, OverspillPolicy, SiteCapacity } from './overspill-types.js';
import { burstTarget } from './select-burst-candidates.js';

/** Last out, first back: latest burstedAt first, then the later move of one decision, then workload id. */
export function recallOrder(bursts: readonly ActiveBurst[]): ActiveBurst[] {
  return [...bursts].sort(
    (a, b) =>
      b.burstedAt.getTime() - a.burstedAt.getTime() ||
      (b.sequence ?? 0) - (a.sequence ?? 0) ||
      compareIds(a.workloadId, b.workloadId),
  );
}

export interface RecallBudget {
  readonly policy: OverspillPolicy;
  readonly capacity: SiteCapacity;
  /** Moves already made in the sliding hour. */
  readonly movesInWindow: number;
}

export interface RecallSelection {
  readonly selected: ActiveBurst[];
  /** Site usage once the selected bursts are back. */
  readonly usedVcpu: number;
  readonly usedMemoryGib: number;
  readonly reasons: string[];
}

/**
 * Recalls in strict reverse burst order while the site stays at or below the middle of the band,
 * the level a burst aims for (recalling up to just under the high watermark would let small noise
 * re-cross it and burst again: a flap), and fits physically on the other dimension.
 * The first burst that does not fit stops the recall: skipping to an older, smaller one would
 * break last-out-first-back and leave the newest bursts out longest.
 */
export function selectRecalls(ordered: readonly ActiveBurst[], budget: RecallBudget): RecallSelection {
  const { policy, capacity } = budget;
  const total = policy.metric === 'VCPU' ? capacity.totalVcpu : capacity.totalMemoryGib;
  const unit = metricUnit(policy.metric);
  const target = burstTarget(policy);
  const selected: ActiveBurst[] = [];
  const reasons: string[] = [];
  let usedVcpu = capacity.usedVcpu;
  let usedMemoryGib = capacity.usedMemoryGib;
  const only = () =>
    selected.length > 0 ? `recalling only ${formatNames(selected.map((b) => b.workloadId))}` : 'holding';
  for (const b of ordered) {
    if (budget.movesInWindow + selected.length >= policy.maxMovesPerHour) {
      reasons.push(
        `cap maxMovesPerHour ${policy.maxMovesPerHour}: ${budget.movesInWindow + selected.length} moves in the last hour: ${only()}`,
      );
      break;
    }
    const vcpu = usedVcpu + b.vcpu;
    const memoryGib = usedMemoryGib + b.memoryGib;
    const after = (policy.metric === 'VCPU' ? vcpu : memoryGib) / total;
    if (after > target) {
      reasons.push(
        `recalling ${b.workloadId} (${formatAmount(metricAmount(policy.metric, b))} ${unit}) would push utilisation to ${formatRatio(after)} > ${formatRatio(target)} (mid-band): ${only()}`,
      );
      break;
    }
    if (vcpu > capacity.totalVcpu || memoryGib > capacity.totalMemoryGib) {
      reasons.push(
        `recalling ${b.workloadId} needs ${formatAmount(b.vcpu)} vCPU and ${formatAmount(b.memoryGib)} GiB the site does not have: ${only()}`,
      );
      break;
    }
    selected.push(b);
    usedVcpu = vcpu;
    usedMemoryGib = memoryGib;
    const saving = formatUsd(usd(b.costPerDayUsd, `burst of ${b.workloadId} costPerDayUsd`));
    reasons.push(
      `recalling ${b.workloadId} (${formatAmount(metricAmount(policy.metric, b))} ${unit}) from ${b.target.provider}/${b.target.region}, saving ${saving}/day`,
    );
  }
  return { selected, usedVcpu, usedMemoryGib, reasons };
}
