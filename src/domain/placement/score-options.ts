import { money } from '../money.js';
import { exactCostBreakdown, microUsd } from './cost-breakdown.js';
import { replicaRtt } from './criteria.js';
import { combinations, DEFAULT_SHORTLIST_PER_PROVIDER, shortlist } from './option-combinations.js';
import { draftOption, evaluateRegion, type OptionDraft, type RegionEval } from './option-drafts.js';
import { criterionRanges, paretoChecker, scoreKey, scoreOf, traceOf } from './normalise-scores.js';
import type { PlacementOption, PlacementResult, RejectedCandidate } from './placement-result-types.js';
import type {
  CandidateRegion,
  PlacementCandidates,
  ScoreOptionsSettings,
  Weights,
  Workload,
} from './placement-types.js';
import { explainProviders, type ScoredDraft } from './why-not.js';
import { resolveWorkload, type ResolvedWorkload } from './workload-input.js';

export const DEFAULT_TOP_K = 10;

/**
 * Where should this workload run, and why there?
 *
 * Prices the workload in every candidate region (cost-model.ts), applies the hard filters
 * (constraints.ts), normalises cost, latency, availability and carbon across the feasible
 * options and ranks them by the weighted sum (normalise-scores.ts; score in [0, 1], higher is
 * better). Ties are broken by cost, then provider id, then region codes, so the result never
 * depends on the order of `candidates`. With `workload.regionsCount` N > 1 an option is N
 * regions of one provider (option-combinations.ts).
 *
 * `weights` are used instead of `workload.weights` (the service passes one or the other);
 * `now` only stamps the result: nothing here reads the clock. Throws PlacementInputError on
 * invalid input.
 */
export function scoreOptions(
  candidates: PlacementCandidates,
  workload: Workload,
  weights: Weights,
  now: Date,
  settings: ScoreOptionsSettings = {},
): PlacementResult {
  const w = resolveWorkload(workload, weights);
  const topK = settings.topK ?? DEFAULT_TOP_K;
  const regions = uniqueSortedRegions(candidates.regions);
  const evals = regions.map((r) => evaluateRegion(r, w, candidates));
  const notes: string[] = [];
  const rejected: RejectedCandidate[] = [];

  const drafts =
    w.regionsCount === 1
      ? evals.map((e) => draftOption([e], w))
      : multiRegionDrafts(evals, w, settings, rejected, notes);
  const feasible = drafts.filter((d) => d.reasons.length === 0);
  for (const d of drafts) if (d.reasons.length > 0) rejected.push(toRejected(d));
  rejected.sort((a, b) =>
    a.providerId < b.providerId
      ? -1
      : a.providerId > b.providerId
        ? 1
        : a.regionCodes.join('+') < b.regionCodes.join('+')
          ? -1
          : 1,
  );

  const ranges = criterionRanges(feasible);
  const ranked: ScoredDraft[] = feasible.map((d) => {
    let trace: ReturnType<typeof traceOf> | undefined;
    return {
      draft: d,
      score: scoreOf(d, ranges, w.weightShares),
      trace: () => (trace ??= traceOf(d, ranges, w.weightShares)),
    };
  });
  ranked.sort(compareRanked);

  const pareto = paretoChecker(feasible);
  const toOption = (s: ScoredDraft, rank: number) => buildOption(s, rank, pareto, candidates);
  const options = ranked.slice(0, topK).map((s, i) => toOption(s, i + 1));
  const providers = uniqueProviders(regions);
  const whyNot = explainProviders(providers, ranked, topK, rejected, toOption);

  if (options.some((o) => o.cost.unknownPrices.length > 0))
    notes.push('some prices are unknown to the catalog and left out of totals: see cost.unknownPrices');
  if (w.users.length === 0) notes.push('no user locations: latency is not scored');
  if (options.some((o) => o.latency.basis === 'ESTIMATED' || o.latency.basis === 'MIXED')) {
    notes.push(
      'user latency estimated from great-circle distance where not measured (RTT ≈ 2 × km / 200 × 1.5 + 2 ms)',
    );
  }
  return {
    workload: w.name,
    evaluatedAt: now.toISOString(),
    weights,
    regionsCount: w.regionsCount,
    options,
    whyNot,
    rejected,
    candidateRegions: regions.length,
    feasibleOptions: feasible.length,
    notes,
  };
}

function compareRanked(a: ScoredDraft, b: ScoredDraft): number {
  return (
    scoreKey(b.score) - scoreKey(a.score) ||
    a.draft.monthlyUsd - b.draft.monthlyUsd ||
    cmp(a.draft.providerId, b.draft.providerId) ||
    cmp(a.draft.key, b.draft.key)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorted by (provider, region); a region listed twice counts once (its first entry in input order). */
function uniqueSortedRegions(regions: readonly CandidateRegion[]): CandidateRegion[] {
  const sorted = regions
    .map((r, i) => ({ r, i }))
    .sort((a, b) => cmp(a.r.providerId, b.r.providerId) || cmp(a.r.regionCode, b.r.regionCode) || a.i - b.i);
  const out: CandidateRegion[] = [];
  for (const { r } of sorted) {
    const last = out[out.length - 1];
    if (!last || last.providerId !== r.providerId || last.regionCode !== r.regionCode) out.push(r);
  }
  return out;
}

function uniqueProviders(regions: readonly CandidateRegion[]): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const r of regions) if (!seen.has(r.providerId)) seen.set(r.providerId, r.providerName);
  return [...seen].map(([id, name]) => ({ id, name }));
}

