import type { Decimal } from 'decimal.js';
import { money } from '../money.js';
import {
  compareIds,
  formatAmount,
  formatRatio,
  formatUsd,
  metricAmount,
  metricUnit,
  usd,
} from './overspill-metrics.js';
import type { ExternalPlacement, OverspillPolicy, OverspillWorkload } from './overspill-types.js';

/** A workload that may burst, with what moving it frees on the site and costs outside. */
export interface BurstCandidate {
  readonly workload: OverspillWorkload;
  readonly placement: ExternalPlacement;
  /** Amount of the policy metric freed on the site. */
  readonly relief: number;
  readonly costPerDay: Decimal;
}

/** Per-workload reasons are listed up to this many, then counted, so a decision stays readable. */
const MAX_LISTED = 10;

function listed(lines: string[]): string[] {
  if (lines.length <= MAX_LISTED) return lines;
  return [...lines.slice(0, MAX_LISTED), `… and ${lines.length - MAX_LISTED} more like these`];
}

/**
 * Candidates: burstable, carrying every selector tag, priority ≥ minPriority, not already out,
 * with an external placement, freeing something on the policy metric, and — "a move must save
 * more than it disrupts" — a one-off migration cost within policy.maxMigrationCostUsd.
 */
export function eligibleCandidates(
  workloads: readonly OverspillWorkload[],
  policy: OverspillPolicy,
  burstedIds: ReadonlySet<string>,
): { candidates: BurstCandidate[]; reasons: string[] } {
  const { tags, minPriority } = policy.selector;
  const limit =
    policy.maxMigrationCostUsd === undefined ? null : usd(policy.maxMigrationCostUsd, 'maxMigrationCostUsd');
  const counts = { notBurstable: 0, missingTags: 0, lowPriority: 0, alreadyOut: 0 };
  const perWorkload: string[] = [];
  const candidates: BurstCandidate[] = [];
  const sorted = [...workloads].sort((a, b) => compareIds(a.id, b.id));
  for (const w of sorted) {
    if (!w.burstable) counts.notBurstable++;
    else if (!tags.every((t) => w.tags.includes(t))) counts.missingTags++;
    else if (w.priority < minPriority) counts.lowPriority++;
    else if (burstedIds.has(w.id)) counts.alreadyOut++;
    else if (w.externalPlacement === null) perWorkload.push(`no external placement for ${w.name}`);
    else if (metricAmount(policy.metric, w) <= 0)
      perWorkload.push(`${w.name} frees no ${metricUnit(policy.metric)} on the site: skipped`);
    else {
      const migration =
        w.migrationCostUsd === undefined
          ? null
          : usd(w.migrationCostUsd, `workload ${w.id} migrationCostUsd`);
      if (limit !== null && migration !== null && migration.gt(limit)) {
        perWorkload.push(
          `migration cost of ${w.name} ${formatUsd(migration)} > limit ${formatUsd(limit)}: skipped`,
        );
        continue;
      }
      const placement = w.externalPlacement;
      const costPerDay = usd(placement.costPerDayUsd, `workload ${w.id} costPerDayUsd`);
      candidates.push({ workload: w, placement, relief: metricAmount(policy.metric, w), costPerDay });
    }
  }
  const excluded = [
    counts.notBurstable && `${counts.notBurstable} not burstable`,
    counts.missingTags && `${counts.missingTags} missing tags [${tags.join(', ')}]`,
    counts.lowPriority && `${counts.lowPriority} priority < ${minPriority}`,
    counts.alreadyOut && `${counts.alreadyOut} already bursted`,
  ].filter((x): x is string => typeof x === 'string');
  const summary = `selector: ${candidates.length} of ${workloads.length} running workloads are candidates`;
  return {
    candidates,
    reasons: [excluded.length > 0 ? `${summary} (${excluded.join(', ')})` : summary, ...listed(perWorkload)],
  };
}

/**
 * Burst order: lowest priority first (the least important work leaves first), then the largest
 * relief per dollar (metric freed ÷ cost per day; a free placement comes first; near-ties are
 * settled by exact decimal cross-multiplication), then the larger relief, then id.
 */
