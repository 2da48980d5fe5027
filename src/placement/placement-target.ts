import type { ProviderKind } from '../domain/catalog/catalog-enums.js';

/** A placement chosen by the user: a provider and its regions, optionally the offers per component. */
export interface PlacementTarget {
  readonly provider: string;
  readonly regions: readonly string[];
  /** Offers picked from a placementOptions result; otherwise the cheapest fitting offer is used. */
  readonly offers?: readonly { readonly component: string; readonly offerId: string }[];
}

export interface PricedComponent {
  readonly component: string;
  readonly regionCode: string;
  readonly offerId: string | null;
  readonly sku: string | null;
  readonly instanceType: string | null;
  readonly purchaseOption: string;
  readonly count: number;
  readonly vcpu: number;
  readonly memoryGib: number;
  /** Per instance-hour, USD, exact decimal string. */
  readonly pricePerHourUsd: string;
  /** Per instance-hour in the offer's own currency. */
  readonly pricePerHour: string;
  readonly currency: string;
  /** count × hours × price, USD, exact. */
  readonly monthlyCostUsd: string;
}

/** What running a workload at a target costs per month (730 h), priced from the active catalog. */
export interface TargetPricing {
  readonly provider: string;
  readonly providerKind: ProviderKind;
  readonly regions: readonly string[];
  readonly monthlyCostUsd: string;
  readonly computeUsd: string;
  readonly storageUsd: string;
  readonly egressUsd: string;
  readonly components: readonly PricedComponent[];
  /** Prices the catalog does not have, left out of the total. */
  readonly unknownPrices: readonly string[];
}
