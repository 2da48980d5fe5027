import type { Arch, OperatingSystem, ProviderKind, PurchaseOption } from '../domain/catalog/catalog-enums.js';

/**
 * A workload as stored and as the API takes it (WorkloadInput). User locations may name a
 * country instead of coordinates; the placement service resolves it.
 */
export interface ComponentSpec {
  name: string;
  count: number;
  vcpu: number;
  memoryGib: number;
  gpuModel?: string | null;
  gpuCount?: number | null;
  arch?: Arch | null;
  os?: OperatingSystem | null;
  storageGib?: number | null;
  storageClass?: string | null;
  egressInternetGibPerMonth?: number | null;
  egressToComponents?: { component: string; gibPerMonth: number }[] | null;
  hoursPerMonth?: number | null;
}

export interface UserLocationSpec {
  latitude?: number | null;
  longitude?: number | null;
  /** ISO 3166 alpha-2; resolved to the mean position of the catalog's regions in that country. */
  country?: string | null;
  weight: number;
}

export interface ConstraintsSpec {
  countries?: string[] | null;
  forbidCountries?: string[] | null;
  regimes?: string[] | null;
  forbidRegimes?: string[] | null;
  minAvailability?: number | null;
  maxLatencyMs?: number | null;
  providers?: string[] | null;
  forbidProviders?: string[] | null;
  providerKinds?: ProviderKind[] | null;
  purchaseOptions?: PurchaseOption[] | null;
  maxMonthlyBudget?: number | null;
}

export interface WeightsSpec {
  cost: number;
  latency: number;
  availability: number;
  carbon: number;
}

export interface WorkloadSpec {
  name: string;
  description?: string | null;
  components: ComponentSpec[];
  users?: UserLocationSpec[] | null;
  constraints?: ConstraintsSpec | null;
  weights?: WeightsSpec | null;
  regionsCount?: number | null;
  burstable?: boolean | null;
  priority?: number | null;
  tags?: string[] | null;
}

/** Cost only, unless the workload or the query says otherwise. */
export const DEFAULT_WEIGHTS: WeightsSpec = { cost: 1, latency: 0, availability: 0, carbon: 0 };