function toRejected(d: OptionDraft): RejectedCandidate {
  const priced = d.regions.every((e) => e.cost.unfit.length === 0);
  return {
    providerId: d.providerId,
    regionCodes: d.regions.map((e) => e.region.regionCode),
    reasons: d.reasons,
    monthlyCostUsd: priced ? d.monthlyUsd : null,
  };
}

function multiRegionDrafts(
  evals: readonly RegionEval[],
  w: ResolvedWorkload,
  settings: ScoreOptionsSettings,
  rejected: RejectedCandidate[],
  notes: string[],
): OptionDraft[] {
  const n = w.regionsCount;
  const byProvider = new Map<string, RegionEval[]>();
  for (const e of evals) {
    if (e.regionReasons.length > 0) {
      const priced = e.cost.unfit.length === 0;
      rejected.push({
        providerId: e.region.providerId,
        regionCodes: [e.region.regionCode],
        reasons: e.regionReasons,
        monthlyCostUsd: priced ? e.cost.monthlyUsd : null,
      });
      continue;
    }
    const list = byProvider.get(e.region.providerId) ?? [];
    list.push(e);
    byProvider.set(e.region.providerId, list);
  }
  const drafts: OptionDraft[] = [];
  const size = settings.shortlistPerProvider ?? DEFAULT_SHORTLIST_PER_PROVIDER;
  for (const [providerId, list] of byProvider) {
    if (list.length < n) {
      rejected.push({
        providerId,
        regionCodes: list.map((e) => e.region.regionCode),
        reasons: [`regionsCount: ${providerId} has ${list.length} feasible region(s), ${n} needed`],
        monthlyCostUsd: null,
      });
      continue;
    }
    const entries = list.map((e) => ({
      key: e.region.regionCode,
      monthlyUsd: e.cost.monthlyUsd,
      availabilityPct: e.availability.pct,
      carbonKg: e.carbon.kgPerMonth,
      userRttMs: e.rtts.rttMs,
      e,
    }));
    const short = shortlist(
      entries,
      n,
      w.users.map((u) => u.weight),
      size,
    );
    if (short.length < list.length) {
      notes.push(
        `${providerId}: ${n}-region combinations drawn from a shortlist of ${short.length} of ${list.length} feasible regions (cheapest, most available, lowest carbon, nearest to each user)`,
      );
    }
    for (const combo of combinations(short, n))
      drafts.push(
        draftOption(
          combo.map((c) => c.e),
          w,
        ),
      );
  }
  return drafts;
}

function buildOption(
  s: ScoredDraft,
  rank: number,
  pareto: (d: OptionDraft) => boolean,
  candidates: PlacementCandidates,
): PlacementOption {
  const d = s.draft;
  const first = d.regions[0].region;
  const costs = d.regions.map((e) => e.cost);
  const credits = d.regions.map((e) => e.creditUsd);
  const computeUsd = costs.reduce((sum, c) => sum + c.computeUsd, 0);
  const creditUsd = credits.some((c) => c === null)
    ? null
    : credits.reduce<number>((sum, c) => sum + (c ?? 0), 0);
  const replica = replicaRtt(
    d.regions.map((e) => e.region),
    candidates,
  );
  const { components, ...cost } = exactCostBreakdown(costs);
  return {
    rank,
    providerId: d.providerId,
    providerName: first.providerName,
    providerKind: first.providerKind,
    regions: d.regions.map((e) => ({
      regionCode: e.region.regionCode,
      regionName: e.region.regionName,
      countryCode: e.region.countryCode,
      availabilityPct: e.availability.pct,
      carbonGco2ePerKwh: e.region.carbonGco2ePerKwh,
    })),
    components,
    cost,
    monthlyCostUsd: d.monthlyUsd,
    availabilityPct: d.availabilityPct,
    availabilityBasis: d.availabilityBasis,
    slaCreditExposure:
      creditUsd === null
        ? null
        : {
            expectedPct: computeUsd > 0 ? (creditUsd / computeUsd) * 100 : 0,
            expectedUsd: microUsd(money(creditUsd)),
          },
    latency: {
      meanMs: d.latency.meanMs,
      maxUserMs: d.latency.maxUserMs,
      basis: d.latency.basis,
      replicaRttMs: replica.ms,
      replicaRttBasis: replica.basis,
    },
    carbonKgCo2ePerMonth: d.carbonKg,
    carbonNote: d.describeCarbon(),
    regimes: [...new Set(d.regions.flatMap((e) => e.region.regimes))].sort(),
    score: s.score,
    trace: s.trace(),
    pareto: pareto(d),
  };
}
