import type { ProviderKind, PurchaseOption } from './catalog-vocabulary.js';
import type { Weights } from './placement-types.js';

/** What `scoreOptions` returns: plain objects the service maps to GraphQL and the CLI prints. */

export type CriterionName = 'cost' | 'latency' | 'availability' | 'carbon';

/** One criterion's part in an option's score. score = Σ contribution. */
export interface CriterionTrace {
  readonly criterion: CriterionName;
  /** USD/month, ms, percent or kgCO2e/month; null when unknown (normalises as worst). */
  readonly raw: number | null;
  readonly unit: 'USD/month' | 'ms' | '%' | 'kgCO2e/month';
  /** 1 = best of the feasible options, 0 = worst (or constant across them, or unknown). */
  readonly normalized: number;
  /** This criterion's share of the weights (weights divided by their sum). */
  readonly weight: number;
  /** normalized × weight. */
  readonly contribution: number;
  readonly note?: string;
}

export type CostLineKind = 'COMPUTE' | 'STORAGE' | 'EGRESS_INTERNET' | 'EGRESS_INTER_REGION';

/** amountUsd = quantity × unitPriceUsd / divisor, in exact decimals. */
export interface CostLine {
  readonly kind: CostLineKind;
  readonly regionCode: string;
  readonly component: string | null;
  readonly offerId: string | null;
  readonly description: string;
  readonly quantity: number;
  /** "instance-hour", "vCPU-hour", "GiB-hour", "GiB-month", "GB". */
  readonly quantityUnit: string;
  readonly unitPriceUsd: string;
  /** Hours in a reservation term when the price is for the whole term, else 1. */
  readonly divisor: number;
  readonly amountUsd: string;
}

export interface CostBreakdown {
  readonly totalUsd: string;
  readonly computeUsd: string;
  readonly storageUsd: string;
  readonly egressUsd: string;
  /** On-prem all-in price split by the importer's TCO parts (hardware, power × PUE, …); null off-prem. */
  readonly onPremTco: Readonly<Record<string, string>> | null;
  readonly lines: readonly CostLine[];
  /** Prices the catalog does not have, left out of the total (never guessed). */
  readonly unknownPrices: readonly string[];
}

export interface ComponentPlacement {
  readonly component: string;
  readonly regionCode: string;
  readonly pricing: 'INSTANCE' | 'CUSTOM_SHAPE';
  /** INSTANCE: the chosen offer; CUSTOM_SHAPE: the vCPU offer (the memory offer is in the lines). */
  readonly offerId: string | null;
  /** Instance type, or the custom-shape label. */
  readonly instanceType: string | null;
  readonly count: number;
  /** What each instance gets (≥ what was asked). */
  readonly vcpu: number;
  readonly memoryGib: number;
  readonly gpuModel: string | null;
  readonly gpuCount: number;
  readonly purchaseOption: PurchaseOption;
  readonly monthlyUsd: string;
}

export interface OptionRegion {
  readonly regionCode: string;
  readonly regionName: string;
  readonly countryCode: string;
  readonly availabilityPct: number | null;
  readonly carbonGco2ePerKwh: number | null;
}

export type LatencyBasis = 'MEASURED' | 'ESTIMATED' | 'MIXED' | 'NONE';

export interface OptionLatency {
  /** Weighted mean over users of the RTT to the nearest region of the option. */
  readonly meanMs: number | null;
  /** The worst user's RTT to its nearest region (what maxLatencyMs bounds). */
  readonly maxUserMs: number | null;
  readonly basis: LatencyBasis;
  /** Largest RTT between two replicas, for N-region options. */
  readonly replicaRttMs: number | null;
  readonly replicaRttBasis: LatencyBasis;
}

export interface SlaCreditExposure {
  /** Expected credit, percent of the compute charge (formula in criteria.ts). */
  readonly expectedPct: number;
  readonly expectedUsd: string;
}

export interface PlacementOption {
  readonly rank: number;
  readonly providerId: string;
  readonly providerName: string;
  readonly providerKind: ProviderKind;
  readonly regions: readonly OptionRegion[];
  readonly components: readonly ComponentPlacement[];
  readonly cost: CostBreakdown;
  /** The total as a double, as ranked. */
  readonly monthlyCostUsd: number;
  readonly availabilityPct: number | null;
  /** How availability was derived ("SLA multi-zone 99.99%", "1 − Π(1 − aᵢ) over 2 regions"). */
  readonly availabilityBasis: string;
  readonly slaCreditExposure: SlaCreditExposure | null;
  readonly latency: OptionLatency;
  readonly carbonKgCo2ePerMonth: number | null;
  readonly carbonNote: string;
  readonly regimes: readonly string[];
  /** Σ contributions, in [0, 1], higher is better. */
  readonly score: number;
  readonly trace: readonly CriterionTrace[];
  /** No other feasible option is at least as good on cost, latency, availability and carbon and better on one. */
  readonly pareto: boolean;
}

export interface RejectedCandidate {
  readonly providerId: string;
  readonly regionCodes: readonly string[];
  /** Every constraint it fails, each naming the constraint ("forbidRegimes: US_CLOUD_ACT (…)"). */
  readonly reasons: readonly string[];
  /** Monthly cost as a double when it could be priced, for "closest rejected" ordering. */
  readonly monthlyCostUsd: number | null;
}

/** "Why not Azure?" for each provider with no option in the top k. */
export interface ProviderExplanation {
  readonly providerId: string;
  readonly providerName: string;
  readonly status: 'RANKED_LOWER' | 'REJECTED';
  /** "ranked 14th: score 0.41 vs 0.93 — cost $812.00 vs $402.00" or "rejected: forbidRegimes: …". */
  readonly reason: string;
  /** RANKED_LOWER: the provider's best option (with its rank). */
  readonly bestOption: PlacementOption | null;
  /** REJECTED: the provider's closest candidate and every reason it failed. */
  readonly closestRejected: RejectedCandidate | null;
}

export interface PlacementResult {
  readonly workload: string;
  readonly evaluatedAt: string;
  readonly weights: Weights;
  readonly regionsCount: number;
  /** Top k, best first. */
  readonly options: readonly PlacementOption[];
  readonly whyNot: readonly ProviderExplanation[];
  readonly rejected: readonly RejectedCandidate[];
  readonly candidateRegions: number;
  readonly feasibleOptions: number;
  /** Method notes: combination shortlist, unknown prices, estimated latencies. */
  readonly notes: readonly string[];
}
