import type { Decimal } from 'decimal.js';
import { toNumericString } from '../money.js';
import { advanceCounters, bandOf, cooldownReason, formatDwell, movesInWindow } from './overspill-history.js';
import {
  compareIds,
  formatMinutes,
  formatNames,
  formatRatio,
  MINUTE_MS,
  metricTotal,
  metricUsed,
  sumUsd,
} from './overspill-metrics.js';
import {
  DEFAULT_LEASE_MINUTES,
  DEFAULT_MAX_OBSERVATION_AGE_MINUTES,
  type OverspillAction,
  type OverspillDecision,
  type OverspillInput,
  type OverspillMove,
  type PendingMove,
} from './overspill-types.js';
import { reconcileInventory, leaseFindings } from './reconcile-bursts.js';
import { burstTarget, eligibleCandidates, orderCandidates, selectBursts } from './select-burst-candidates.js';
import { recallOrder, selectRecalls } from './select-recalls.js';
import { validateOverspillInput } from './validate-overspill-input.js';

interface Verdict {
  readonly action: OverspillAction;
  readonly moves: OverspillMove[];
  readonly reasons: string[];
  readonly projectedUsed: number;
  readonly vcpuOut: number;
  readonly costPerDay: Decimal;
  /** Dwell counters to persist; null keeps the previous ones (a tick that was not observed). */
  readonly counters: { above: number; below: number } | null;
}

interface TickFacts {
  readonly input: OverspillInput;
  readonly now: Date;
  readonly used: number;
  readonly total: number;
  readonly utilisation: number;
  readonly vcpuOut: number;
  readonly costPerDay: Decimal;
  readonly movesInWindow: number;
  readonly leaseMinutes: number;
}

/**
 * One overspill tick for one site: BURST the least important burstable work out of a full site,
 * RECALL it when the site has room again, or HOLD — with the reasons either way.
 *
 * Hysteresis: burst only at/above highWatermark, recall only at/below lowWatermark. Dwell: act
 * only after dwellTicks consecutive ticks beyond the watermark; a tick inside the band resets the
 * counters, and so does acting (the next move needs a fresh dwell). Cooldown: no move of either
 * kind within cooldownMinutes of the last. Caps (vCPU out, cost per day of all bursts, moved
 * workloads per sliding hour) are never exceeded. Bursts aim below (high + low) / 2; see
 * select-burst-candidates.ts for order and selection, select-recalls.ts for recall,
 * reconcile-bursts.ts for leases and leaks. A burst that cannot bring the site below the high
 * watermark is not made: it would disrupt workloads without ending the overload.
 *
 * Capacity observed more than maxObservationAgeMinutes before `now` is not acted on and does not
 * count as a tick; neither is a tick while earlier moves are still in flight (pendingMoves): the
 * site's utilisation does not show them yet, so acting on it would move too much or twice. DRY_RUN returns the very decision ENFORCE would, flagged `dryRun`; the caller
 * must not act on it. Its nextHistory records the would-be move, so a dry-run log shows the cadence
 * the policy would have: keep it apart from the ENFORCE history (start fresh when switching). Pure: same input and `now` → same decision; ties are broken by id.
 * Throws OverspillInputError on an invalid policy or input.
 */
