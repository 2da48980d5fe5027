import { csvField, csvLine, type CsvValue } from '../../database/bulk-copy.js';
import type { ActualCostRecord, FocusCostRow } from '../../domain/finance/index.js';
import { SERVICE_CATEGORY_FOCUS_NAMES } from '../../domain/catalog/catalog-enums.js';

/** cost_ledger columns written by COPY, in this order, for both bases. */
export const LEDGER_COPY_COLUMNS = [
  'tenant',
  'basis',
  'idempotency_key',
  'import_id',
  'provider_account',
  'source_row',
  'provider_id',
  'workload_id',
  'deployment_id',
  'component',
  'offer_id',
  'availability_zone',
  'billed_cost',
  'billing_account_id',
  'billing_account_name',
  'billing_currency',
  'billing_period_start',
  'billing_period_end',
  'charge_category',
  'charge_class',
  'charge_description',
  'charge_frequency',
  'charge_period_start',
  'charge_period_end',
  'commitment_discount_id',
  'consumed_quantity',
  'consumed_unit',
  'contracted_cost',
  'contracted_unit_price',
  'effective_cost',
  'invoice_issuer_name',
  'list_cost',
  'list_unit_price',
  'pricing_category',
  'pricing_currency',
  'pricing_currency_contracted_unit_price',
  'pricing_currency_effective_cost',
  'pricing_currency_list_unit_price',
  'pricing_quantity',
  'pricing_unit',
  'provider_name',
  'publisher_name',
  'region_id',
  'region_name',
  'resource_id',
  'resource_name',
  'resource_type',
  'service_category',
  'service_name',
  'sku_id',
  'sku_price_id',
  'sub_account_id',
  'sub_account_name',
  'tags',
] as const;

type LedgerColumn = (typeof LEDGER_COPY_COLUMNS)[number];

function line(values: Partial<Record<LedgerColumn, CsvValue>>): string {
  return csvLine(LEDGER_COPY_COLUMNS.map((column) => values[column] ?? null));
}

type EstimatedField = (row: FocusCostRow, tenant: string) => CsvValue;

/** Per column, where an accrued row's value comes from (absent: null). */
const ESTIMATED_FIELDS: Partial<Record<LedgerColumn, EstimatedField>> = {
  tenant: (_row, tenant) => tenant,
  basis: () => 'ESTIMATED',
  idempotency_key: (row) => row.x_IdempotencyKey,
  provider_id: (row) => row.x_ProviderId,
  workload_id: (row) => row.x_WorkloadId,
  deployment_id: (row) => row.x_DeploymentId,
  component: (row) => row.x_Component,
  offer_id: (row) => row.x_OfferId,
  billed_cost: (row) => row.BilledCost,
  billing_account_id: (row) => row.BillingAccountId,
  billing_account_name: (row) => row.BillingAccountName,
  billing_currency: (row) => row.BillingCurrency,
  billing_period_start: (row) => row.BillingPeriodStart,
  billing_period_end: (row) => row.BillingPeriodEnd,
  charge_category: (row) => row.ChargeCategory,
  charge_class: (row) => row.ChargeClass,
  charge_description: (row) => row.ChargeDescription,
  charge_frequency: (row) => row.ChargeFrequency,
  charge_period_start: (row) => row.ChargePeriodStart,
  charge_period_end: (row) => row.ChargePeriodEnd,
  consumed_quantity: (row) => row.ConsumedQuantity,
  consumed_unit: (row) => row.ConsumedUnit,
  contracted_cost: (row) => row.ContractedCost,
  contracted_unit_price: (row) => row.ContractedUnitPrice,
  effective_cost: (row) => row.EffectiveCost,
  invoice_issuer_name: (row) => row.InvoiceIssuerName,
  list_cost: (row) => row.ListCost,
  list_unit_price: (row) => row.ListUnitPrice,
  pricing_category: (row) => row.PricingCategory,
  pricing_currency: (row) => row.PricingCurrency,
  pricing_currency_contracted_unit_price: (row) => row.PricingCurrencyContractedUnitPrice,
  pricing_currency_effective_cost: (row) => row.PricingCurrencyEffectiveCost,
  pricing_currency_list_unit_price: (row) => row.PricingCurrencyListUnitPrice,
  pricing_quantity: (row) => row.PricingQuantity,
  pricing_unit: (row) => row.PricingUnit,
  provider_name: (row) => row.ProviderName,
  publisher_name: (row) => row.PublisherName,
  region_id: (row) => row.RegionId,
  region_name: (row) => row.RegionName,
  resource_id: (row) => row.ResourceId,
  resource_name: (row) => row.ResourceName,
  service_category: (row) => row.ServiceCategory,
  service_name: (row) => row.ServiceName,
  sku_id: (row) => row.SkuId,
  sku_price_id: (row) => row.SkuPriceId,
  tags: (row) => JSON.stringify(row.Tags),
};