export function orderCandidates(candidates: readonly BurstCandidate[]): BurstCandidate[] {
  const keyed = candidates.map((c) => ({
    c,
    approx: c.costPerDay.isZero() ? Infinity : c.relief / c.costPerDay.toNumber(),
  }));
  keyed.sort((x, y) => {
    const a = x.c;
    const b = y.c;
    if (a.workload.priority !== b.workload.priority) return a.workload.priority - b.workload.priority;
    // Doubles settle clearly different ratios fast; near-ties go to exact decimals so the order
    // never depends on float rounding.
    const gap = y.approx - x.approx;
    const clear = Number.isFinite(gap) && Math.abs(gap) > 1e-9 * Math.max(x.approx, y.approx);
    const perDollar =
      clear || (x.approx === Infinity) !== (y.approx === Infinity) ? Math.sign(gap) : exactPerDollar(a, b);
    if (perDollar !== 0) return perDollar;
    if (a.relief !== b.relief) return b.relief - a.relief;
    return compareIds(a.workload.id, b.workload.id);
  });
  return keyed.map((k) => k.c);
}

/** b before a (> 0) when b frees more per dollar: relief_b × cost_a vs relief_a × cost_b. */
function exactPerDollar(a: BurstCandidate, b: BurstCandidate): number {
  return money(b.relief).mul(a.costPerDay).cmp(money(a.relief).mul(b.costPerDay));
}

export interface BurstBudget {
  readonly policy: OverspillPolicy;
  readonly used: number;
  readonly total: number;
  readonly vcpuOut: number;
  readonly costPerDay: Decimal;
  /** Moves already made in the sliding hour. */
  readonly movesInWindow: number;
}

export interface BurstSelection {
  readonly selected: BurstCandidate[];
  readonly used: number;
  readonly vcpuOut: number;
  readonly costPerDay: Decimal;
  readonly reasons: string[];
}

/** Utilisation a burst aims just below: the middle of the band, so small noise does not re-trigger. */
export function burstTarget(policy: OverspillPolicy): number {
  return (policy.highWatermark + policy.lowWatermark) / 2;
}

/**
 * Takes candidates in order until utilisation is below the target. A candidate that would break the
 * vCPU or cost cap is skipped and the next (smaller or cheaper) one is tried; the moves cap stops
 * the selection. A candidate whose move alone would drop utilisation to or below the low watermark
 * is skipped too: the next ticks would recall it, which is the flapping this policy exists to avoid.
 */
export function selectBursts(ordered: readonly BurstCandidate[], budget: BurstBudget): BurstSelection {
  const { policy, total } = budget;
  const target = burstTarget(policy);
  const maxCost = usd(policy.maxCostPerDay, 'maxCostPerDay');
  const unit = metricUnit(policy.metric);
  const selected: BurstCandidate[] = [];
  const reasons: string[] = [];
  let { used, vcpuOut, costPerDay } = budget;
  for (const c of ordered) {
    if (used / total < target) break;
    const w = c.workload;
    if (budget.movesInWindow + selected.length >= policy.maxMovesPerHour) {
      reasons.push(
        `cap maxMovesPerHour ${policy.maxMovesPerHour}: ${budget.movesInWindow + selected.length} moves in the last hour, ${w.name} must wait`,
      );
      break;
    }
    const after = (used - c.relief) / total;
    if (after <= policy.lowWatermark) {
      reasons.push(
        `bursting ${w.name} (${formatAmount(c.relief)} ${unit}) would drop utilisation to ${formatRatio(after)} ≤ low ${policy.lowWatermark}: it would be recalled, skipped`,
      );
      continue;
    }
    if (vcpuOut + w.vcpu > policy.maxVcpuOut) {
      reasons.push(
        `cap maxVcpuOut ${policy.maxVcpuOut}: bursting ${w.name} (${formatAmount(w.vcpu)} vCPU) would make ${formatAmount(vcpuOut + w.vcpu)}`,
      );
      continue;
    }
    if (costPerDay.add(c.costPerDay).gt(maxCost)) {
      reasons.push(
        `cap maxCostPerDay ${formatUsd(maxCost)}: bursting ${w.name} (${formatUsd(c.costPerDay)}/day) would make ${formatUsd(costPerDay.add(c.costPerDay))}`,
      );
      continue;
    }
    selected.push(c);
    used -= c.relief;
    vcpuOut += w.vcpu;
    costPerDay = costPerDay.add(c.costPerDay);
    reasons.push(
      `bursting ${w.name} (${formatAmount(c.relief)} ${unit}) to ${c.placement.provider}/${c.placement.region} at ${formatUsd(c.costPerDay)}/day`,
    );
  }
  return { selected, used, vcpuOut, costPerDay, reasons };
}