export function decideOverspill(input: OverspillInput, now: Date): OverspillDecision {
  validateOverspillInput(input);
  const { policy, capacity, bursts, history } = input;
  const total = metricTotal(policy.metric, capacity);
  const used = metricUsed(policy.metric, capacity);
  const window = movesInWindow(history.movesInLastHour, now);
  const facts: TickFacts = {
    input,
    now,
    used,
    total,
    utilisation: total > 0 ? used / total : 0,
    vcpuOut: bursts.reduce((sum, b) => sum + b.vcpu, 0),
    costPerDay: sumUsd(
      bursts.map((b) => b.costPerDayUsd),
      'burst costPerDayUsd',
    ),
    movesInWindow: window.length,
    leaseMinutes: policy.leaseMinutes ?? DEFAULT_LEASE_MINUTES,
  };
  const verdict = decideMove(facts);

  const inventory =
    input.targetInventory === undefined
      ? { leaks: [], missing: [] }
      : reconcileInventory(bursts, input.targetInventory);
  const recalledIds = new Set(verdict.moves.filter((m) => m.kind === 'RECALL').map((m) => m.workloadId));
  const missingIds = new Set(inventory.missing.map((m) => m.workloadId));
  const leases = leaseFindings(bursts, recalledIds, missingIds, facts.leaseMinutes, now);

  const acted = verdict.moves.length > 0;
  const counters = verdict.counters ?? {
    above: history.consecutiveTicksAbove,
    below: history.consecutiveTicksBelow,
  };
  const reasons = [...verdict.reasons];
  if (inventory.leaks.length > 0)
    reasons.push(
      `reconcile: ${inventory.leaks.length} instance(s) in the target inventory match no burst (leaks)`,
    );
  if (inventory.missing.length > 0)
    reasons.push(`reconcile: ${inventory.missing.length} burst(s) have no instance in the target inventory`);
  if (leases.expired.length > 0) reasons.push(`leases: ${leases.expired.length} expired before this tick`);
  if (policy.mode === 'DRY_RUN') reasons.push('dry run: the decision is logged, nothing is moved');

  return {
    policyId: policy.id,
    site: policy.site,
    decidedAt: now,
    mode: policy.mode,
    dryRun: policy.mode === 'DRY_RUN',
    action: verdict.action,
    workloads: verdict.moves.map((m) => m.workloadId),
    moves: verdict.moves,
    reasons,
    utilisation: facts.utilisation,
    projectedUtilisation: total > 0 ? verdict.projectedUsed / total : 0,
    projectedVcpuOut: verdict.vcpuOut,
    projectedCostPerDayUsd: toNumericString(verdict.costPerDay),
    nextHistory: {
      consecutiveTicksAbove: acted ? 0 : counters.above,
      consecutiveTicksBelow: acted ? 0 : counters.below,
      lastActionAt: acted ? now : history.lastActionAt,
      movesInLastHour: acted ? [...window, ...verdict.moves.map(() => now)] : window,
    },
    leaseRenewals: leases.renewals,
    leaks: inventory.leaks,
    expiredLeases: leases.expired,
    missingBursts: inventory.missing,
  };
}

function decideMove(f: TickFacts): Verdict {
  const { policy, capacity } = f.input;
  const hold = (reasons: string[], counters: Verdict['counters']): Verdict => ({
    action: 'HOLD',
    moves: [],
    reasons,
    projectedUsed: f.used,
    vcpuOut: f.vcpuOut,
    costPerDay: f.costPerDay,
    counters,
  });
  const ageMs = f.now.getTime() - capacity.observedAt.getTime();
  const maxAgeMinutes = policy.maxObservationAgeMinutes ?? DEFAULT_MAX_OBSERVATION_AGE_MINUTES;
  if (ageMs > maxAgeMinutes * MINUTE_MS) {
    return hold(
      [
        `capacity of ${capacity.site} observed ${formatMinutes(ageMs)} ago > ${maxAgeMinutes} min: stale, tick not counted`,
      ],
      null,
    );
  }
  if (f.total <= 0)
    return hold([`site ${capacity.site} reports no ${policy.metric} capacity: tick not counted`], null);
  const pending = f.input.pendingMoves ?? [];
  if (pending.length > 0) return hold([inFlightReason(f.utilisation, pending)], null);

  const band = bandOf(f.utilisation, policy.lowWatermark, policy.highWatermark);
  const counters = advanceCounters(f.input.history, band);
  const u = formatRatio(f.utilisation);
  if (band === 'INSIDE') {
    return hold(
      [`utilisation ${u} inside the band (low ${policy.lowWatermark}, high ${policy.highWatermark})`],
      counters,
    );
  }
  const head =
    band === 'ABOVE'
      ? `utilisation ${u} ≥ high watermark ${policy.highWatermark} for ${formatDwell(counters.above, policy.dwellTicks)}`
      : `utilisation ${u} ≤ low watermark ${policy.lowWatermark} for ${formatDwell(counters.below, policy.dwellTicks)}`;
  if (band === 'BELOW' && f.input.bursts.length === 0) return hold([`${head}: nothing is bursted`], counters);
  if ((band === 'ABOVE' ? counters.above : counters.below) < policy.dwellTicks)
    return hold([`${head}: dwell not reached`], counters);
  const cooldown = cooldownReason(f.input.history.lastActionAt, policy.cooldownMinutes, f.now);
  if (cooldown !== null) return hold([head, cooldown], counters);
  return band === 'ABOVE' ? burst(f, head, counters, hold) : recall(f, head, counters, hold);
}

