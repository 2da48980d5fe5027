import { greatCircleKm } from '../geo/haversine.js';
import { estimateRtt, estimateRttMsFromKm } from '../geo/latency-estimate.js';
import { DEFAULT_PUE, WATTS_PER_VCPU, wattsPerGpu } from './carbon-coefficients.js';
import type { ComponentChoice } from './cost-model.js';
import type { LatencyBasis } from './placement-result-types.js';
import type {
  CandidateRegion,
  PlacementCandidates,
  RegionSla,
  SlaCreditTier,
  UserLocation,
} from './placement-types.js';

/** Criteria of one region or option: availability, SLA credit exposure, carbon, latency. */

export interface RegionAvailability {
  readonly pct: number | null;
  readonly basis: string;
}

function componentSla(
  sla: RegionSla,
  count: number,
): { pct: number; tiers: readonly SlaCreditTier[]; scope: string } {
  if (count >= 2 && sla.multiZonePct !== null) {
    return { pct: sla.multiZonePct, tiers: sla.multiZoneCreditTiers ?? sla.creditTiers, scope: 'multi-zone' };
  }
  return { pct: sla.singleInstancePct, tiers: sla.creditTiers, scope: 'single-instance' };
}

/**
 * One region: each component gets the SLA its instance count qualifies for (multi-zone with
 * ≥ 2 instances, single-instance otherwise) and the region is as available as its weakest
 * component. Not the product: SLA outages are region-wide events that take every component
 * down together, so multiplying would assume independent failures the SLA does not describe.
 */
export function regionAvailability(
  region: CandidateRegion,
  components: readonly { readonly count: number }[],
): RegionAvailability {
  if (!region.sla) return { pct: null, basis: `no SLA known for ${region.providerId}` };
  let worst: { pct: number; scope: string } | null = null;
  for (const { count } of components) {
    const s = componentSla(region.sla, count);
    if (worst === null || s.pct < worst.pct) worst = s;
  }
  return worst
    ? { pct: worst.pct, basis: `SLA ${worst.scope} ${worst.pct}%` }
    : { pct: null, basis: 'no components' };
}

/** N independent replicas: 1 − Π(1 − aᵢ), as fractions, returned in percent; null when one is unknown. */
export function compositeAvailabilityPct(pcts: readonly (number | null)[]): number | null {
  let down = 1;
  for (const pct of pcts) {
    if (pct === null) return null;
    down *= 1 - pct / 100;
  }
  return (1 - down) * 100;
}

/**
 * Expected SLA credit, percent of the monthly charge. Model: monthly downtime U (percent of
 * the month) is exponential with mean μ = 100 − SLA%, i.e. the provider just meets its
 * promise on average, so P(uptime < b) = exp(−(100 − b) / μ). Credits are not cumulative:
 * with tiers b₁ > b₂ > … the credit is cᵢ when bᵢ₊₁ ≤ uptime < bᵢ, so
 *   E[credit] = Σᵢ cᵢ × (P(uptime < bᵢ) − P(uptime < bᵢ₊₁)),  P(uptime < b_{k+1}) = 0.
 * It is an upper-end exposure (a provider that beats its SLA pays less), useful to compare
 * how much of the bill an SLA puts at stake, not a forecast of refunds.
 */
export function expectedCreditPct(slaPct: number, tiers: readonly SlaCreditTier[]): number {
  // Regions of a provider share one tier list: compute once per (tiers, SLA level).
  let byPct = creditCache.get(tiers);
  if (!byPct) creditCache.set(tiers, (byPct = new Map()));
  let pct = byPct.get(slaPct);
  if (pct === undefined) byPct.set(slaPct, (pct = computeExpectedCreditPct(slaPct, tiers)));
  return pct;
}

const creditCache = new WeakMap<readonly SlaCreditTier[], Map<number, number>>();

function computeExpectedCreditPct(slaPct: number, tiers: readonly SlaCreditTier[]): number {
  const mu = 100 - slaPct;
  if (mu <= 0 || tiers.length === 0) return 0;
  const sorted = [...tiers].sort((a, b) => b.belowPct - a.belowPct);
  const pBelow = (b: number) => Math.min(1, Math.exp(-(100 - b) / mu));
  let expected = 0;
  for (const [i, tier] of sorted.entries()) {
    const next = sorted[i + 1];
    expected += tier.creditPct * (pBelow(tier.belowPct) - (next ? pBelow(next.belowPct) : 0));
  }
  return expected;
}

/** Expected credit in USD for one region's compute choices (credits apply to the compute charge). */
export function regionCreditUsd(region: CandidateRegion, choices: readonly ComponentChoice[]): number | null {
  if (!region.sla) return null;
  let usd = 0;
  for (const choice of choices) {
    const s = componentSla(region.sla, choice.component.count);
    usd += (expectedCreditPct(s.pct, s.tiers) / 100) * choice.monthlyUsd;
  }
  return usd;
}

