import { money } from '../money.js';
import { exactTotalUsd } from './cost-breakdown.js';
import { priceRegion, type RegionCost } from './cost-model.js';
import {
  availabilityReason,
  budgetReason,
  latencyReason,
  regionReasons,
  unfitReason,
} from './constraints.js';
import {
  compositeAvailabilityPct,
  regionAvailability,
  regionCarbon,
  regionCreditUsd,
  userRtts,
  usersLatency,
  type RegionAvailability,
  type RegionCarbon,
  type UserRtts,
  type UsersLatency,
} from './criteria.js';
import type { CandidateRegion, PlacementCandidates } from './placement-types.js';
import type { ResolvedWorkload } from './workload-input.js';

/** Everything known about one candidate region for this workload, computed once. */
export interface RegionEval {
  readonly region: CandidateRegion;
  readonly cost: RegionCost;
  /** Provider, place, law and fit reasons: the region cannot host the workload at all. */
  readonly regionReasons: readonly string[];
  readonly availability: RegionAvailability;
  readonly creditUsd: number | null;
  readonly carbon: RegionCarbon;
  readonly rtts: UserRtts;
}

export function evaluateRegion(
  region: CandidateRegion,
  workload: ResolvedWorkload,
  candidates: PlacementCandidates,
): RegionEval {
  const cost = priceRegion(region, workload, candidates.offers);
  const reasons = regionReasons(region, workload.constraints);
  for (const c of cost.unfit) reasons.push(unfitReason(c, workload.purchaseOptions));
  return {
    region,
    cost,
    regionReasons: reasons,
    availability: regionAvailability(region, workload.components),
    creditUsd: regionCreditUsd(region, cost.choices),
    carbon: regionCarbon(region, cost.choices),
    rtts: userRtts(workload.users, region, candidates),
  };
}

/** A scored-to-be option: one region, or N regions of one provider. */
export interface OptionDraft {
  readonly providerId: string;
  readonly regions: readonly RegionEval[];
  /** Region codes joined by "+", the last tie-break. */
  readonly key: string;
  readonly monthlyUsd: number;
  readonly availabilityPct: number | null;
  readonly availabilityBasis: string;
  readonly latency: UsersLatency;
  readonly carbonKg: number | null;
  readonly describeCarbon: () => string;
  /** Every constraint it fails; empty = feasible. */
  readonly reasons: readonly string[];
}

/** Relative distance under which a double total is re-checked against the budget in exact decimals. */
const BUDGET_RECHECK_RELATIVE = 1e-9;

function overBudget(evals: readonly RegionEval[], monthlyUsd: number, budget: number): boolean {
  if (Math.abs(monthlyUsd - budget) > BUDGET_RECHECK_RELATIVE * Math.max(1, budget))
    return monthlyUsd > budget;
  return exactTotalUsd(evals.map((e) => e.cost)).greaterThan(money(budget));
}

export function draftOption(evals: readonly RegionEval[], workload: ResolvedWorkload): OptionDraft {
  const single = evals.length === 1;
  const reasons: string[] = [];
  for (const e of evals)
    reasons.push(...e.regionReasons.map((r) => (single ? r : `${e.region.regionCode}: ${r}`)));

  let monthlyUsd = 0;
  let carbonKg: number | null = 0;
  for (const e of evals) {
    monthlyUsd += e.cost.monthlyUsd;
    carbonKg = carbonKg === null || e.carbon.kgPerMonth === null ? null : carbonKg + e.carbon.kgPerMonth;
  }
  const availabilityPct = single
    ? evals[0].availability.pct
    : compositeAvailabilityPct(evals.map((e) => e.availability.pct));
  const availabilityBasis = single
    ? evals[0].availability.basis
    : `1 − Π(1 − aᵢ) over ${evals.length} regions (${evals.map((e) => `${e.region.regionCode}: ${e.availability.basis}`).join('; ')})`;
  const latency = usersLatency(
    workload.users,
    evals.map((e) => e.rtts),
  );

  const unfit = evals.some((e) => e.cost.unfit.length > 0);
  const c = workload.constraints;
  const optionReasons = [
    availabilityReason(availabilityPct, c),
    latencyReason(latency.maxUserMs, c),
    unfit || c.maxMonthlyBudget === undefined
      ? null
      : budgetReason(monthlyUsd, overBudget(evals, monthlyUsd, c.maxMonthlyBudget), c),
  ];
  for (const r of optionReasons) if (r !== null) reasons.push(r);

  return {
    providerId: evals[0].region.providerId,
    regions: evals,
    key: evals.map((e) => e.region.regionCode).join('+'),
    monthlyUsd,
    availabilityPct,
    availabilityBasis,
    latency,
    carbonKg,
    describeCarbon: () =>
      evals
        .map((e) => (single ? e.carbon.describe() : `${e.region.regionCode}: ${e.carbon.describe()}`))
        .join(' | '),
    reasons,
  };
}
