import type { Arch, OperatingSystem, ProviderKind, PurchaseOption } from './catalog-vocabulary.js';
import type { GeoPoint } from '../geo/haversine.js';
import type { RoundTrip } from '../geo/latency-estimate.js';

/**
 * Inputs of placement scoring. Plain data: the service loads the catalog, resolves user
 * countries to coordinates and hands these to `scoreOptions`. Money is a decimal string in USD
 * (as PostgreSQL `numeric` reads), plus a double where the value is only used for ranking.
 */

/** One part of a workload (a service in a service model), replicated `count` times. */
export interface Component {
  readonly name: string;
  /** Instances of this component (≥ 1). */
  readonly count: number;
  /** Minimum vCPU per instance; a bigger instance fits too. */
  readonly vcpu: number;
  /** Minimum memory per instance. */
  readonly memoryGib: number;
  /** GPU model asked for (case-insensitive, as the catalog spells it: "A100", "T4"). */
  readonly gpuModel?: string | null;
  /** Minimum GPUs per instance (default 0; with a model, default 1). */
  readonly gpuCount?: number;
  /** Unspecified = any architecture. */
  readonly arch?: Arch | null;
  /** Operating system priced (default LINUX). Offers without an OS fit any. */
  readonly os?: OperatingSystem;
  /** Persistent storage per instance, priced at the region's price for `storageClass`. */
  readonly storageGib?: number;
  /** Default `DEFAULT_STORAGE_CLASS`. */
  readonly storageClass?: string;
  /** Internet egress of the whole component (all instances) per month. */
  readonly egressInternetGibPerMonth?: number;
  /** Traffic this component sends to others per month (free inside a region). */
  readonly egressToComponents?: readonly { readonly component: string; readonly gibPerMonth: number }[];
  /** Hours each instance runs per month (default HOURS_PER_MONTH = 730). */
  readonly hoursPerMonth?: number;
}

export interface UserLocation extends GeoPoint {
  /** Relative share of the users (any non-negative scale). */
  readonly weight: number;
  /** Shown in reasons ("DE"); optional. */
  readonly label?: string;
}

export interface Constraints {
  /** Allowed region countries (ISO-3166 alpha-2). */
  readonly countries?: readonly string[];
  readonly forbidCountries?: readonly string[];
  /** Regimes that must ALL apply to the region (e.g. EU_GDPR). */
  readonly regimes?: readonly string[];
  readonly forbidRegimes?: readonly string[];
  /** Percent, e.g. 99.9. */
  readonly minAvailability?: number;
  /** Bound on every user's round trip to the nearest region of the option. */
  readonly maxLatencyMs?: number;
  readonly providers?: readonly string[];
  readonly forbidProviders?: readonly string[];
  readonly providerKinds?: readonly ProviderKind[];
  /** Default [ON_DEMAND]. */
  readonly purchaseOptions?: readonly PurchaseOption[];
  /** USD per month. */
  readonly maxMonthlyBudget?: number;
}

/** Non-negative; not all zero. Only ratios matter: they are divided by their sum. */
export interface Weights {
  readonly cost: number;
  readonly latency: number;
  readonly availability: number;
  readonly carbon: number;
}

export interface Workload {
  readonly name: string;
  readonly components: readonly Component[];
  readonly users: readonly UserLocation[];
  readonly constraints: Constraints;
  readonly weights: Weights;
  /** Full replicas across N regions of one provider (default 1). */
  readonly regionsCount?: number;
}

export interface SlaCreditTier {
  /** Credit applies when monthly uptime is below this percent. */
  readonly belowPct: number;
  /** Percent of the monthly charge credited. */
  readonly creditPct: number;
}

export interface RegionSla {
  readonly singleInstancePct: number;
  readonly multiZonePct: number | null;
  readonly creditTiers: readonly SlaCreditTier[];
  /** Credit tiers of the multi-zone SLA when they differ from `creditTiers`. */
  readonly multiZoneCreditTiers?: readonly SlaCreditTier[];
}

/** One internet egress price tier, in GB per month from the region (providers' billing GB = GiB here). */
export interface EgressTier {
  readonly startGb: number;
  /** Null: unbounded. */
  readonly endGb: number | null;
  readonly pricePerGbUsd: string;
}

export interface StoragePrice {
  readonly storageClass: string;
  readonly pricePerGibMonthUsd: string;
  readonly offerId?: string;
}

/**
 * A region that prices custom shapes: vCPU and memory sold separately (GCP custom machine
 * SKUs, VCPU + MEMORY offers, on-prem per-vCPU/per-GiB rates). Never used for GPU components.
 */
