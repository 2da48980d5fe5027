import type { ProviderKind } from '../domain/catalog/catalog-enums.js';
import type { MigrationEstimate } from '../domain/migration/plan-migration.js';
import type { TargetPricing } from '../placement/placement-target.js';
import type { ComponentRef } from '../providers/provider-port.js';

/** The estimate without the step lists (the migration record holds the steps). */
export type StoredEstimate = Omit<MigrationEstimate, 'components'> & {
  readonly components: readonly Omit<MigrationEstimate['components'][number], 'steps'>[];
  /** What the monthly figures compare: compute at deployment prices, 730 h, on both sides. */
  readonly costBasis: string;
  readonly sourceMonthlyCostUsd: string;
  readonly targetMonthlyCostUsd: string;
  /** Which egress_prices rows (or site offers) priced the transfer. */
  readonly egressBasis: string;
};

export interface StoredSite {
  readonly providerId: string;
  readonly regionCode: string;
  readonly kind: ProviderKind;
}

/** What a migration was planned from, kept with it so workers and completion need nothing else. */
export interface StoredPlan {
  readonly workloadName: string;
  readonly source: StoredSite & {
    /** Per component: the resource serving it and its address, from the deployment's tags. */
    readonly resources: Readonly<Record<string, { resourceId: string | null; address: string | null }>>;
  };
  readonly target: StoredSite & { readonly pricing: TargetPricing };
  readonly components: readonly ComponentRef[];
  readonly estimate: StoredEstimate;
}
