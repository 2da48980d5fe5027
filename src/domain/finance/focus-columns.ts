/**
 * FOCUS 1.2 columns in the specification's order (alphabetical by column id, as the spec
 * presents them), with each column's feature level and nullability transcribed from its
 * "Content constraints" table.
 */
export type FocusFeatureLevel = 'Mandatory' | 'Recommended' | 'Conditional' | 'Optional';
export type FocusDataType = 'String' | 'Decimal' | 'DateTime' | 'JSON';

export interface FocusColumnSpec {
  readonly id: string;
  readonly featureLevel: FocusFeatureLevel;
  readonly allowsNulls: boolean;
  readonly dataType: FocusDataType;
}

function col(
  id: string,
  featureLevel: FocusFeatureLevel,
  allowsNulls: boolean,
  dataType: FocusDataType = 'String',
): FocusColumnSpec {
  return { id, featureLevel, allowsNulls, dataType };
}

export const FOCUS_1_2_COLUMNS: readonly FocusColumnSpec[] = [
  col('AvailabilityZone', 'Recommended', true),
  col('BilledCost', 'Mandatory', false, 'Decimal'),
  col('BillingAccountId', 'Mandatory', false),
  col('BillingAccountName', 'Mandatory', true),
  col('BillingAccountType', 'Conditional', false),
  col('BillingCurrency', 'Mandatory', false),
  col('BillingPeriodEnd', 'Mandatory', false, 'DateTime'),
  col('BillingPeriodStart', 'Mandatory', false, 'DateTime'),
  col('CapacityReservationId', 'Conditional', true),
  col('CapacityReservationStatus', 'Conditional', true),
  col('ChargeCategory', 'Mandatory', false),
  col('ChargeClass', 'Mandatory', true),
  col('ChargeDescription', 'Mandatory', true),
  col('ChargeFrequency', 'Recommended', false),
  col('ChargePeriodEnd', 'Mandatory', false, 'DateTime'),
  col('ChargePeriodStart', 'Mandatory', false, 'DateTime'),
  col('CommitmentDiscountCategory', 'Conditional', true),
  col('CommitmentDiscountId', 'Conditional', true),
  col('CommitmentDiscountName', 'Conditional', true),
  col('CommitmentDiscountQuantity', 'Conditional', true, 'Decimal'),
  col('CommitmentDiscountStatus', 'Conditional', true),
  col('CommitmentDiscountType', 'Conditional', true),
  col('CommitmentDiscountUnit', 'Conditional', true),
  col('ConsumedQuantity', 'Conditional', true, 'Decimal'),
  col('ConsumedUnit', 'Conditional', true),
  col('ContractedCost', 'Mandatory', false, 'Decimal'),
  col('ContractedUnitPrice', 'Conditional', true, 'Decimal'),
  col('EffectiveCost', 'Mandatory', false, 'Decimal'),
  col('InvoiceId', 'Recommended', true),
  col('InvoiceIssuerName', 'Mandatory', false),
  col('ListCost', 'Mandatory', false, 'Decimal'),
  col('ListUnitPrice', 'Conditional', true, 'Decimal'),
  col('PricingCategory', 'Conditional', true),
  col('PricingCurrency', 'Conditional', true),
  col('PricingCurrencyContractedUnitPrice', 'Conditional', true, 'Decimal'),
  col('PricingCurrencyEffectiveCost', 'Conditional', true, 'Decimal'),
  col('PricingCurrencyListUnitPrice', 'Conditional', true, 'Decimal'),
  col('PricingQuantity', 'Mandatory', true, 'Decimal'),
  col('PricingUnit', 'Mandatory', true),
  col('ProviderName', 'Mandatory', false),
  col('PublisherName', 'Mandatory', false),
  col('RegionId', 'Conditional', true),
  col('RegionName', 'Conditional', true),
  col('ResourceId', 'Conditional', true),
  col('ResourceName', 'Conditional', true),
  col('ResourceType', 'Conditional', true),
  col('ServiceCategory', 'Mandatory', false),
  col('ServiceName', 'Mandatory', false),
  col('ServiceSubcategory', 'Recommended', false),
  col('SkuId', 'Conditional', true),
  col('SkuMeter', 'Conditional', true),
  col('SkuPriceDetails', 'Conditional', true, 'JSON'),
  col('SkuPriceId', 'Conditional', true),
  col('SubAccountId', 'Conditional', true),
  col('SubAccountName', 'Conditional', true),
  col('SubAccountType', 'Conditional', true),
  col('Tags', 'Conditional', true, 'JSON'),
];

/** Columns every row must fill: feature level Mandatory and nulls not allowed. */
export const FOCUS_NON_NULL_COLUMNS: readonly string[] = FOCUS_1_2_COLUMNS.filter(
  (c) => c.featureLevel === 'Mandatory' && !c.allowsNulls,
).map((c) => c.id);