type Hold = (reasons: string[], counters: Verdict['counters']) => Verdict;

function inFlightReason(utilisation: number, pending: readonly PendingMove[]): string {
  const moves = [...pending]
    .sort((a, b) => a.since.getTime() - b.since.getTime() || compareIds(a.workloadId, b.workloadId))
    .map((p) => `${p.kind} ${p.workloadId} (${p.migrationState})`);
  return `utilisation ${formatRatio(utilisation)}; ${pending.length} move(s) in flight: ${formatNames(moves)}: holding until they finish, tick not counted`;
}

function burst(f: TickFacts, head: string, counters: Verdict['counters'], hold: Hold): Verdict {
  const { policy, workloads, bursts } = f.input;
  const eligible = eligibleCandidates(workloads, policy, new Set(bursts.map((b) => b.workloadId)));
  const reasons = [head, ...eligible.reasons];
  if (eligible.candidates.length === 0) return hold([...reasons, 'nothing to burst: holding'], counters);
  const selection = selectBursts(orderCandidates(eligible.candidates), {
    policy,
    used: f.used,
    total: f.total,
    vcpuOut: f.vcpuOut,
    costPerDay: f.costPerDay,
    movesInWindow: f.movesInWindow,
  });
  reasons.push(...selection.reasons);
  if (selection.selected.length === 0) return hold([...reasons, 'no candidate fits: holding'], counters);
  const projected = selection.used / f.total;
  const names = formatNames(selection.selected.map((c) => c.workload.name));
  if (projected >= policy.highWatermark) {
    return hold(
      [
        ...reasons,
        `bursting ${names} would leave utilisation at ${formatRatio(projected)} ≥ high ${policy.highWatermark}: not worth the disruption, holding`,
      ],
      counters,
    );
  }
  const target = burstTarget(policy);
  reasons.push(
    projected < target
      ? `projected utilisation ${formatRatio(projected)} < target ${formatRatio(target)} (middle of the band)`
      : `projected utilisation ${formatRatio(projected)}: target ${formatRatio(target)} not reached, but below high ${policy.highWatermark}`,
  );
  const leaseExpiresAt = new Date(f.now.getTime() + f.leaseMinutes * MINUTE_MS);
  const moves = selection.selected.map((c): OverspillMove => ({
    kind: 'BURST',
    workloadId: c.workload.id,
    vcpu: c.workload.vcpu,
    memoryGib: c.workload.memoryGib,
    target: { provider: c.placement.provider, region: c.placement.region },
    costPerDayUsd: c.placement.costPerDayUsd,
    leaseExpiresAt,
  }));
  return {
    action: 'BURST',
    moves,
    reasons,
    projectedUsed: selection.used,
    vcpuOut: selection.vcpuOut,
    costPerDay: selection.costPerDay,
    counters,
  };
}

function recall(f: TickFacts, head: string, counters: Verdict['counters'], hold: Hold): Verdict {
  const { policy, capacity, bursts } = f.input;
  const selection = selectRecalls(recallOrder(bursts), { policy, capacity, movesInWindow: f.movesInWindow });
  const reasons = [head, ...selection.reasons];
  if (selection.selected.length === 0) return hold(reasons, counters);
  const back = selection.selected;
  const moves = back.map((b): OverspillMove => ({
    kind: 'RECALL',
    workloadId: b.workloadId,
    vcpu: b.vcpu,
    memoryGib: b.memoryGib,
    target: b.target,
    costPerDayUsd: b.costPerDayUsd,
    leaseExpiresAt: null,
  }));
  return {
    action: 'RECALL',
    moves,
    reasons,
    projectedUsed: policy.metric === 'VCPU' ? selection.usedVcpu : selection.usedMemoryGib,
    vcpuOut: f.vcpuOut - back.reduce((sum, b) => sum + b.vcpu, 0),
    costPerDay: f.costPerDay.sub(
      sumUsd(
        back.map((b) => b.costPerDayUsd),
        'burst costPerDayUsd',
      ),
    ),
    counters,
  };
}
