import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FOCUS_EXPORT_COLUMNS, type CostBasis } from '../../domain/finance/index.js';

/** Where each exported column comes from; a FOCUS column not listed here is exported as null. */
const COLUMN_SQL: Readonly<Record<string, string>> = {
  BilledCost: 'billed_cost::text',
  BillingAccountId: 'billing_account_id',
  BillingAccountName: 'billing_account_name',
  BillingCurrency: 'billing_currency',
  BillingPeriodEnd: 'billing_period_end',
  BillingPeriodStart: 'billing_period_start',
  ChargeCategory: 'charge_category',
  ChargeClass: 'charge_class',
  ChargeDescription: 'charge_description',
  ChargeFrequency: 'charge_frequency',
  ChargePeriodEnd: 'charge_period_end',
  ChargePeriodStart: 'charge_period_start',
  ConsumedQuantity: 'consumed_quantity::text',
  ConsumedUnit: 'consumed_unit',
  ContractedCost: 'contracted_cost::text',
  ContractedUnitPrice: 'contracted_unit_price::text',
  EffectiveCost: 'effective_cost::text',
  InvoiceIssuerName: 'invoice_issuer_name',
  ListCost: 'list_cost::text',
  ListUnitPrice: 'list_unit_price::text',
  PricingCategory: 'pricing_category',
  PricingCurrency: 'pricing_currency',
  PricingCurrencyContractedUnitPrice: 'pricing_currency_contracted_unit_price::text',
  PricingCurrencyEffectiveCost: 'pricing_currency_effective_cost::text',
  PricingCurrencyListUnitPrice: 'pricing_currency_list_unit_price::text',
  PricingQuantity: 'pricing_quantity::text',
  PricingUnit: 'pricing_unit',
  ProviderName: 'provider_name',
  PublisherName: 'publisher_name',
  RegionId: 'region_id',
  RegionName: 'region_name',
  ResourceId: 'resource_id',
  ResourceName: 'resource_name',
  ServiceCategory: 'service_category',
  ServiceName: 'service_name',
  SkuId: 'sku_id',
  SkuPriceId: 'sku_price_id',
  Tags: 'tags',
  x_ProviderId: 'provider_id',
  x_WorkloadId: 'workload_id::text',
  x_DeploymentId: 'deployment_id::text',
  x_Component: 'component',
  x_OfferId: 'offer_id',
  x_Basis: 'basis',
  x_IdempotencyKey: 'idempotency_key',
};

const SELECT_LIST = FOCUS_EXPORT_COLUMNS.map(
  (column) => `${COLUMN_SQL[column] ?? 'NULL'} AS "${column}"`,
).join(', ');

/** The position after the last row of a page: (charge_period_start as PostgreSQL prints it, id). */
export interface ExportCursor {
  readonly start: string;
  readonly id: string;
}

export interface ExportPage {
  /** Rows keyed by export column id. */
  readonly rows: Record<string, unknown>[];
  readonly next: ExportCursor | null;
}

export interface ExportRange {
  readonly tenant: string;
  readonly basis: CostBasis;
  readonly from: Date;
  readonly to: Date;
}

/**
 * Reads the ledger for the FOCUS export one page at a time with a keyset cursor on
 * (charge_period_start, id), each page its own statement: no transaction or session is held
 * between pages, so on the embedded database other requests run while an export streams.
 */
@Injectable()
export class FocusExportRepository {
  constructor(private readonly dataSource: DataSource) {}

  async page(range: ExportRange, after: ExportCursor | null, limit: number): Promise<ExportPage> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${SELECT_LIST}, charge_period_start::text AS cursor_start, id::text AS cursor_id
       FROM cost_ledger
       WHERE basis = $1 AND tenant = $2 AND charge_period_start >= $3 AND charge_period_start < $4
         AND ($5::timestamptz IS NULL OR charge_period_start > $5::timestamptz
              OR (charge_period_start = $5::timestamptz AND id > $6::bigint))
       ORDER BY charge_period_start, id
       LIMIT $7`,
      [
        range.basis,
        range.tenant,
        range.from.toISOString(),
        range.to.toISOString(),
        after?.start ?? null,
        after?.id ?? null,
        limit,
      ],
    );
    const last = rows.at(-1);
    const next: ExportCursor | null =
      last && rows.length === limit
        ? { start: last.cursor_start as string, id: last.cursor_id as string }
        : null;
    for (const row of rows) {
      delete row.cursor_start;
      delete row.cursor_id;
    }
    return { rows, next };
  }
}