/** FOCUS columns Cumulus's ledger fills; the others do not apply to estimated usage rows. */
const EMITTED_FOCUS_COLUMNS = new Set([
  'BilledCost',
  'BillingAccountId',
  'BillingAccountName',
  'BillingCurrency',
  'BillingPeriodEnd',
  'BillingPeriodStart',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ChargeFrequency',
  'ChargePeriodEnd',
  'ChargePeriodStart',
  'ConsumedQuantity',
  'ConsumedUnit',
  'ContractedCost',
  'ContractedUnitPrice',
  'EffectiveCost',
  'InvoiceIssuerName',
  'ListCost',
  'ListUnitPrice',
  'PricingCategory',
  'PricingCurrency',
  'PricingCurrencyContractedUnitPrice',
  'PricingCurrencyEffectiveCost',
  'PricingCurrencyListUnitPrice',
  'PricingQuantity',
  'PricingUnit',
  'ProviderName',
  'PublisherName',
  'RegionId',
  'RegionName',
  'ResourceId',
  'ResourceName',
  'ServiceCategory',
  'ServiceName',
  'SkuId',
  'SkuPriceId',
  'Tags',
]);

/** Custom columns carry the x_ prefix FOCUS reserves for them. */
export const CUMULUS_EXTENSION_COLUMNS = [
  'x_ProviderId',
  'x_WorkloadId',
  'x_DeploymentId',
  'x_Component',
  'x_OfferId',
  'x_Basis',
  'x_IdempotencyKey',
] as const;

/** The export's header: FOCUS columns in spec order, then Cumulus's x_ columns. */
export const FOCUS_EXPORT_COLUMNS: readonly string[] = [
  ...FOCUS_1_2_COLUMNS.filter((c) => EMITTED_FOCUS_COLUMNS.has(c.id)).map((c) => c.id),
  ...CUMULUS_EXTENSION_COLUMNS,
];

export const FOCUS_COLUMN_SPECS: ReadonlyMap<string, FocusColumnSpec> = new Map(
  FOCUS_1_2_COLUMNS.map((c) => [c.id, c]),
);

/** ESTIMATED: accrued by Cumulus from deployments × catalog prices; ACTUAL: imported from a provider's bill. */
export type CostBasis = 'ESTIMATED' | 'ACTUAL';

/**
 * One ledger row, keyed by FOCUS column id so the export is a projection, not a mapping.
 * Decimals are plain decimal strings, instants ISO 8601 with 'Z', periods half-open [start, end).
 */
export interface FocusCostRow {
  readonly BilledCost: string;
  readonly BillingAccountId: string;
  readonly BillingAccountName: string | null;
  readonly BillingCurrency: string;
  readonly BillingPeriodEnd: string;
  readonly BillingPeriodStart: string;
  readonly ChargeCategory: 'Usage' | 'Purchase' | 'Tax' | 'Credit' | 'Adjustment';
  readonly ChargeClass: 'Correction' | null;
  readonly ChargeDescription: string | null;
  readonly ChargeFrequency: 'One-Time' | 'Recurring' | 'Usage-Based';
  readonly ChargePeriodEnd: string;
  readonly ChargePeriodStart: string;
  readonly ConsumedQuantity: string | null;
  readonly ConsumedUnit: string | null;
  readonly ContractedCost: string;
  readonly ContractedUnitPrice: string | null;
  readonly EffectiveCost: string;
  readonly InvoiceIssuerName: string;
  readonly ListCost: string;
  readonly ListUnitPrice: string | null;
  readonly PricingCategory: 'Standard' | 'Dynamic' | 'Committed' | 'Other' | null;
  readonly PricingCurrency: string | null;
  readonly PricingCurrencyContractedUnitPrice: string | null;
  readonly PricingCurrencyEffectiveCost: string | null;
  readonly PricingCurrencyListUnitPrice: string | null;
  readonly PricingQuantity: string | null;
  readonly PricingUnit: string | null;
  readonly ProviderName: string;
  readonly PublisherName: string;
  readonly RegionId: string | null;
  readonly RegionName: string | null;
  readonly ResourceId: string | null;
  readonly ResourceName: string | null;
  /** FOCUS display name ("Compute"). */
  readonly ServiceCategory: string;
  readonly ServiceName: string;
  readonly SkuId: string | null;
  readonly SkuPriceId: string | null;
  readonly Tags: Readonly<Record<string, string>>;
  readonly x_ProviderId: string;
  readonly x_WorkloadId: string;
  readonly x_DeploymentId: string;
  readonly x_Component: string;
  readonly x_OfferId: string;
  readonly x_Basis: CostBasis;
  /** deployment id + charge period start: writing the same key again replaces the row. */
  readonly x_IdempotencyKey: string;
}