// Resolved once into column order: accrual writes millions of lines, one field at a time.
const ESTIMATED_ROW: readonly (EstimatedField | null)[] = LEDGER_COPY_COLUMNS.map(
  (column) => ESTIMATED_FIELDS[column] ?? null,
);

/** An accrued row (the domain's FOCUS row) as a COPY line of the tenant that owns the deployment. */
export function estimatedCsvLine(row: FocusCostRow, tenant: string): string {
  // join() builds one flat string; += per field would leave a rope of ~100 pieces per row for the GC.
  const fields = new Array<string>(ESTIMATED_ROW.length);
  for (let i = 0; i < ESTIMATED_ROW.length; i++) {
    const field = ESTIMATED_ROW[i];
    fields[i] = field ? csvField(field(row, tenant)) : '';
  }
  return fields.join(',') + '\n';
}

export interface ActualRowContext {
  readonly tenant: string;
  readonly importId: string;
  /** The account given at import, else the row's BillingAccountId, else its provider. */
  readonly providerAccount: string | null;
}

/** An imported FOCUS record as a COPY line: the file's own decimal text, never re-computed. */
export function actualCsvLine(record: ActualCostRecord, context: ActualRowContext): string {
  const account = context.providerAccount ?? record.billingAccountId ?? record.providerName;
  return line({
    tenant: context.tenant,
    basis: 'ACTUAL',
    import_id: context.importId,
    provider_account: account,
    source_row: record.rowNumber,
    availability_zone: record.availabilityZone,
    billed_cost: record.billedCost,
    billing_account_id: record.billingAccountId ?? account,
    billing_account_name: record.billingAccountName,
    billing_currency: record.billingCurrency,
    billing_period_start: record.billingPeriodStart,
    billing_period_end: record.billingPeriodEnd,
    charge_category: record.chargeCategory,
    charge_class: record.chargeClass,
    charge_description: record.chargeDescription,
    charge_frequency: record.chargeFrequency,
    charge_period_start: record.chargePeriodStart,
    charge_period_end: record.chargePeriodEnd,
    commitment_discount_id: record.commitmentDiscountId,
    contracted_cost: record.contractedCost,
    effective_cost: record.effectiveCost,
    invoice_issuer_name: record.invoiceIssuerName,
    list_cost: record.listCost,
    list_unit_price: record.listUnitPrice,
    pricing_category: record.pricingCategory,
    pricing_quantity: record.pricingQuantity,
    pricing_unit: record.pricingUnit,
    provider_name: record.providerName,
    publisher_name: record.publisherName,
    region_id: record.regionId,
    region_name: record.regionName,
    resource_id: record.resourceId,
    resource_name: record.resourceName,
    resource_type: record.resourceType,
    service_category: SERVICE_CATEGORY_FOCUS_NAMES[record.serviceCategory],
    service_name: record.serviceName,
    sku_id: record.skuId,
    sku_price_id: record.skuPriceId,
    sub_account_id: record.subAccountId,
    sub_account_name: record.subAccountName,
    tags: JSON.stringify(record.tags),
  });
}