export interface CustomShapeRate {
  /** Family or label shown in the breakdown ("n2-custom", "onprem-vm"). */
  readonly label: string;
  readonly purchaseOption: PurchaseOption;
  /** Null: any OS. */
  readonly os: OperatingSystem | null;
  /** Null: fits any asked architecture. */
  readonly arch: Arch | null;
  readonly vcpuPerHourUsd: string;
  readonly memoryGibPerHourUsd: string;
  readonly vcpuOfferId?: string;
  readonly memoryOfferId?: string;
  /** GCP limits memory per vCPU; the cheaper side is raised to the bound, as GCP bills it. */
  readonly minMemoryGibPerVcpu?: number;
  readonly maxMemoryGibPerVcpu?: number;
  readonly maxVcpu?: number;
  /** On-prem all-in cost split per vCPU-hour ({hardware: "0.01", power: "0.002"}). */
  readonly tcoPerVcpuHourUsd?: Readonly<Record<string, string>>;
}

/** What the service gives per provider region. */
export interface CandidateRegion extends GeoPoint {
  readonly providerId: string;
  readonly providerName: string;
  readonly providerKind: ProviderKind;
  readonly headquartersCountry: string;
  readonly regionCode: string;
  readonly regionName: string;
  readonly countryCode: string;
  /** Country regime plus the provider's home exposure (US_CLOUD_ACT for a US provider). */
  readonly regimes: readonly string[];
  /** The subset of `regimes` that comes from the provider's home country, for reasons. */
  readonly homeExposureRegimes?: readonly string[];
  readonly carbonGco2ePerKwh: number | null;
  readonly pue: number | null;
  readonly sla: RegionSla | null;
  readonly egress: {
    readonly internet: readonly EgressTier[] | null;
    /** Per GB to another region of the same provider. */
    readonly interRegionPerGbUsd: string | null;
  };
  readonly storage?: readonly StoragePrice[];
  readonly customShapes?: readonly CustomShapeRate[];
}

/** What a component needs from an instance offer; fitting means at least this. */
export interface ComputeNeed {
  readonly vcpu: number;
  readonly memoryGib: number;
  readonly gpuModel: string | null;
  readonly gpuCount: number;
  readonly arch: Arch | null;
  readonly os: OperatingSystem;
  readonly purchaseOptions: readonly PurchaseOption[];
}

/** One instance offer as the cost model needs it. */
export interface ComputeOffer {
  readonly offerId: string;
  readonly instanceType: string | null;
  readonly vcpu: number;
  readonly memoryGib: number;
  readonly gpuModel: string | null;
  readonly gpuCount: number;
  readonly arch: Arch;
  readonly os: OperatingSystem | null;
  readonly purchaseOption: PurchaseOption;
  /** HOUR: per instance-hour; ONE_TIME: the whole reservation term (RESERVED_1Y/3Y, SAVINGS_PLAN_1Y/3Y). */
  readonly unit: 'HOUR' | 'ONE_TIME';
  /** Exact price per `unit`, decimal string. */
  readonly priceUsd: string;
  /** Hourly equivalent as a double, used only to rank offers (see `hourlyEquivalentUsd`). */
  readonly pricePerHourUsd: number;
  /** On-prem all-in price split per instance-hour, from the offer's attributes. */
  readonly tcoPerHourUsd?: Readonly<Record<string, string>>;
}

export interface RegionRef {
  readonly providerId: string;
  readonly regionCode: string;
}

/** Finds the cheapest fitting instance offer of a region: a list scan or the in-memory index. */
export interface ComputeOfferSource {
  cheapestFitting(region: RegionRef, need: ComputeNeed): ComputeOffer | null;
}

/** Everything `scoreOptions` ranks. */
export interface PlacementCandidates {
  readonly regions: readonly CandidateRegion[];
  readonly offers: ComputeOfferSource;
  /** Measured region-to-region RTT (for replicas), null when unmeasured (then estimated). */
  readonly regionLatency?: (a: RegionRef, b: RegionRef) => RoundTrip | null;
  /** Measured user-to-region RTT when the service has one, else the great-circle estimate is used. */
  readonly userLatency?: (user: UserLocation, region: CandidateRegion) => RoundTrip | null;
}

export interface ScoreOptionsSettings {
  /** Options returned (default 10). */
  readonly topK?: number;
  /** Regions per provider kept for N-region combinations (default 10; see option-combinations.ts). */
  readonly shortlistPerProvider?: number;
}