export interface RegionCarbon {
  readonly kgPerMonth: number | null;
  /** How the figure was made; a thunk because only reported options need the words. */
  readonly describe: () => string;
}

/**
 * kgCO2e/month = kWh/month × PUE × gCO2e/kWh / 1000, with kWh from the chosen instances'
 * vCPUs and GPUs (carbon-coefficients.ts) over the hours they run.
 */
export function regionCarbon(region: CandidateRegion, choices: readonly ComponentChoice[]): RegionCarbon {
  if (region.carbonGco2ePerKwh === null) {
    return {
      kgPerMonth: null,
      describe: () => `grid intensity unknown for ${region.regionCode}: carbon normalises as worst`,
    };
  }
  const notes: string[] = [];
  let wattHours = 0;
  for (const choice of choices) {
    let watts = choice.vcpu * WATTS_PER_VCPU;
    if (choice.gpuCount > 0) {
      const gpu = wattsPerGpu(choice.gpuModel);
      if (!gpu.known) notes.push(`GPU ${choice.gpuModel ?? '?'} not in CCF table: mean GPU watts used`);
      watts += choice.gpuCount * gpu.watts;
    }
    wattHours += watts * choice.component.count * choice.component.hoursPerMonth;
  }
  const pue = region.pue ?? DEFAULT_PUE;
  if (region.pue === null) notes.push(`PUE unknown: ${DEFAULT_PUE} assumed`);
  const kg = ((wattHours / 1000) * pue * region.carbonGco2ePerKwh) / 1000;
  const intensity = region.carbonGco2ePerKwh;
  return {
    kgPerMonth: kg,
    describe: () =>
      [`${(wattHours / 1000).toFixed(1)} kWh × PUE ${pue} × ${intensity} g/kWh`, ...notes].join('; '),
  };
}

/** Each user's RTT to one region, and whether any of them was measured. */
export interface UserRtts {
  readonly rttMs: readonly number[];
  readonly measured: readonly number[];
}

export function userRtts(
  users: readonly UserLocation[],
  region: CandidateRegion,
  candidates: PlacementCandidates,
): UserRtts {
  const rttMs: number[] = [];
  const measured: number[] = [];
  for (const user of users) {
    const m = candidates.userLatency?.(user, region) ?? null;
    rttMs.push(m ? m.rttMs : estimateRttMsFromKm(greatCircleKm(user, region)));
    measured.push(m ? 1 : 0);
  }
  return { rttMs, measured };
}

export interface UsersLatency {
  readonly meanMs: number | null;
  readonly maxUserMs: number | null;
  readonly basis: LatencyBasis;
}

/** Weighted mean (and worst) over users of the RTT to the nearest of the option's regions. */
export function usersLatency(users: readonly UserLocation[], perRegion: readonly UserRtts[]): UsersLatency {
  if (users.length === 0) return { meanMs: null, maxUserMs: null, basis: 'NONE' };
  let weighted = 0;
  let totalWeight = 0;
  let worst = 0;
  let measured = 0;
  for (let u = 0; u < users.length; u++) {
    let best = Number.POSITIVE_INFINITY;
    let bestMeasured = 0;
    for (const r of perRegion) {
      if (r.rttMs[u] < best) {
        best = r.rttMs[u]!;
        bestMeasured = r.measured[u]!;
      }
    }
    weighted += best * users[u].weight;
    totalWeight += users[u].weight;
    worst = Math.max(worst, best);
    measured += bestMeasured;
  }
  const basis: LatencyBasis = measured === 0 ? 'ESTIMATED' : measured === users.length ? 'MEASURED' : 'MIXED';
  return { meanMs: weighted / totalWeight, maxUserMs: worst, basis };
}

/** Largest RTT between two of the option's regions: measured where the service has it, else estimated. */
export function replicaRtt(
  regions: readonly CandidateRegion[],
  candidates: PlacementCandidates,
): { ms: number | null; basis: LatencyBasis } {
  if (regions.length < 2) return { ms: null, basis: 'NONE' };
  let worst = 0;
  let measured = 0;
  let pairs = 0;
  for (let i = 0; i < regions.length; i++) {
    for (let j = i + 1; j < regions.length; j++) {
      const m = candidates.regionLatency?.(regions[i], regions[j]) ?? null;
      worst = Math.max(worst, m ? m.rttMs : estimateRtt(regions[i], regions[j]).rttMs);
      measured += m ? 1 : 0;
      pairs++;
    }
  }
  return { ms: worst, basis: measured === 0 ? 'ESTIMATED' : measured === pairs ? 'MEASURED' : 'MIXED' };
}
