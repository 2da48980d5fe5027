import type { PurchaseOption, ServiceCategory, Unit } from '../catalog/catalog-enums.js';
import type { Instant } from './utc-time.js';

/** The offer a deployment runs at, as the catalog priced it when the deployment started. */
export interface DeployedOffer {
  readonly id: string;
  readonly sku: string;
  /** The provider's service name ("AmazonEC2", "Virtual Machines"), exported as ServiceName. */
  readonly service: string;
  readonly serviceCategory: ServiceCategory;
  /** Only HOUR is accrued by time; metered units (GB, GB_MONTH, REQUEST, …) need usage, see accrueDay. */
  readonly unit: Unit;
  /** ON_DEMAND when absent. */
  readonly purchaseOption?: PurchaseOption;
  /** List price per unit in `currency`, a decimal string. */
  readonly pricePerUnit: string;
  readonly currency: string;
  /** The same price converted to USD through the FX table; null when no rate is known. */
  readonly pricePerUnitUsd: string | null;
  /**
   * A negotiated per-unit price in USD (private pricing, enterprise discount), when one applies.
   * Absent → ContractedCost = ListCost, as FOCUS asks for charges without negotiated rates.
   */
  readonly contractedPricePerUnitUsd?: string | null;
  /**
   * A price agreed outside the catalog (a deployment recorded without a catalog offer): catalog
   * price changes of the same sku do not re-price it.
   */
  readonly priceFixed?: boolean;
}

/**
 * Where one workload component ran, from when to when, at which offer (DESIGN "Deployment /
 * Ledger"). A migration ends one deployment (`to`) and starts another (`from`) at the cutover.
 */
export interface Deployment {
  readonly id: string;
  readonly workloadId: string;
  readonly workloadName: string;
  readonly component: string;
  readonly provider: { readonly id: string; readonly name: string };
  readonly region: { readonly code: string; readonly name: string };
  readonly offer: DeployedOffer;
  /** Instances of the offer running for the component. */
  readonly count: number;
  readonly from: Instant;
  /** Null while still running. */
  readonly to: Instant | null;
  readonly tags: Readonly<Record<string, string>>;
  /** The account Cumulus holds at the provider; the provider id when not known (FOCUS needs a non-null value). */
  readonly billingAccountId?: string;
  readonly billingAccountName?: string | null;
}

/**
 * A price of one sku in one region taking effect at an instant: a new catalog version became
 * ACTIVE. The latest change at or before an instant is in force; before the first change the
 * deployment's own offer price applies. Changes that took effect before a deployment started
 * are ignored for it: its own price is what it was started at.
 */
export interface PriceChange {
  readonly sku: string;
  readonly regionCode: string;
  /** ON_DEMAND when absent. */
  readonly purchaseOption?: PurchaseOption;
  readonly effectiveFrom: Instant;
  /** The catalog offer carrying the new price (exported as SkuPriceId); the deployment's offer id when absent. */
  readonly offerId?: string;
  /** In the offer's currency. */
  readonly pricePerUnit: string;
  readonly pricePerUnitUsd: string | null;
}

/** Money in one currency; a decimal string, never a float. */
export interface Amount {
  readonly amount: string;
  readonly currency: string;
}
