import { SERVICE_CATEGORY_FOCUS_NAMES, type PurchaseOption } from '../catalog/catalog-enums.js';
import { money, toNumericString } from '../money.js';
import type { Deployment, PriceChange } from './finance-types.js';
import type { FocusCostRow } from './focus-columns.js';
import { pricedSegments, priceTimelines, type PricedSegment, type PriceTimelines } from './price-segments.js';
import { dayBounds, hoursBetween, isoInstant, monthBounds, monthOf } from './utc-time.js';

/** Cumulus's ledger bills in USD; the offer's own currency is kept in FOCUS's PricingCurrency columns. */
export const LEDGER_CURRENCY = 'USD';

export interface AccrualSkip {
  readonly deploymentId: string;
  readonly reason: string;
}

export interface DayAccrual {
  readonly day: string;
  readonly rows: FocusCostRow[];
  /** Deployments (or stretches of them) that ran this day but could not be priced, with why. */
  readonly skipped: AccrualSkip[];
}

/**
 * The estimated cost rows of one UTC day: one row per deployment per stretch of constant price,
 * split at the deployment's from/to (a migration cutover) and at every price change.
 *
 * A day is exactly 24 hours and every row is priced by its real duration: PricingQuantity =
 * hours × count. The 730-hour month is a *monthly estimate* convention (placement, savings) and
 * never enters accrual, so a 31-day month accrues 744 h and February 672 h.
 *
 * Costs: ListCost = quantity × list price (USD). ContractedCost = quantity × the offer's
 * negotiated USD price when one is given, else ListCost. BilledCost = EffectiveCost =
 * ContractedCost: an hourly catalog price (on-demand, spot, or a reservation's effective hourly
 * rate) is what is paid for the hour, and there is no up-front purchase to amortise.
 *
 * Re-running a day yields the same rows with the same x_IdempotencyKey (deployment id + charge
 * period start), so the writer can replace instead of adding. If a price change is inserted
 * later the day's segments change: the writer should replace a (deployment, day) as a whole.
 *
 * Only unit HOUR is accrued from time alone. Metered units (GB, GB_MONTH, REQUEST, …) need a
 * measured quantity and are reported in `skipped`, as are stretches with no USD price.
 */
export function accrueDay(
  day: string,
  deployments: readonly Deployment[],
  priceHistory: readonly PriceChange[] | PriceTimelines,
): DayAccrual {
  const { startMs, endMs } = dayBounds(day);
  const billingPeriod = monthBounds(monthOf(startMs));
  const timelines = isTimelines(priceHistory) ? priceHistory : priceTimelines(priceHistory);
  const rows: FocusCostRow[] = [];
  const skipped: AccrualSkip[] = [];
  const shared = dayContext(billingPeriod);

  for (const deployment of deployments) {
    if (!Number.isSafeInteger(deployment.count) || deployment.count < 0) {
      skipped.push({
        deploymentId: deployment.id,
        reason: `count must be a whole number ≥ 0, got ${deployment.count}`,
      });
      continue;
    }
    const segments = pricedSegments(deployment, startMs, endMs, timelines);
    if (segments.length === 0 || deployment.count === 0) continue;
    if (deployment.offer.unit !== 'HOUR') {
      skipped.push({
        deploymentId: deployment.id,
        reason: `unit ${deployment.offer.unit} is metered, not accrued by time; needs a measured quantity`,
      });
      continue;
    }
    for (const segment of segments) {
      if (segment.pricePerUnitUsd === null) {
        skipped.push({
          deploymentId: deployment.id,
          reason: `no USD price for ${deployment.offer.sku} (${deployment.offer.currency}) from ${isoInstant(segment.startMs)} to ${isoInstant(segment.endMs)}`,
        });
        continue;
      }
      rows.push(costRow(deployment, segment, segment.pricePerUnitUsd, shared));
    }
  }
  rows.sort(
    (a, b) =>
      a.x_DeploymentId.localeCompare(b.x_DeploymentId) ||
      a.ChargePeriodStart.localeCompare(b.ChargePeriodStart),
  );
  return { day, rows, skipped };
}

export function accrualIdempotencyKey(deploymentId: string, chargePeriodStart: string): string {
  return `${deploymentId}@${chargePeriodStart}`;
}

/**
 * What one day's rows share, computed once: most rows of a day have the same instants, and the
 * same (hours, count, prices) recur across deployments, so the exact decimal arithmetic for a
 * combination is done once per day (a year of 10k deployments is 3.65M rows).
 */
interface DayContext {
  readonly billingPeriodStart: string;
  readonly billingPeriodEnd: string;
  readonly instants: Map<number, string>;
  readonly amounts: Map<string, RowAmounts>;
}

interface RowAmounts {
  readonly quantity: string;
  readonly listCost: string;
  readonly contractedCost: string;
  readonly contractedUnitPrice: string;
  readonly listUnitPrice: string;
  readonly pricingCurrencyContractedUnitPrice: string | null;
  readonly pricingCurrencyEffectiveCost: string | null;
  readonly pricingCurrencyListUnitPrice: string;
}

function dayContext(billingPeriod: { startMs: number; endMs: number }): DayContext {
  return {
    billingPeriodStart: isoInstant(billingPeriod.startMs),
    billingPeriodEnd: isoInstant(billingPeriod.endMs),
    instants: new Map(),
    amounts: new Map(),
  };
}

function instantOf(day: DayContext, ms: number): string {
  let text = day.instants.get(ms);
  if (text === undefined) {
    text = isoInstant(ms);
    day.instants.set(ms, text);
  }
  return text;
}

function rowAmounts(
  day: DayContext,
  durationMs: number,
  count: number,
  listUnitPriceUsd: string,
  contractedPricePerUnitUsd: string | null,
  pricePerUnit: string,
): RowAmounts {
  const key = `${durationMs}|${count}|${listUnitPriceUsd}|${contractedPricePerUnitUsd ?? ''}|${pricePerUnit}`;
  const cached = day.amounts.get(key);
  if (cached) return cached;
  const quantity = hoursBetween(0, durationMs).mul(count);
  const contractedUnitPrice = contractedPricePerUnitUsd ?? listUnitPriceUsd;
  const contractedCost = toNumericString(quantity.mul(contractedUnitPrice));
  // A negotiated price is known in USD only; its pricing-currency figures are left null rather than guessed.
  const negotiated = contractedPricePerUnitUsd !== null;
  const amounts: RowAmounts = {
    quantity: toNumericString(quantity),
    listCost: toNumericString(quantity.mul(listUnitPriceUsd)),
    contractedCost,
    contractedUnitPrice: toNumericString(money(contractedUnitPrice)),
    listUnitPrice: toNumericString(money(listUnitPriceUsd)),
    pricingCurrencyContractedUnitPrice: negotiated ? null : toNumericString(money(pricePerUnit)),
    pricingCurrencyEffectiveCost: negotiated ? null : toNumericString(quantity.mul(pricePerUnit)),
    pricingCurrencyListUnitPrice: toNumericString(money(pricePerUnit)),
  };
  day.amounts.set(key, amounts);
  return amounts;
}

function costRow(
  deployment: Deployment,
  segment: PricedSegment,
  listUnitPriceUsd: string,
  day: DayContext,
): FocusCostRow {
  const { offer, provider, region } = deployment;
  const amounts = rowAmounts(
    day,
    segment.endMs - segment.startMs,
    deployment.count,
    listUnitPriceUsd,
    offer.contractedPricePerUnitUsd ?? null,
    segment.pricePerUnit,
  );
  const chargePeriodStart = instantOf(day, segment.startMs);
  const purchaseOption = offer.purchaseOption ?? 'ON_DEMAND';

  return {
    BilledCost: amounts.contractedCost,
    BillingAccountId: deployment.billingAccountId ?? provider.id,
    BillingAccountName: deployment.billingAccountName ?? null,
    BillingCurrency: LEDGER_CURRENCY,
    BillingPeriodEnd: day.billingPeriodEnd,
    BillingPeriodStart: day.billingPeriodStart,
    ChargeCategory: 'Usage',
    ChargeClass: null,
    ChargeDescription: `${deployment.count} × ${offer.sku} for ${deployment.component} at ${segment.pricePerUnit} ${offer.currency}/h`,
    ChargeFrequency: 'Usage-Based',
    ChargePeriodEnd: instantOf(day, segment.endMs),
    ChargePeriodStart: chargePeriodStart,
    ConsumedQuantity: amounts.quantity,
    ConsumedUnit: 'Hours',
    ContractedCost: amounts.contractedCost,
    ContractedUnitPrice: amounts.contractedUnitPrice,
    EffectiveCost: amounts.contractedCost,
    InvoiceIssuerName: provider.name,
    ListCost: amounts.listCost,
    ListUnitPrice: amounts.listUnitPrice,
    PricingCategory: pricingCategory(purchaseOption),
    PricingCurrency: offer.currency,
    PricingCurrencyContractedUnitPrice: amounts.pricingCurrencyContractedUnitPrice,
    PricingCurrencyEffectiveCost: amounts.pricingCurrencyEffectiveCost,
    PricingCurrencyListUnitPrice: amounts.pricingCurrencyListUnitPrice,
    PricingQuantity: amounts.quantity,
    PricingUnit: 'Hours',
    ProviderName: provider.name,
    PublisherName: provider.name,
    RegionId: region.code,
    RegionName: region.name,
    ResourceId: `${deployment.id}/${deployment.component}`,
    ResourceName: `${deployment.workloadName}/${deployment.component}`,
    ServiceCategory: SERVICE_CATEGORY_FOCUS_NAMES[offer.serviceCategory],
    ServiceName: offer.service,
    SkuId: offer.sku,
    SkuPriceId: segment.offerId,
    Tags: { ...deployment.tags },
    x_ProviderId: provider.id,
    x_WorkloadId: deployment.workloadId,
    x_DeploymentId: deployment.id,
    x_Component: deployment.component,
    x_OfferId: segment.offerId,
    x_Basis: 'ESTIMATED',
    x_IdempotencyKey: accrualIdempotencyKey(deployment.id, chargePeriodStart),
  };
}

/** FOCUS PricingCategory for a catalog purchase option. */
export function pricingCategory(option: PurchaseOption): 'Standard' | 'Dynamic' | 'Committed' | 'Other' {
  switch (option) {
    case 'ON_DEMAND':
      return 'Standard';
    case 'SPOT':
    case 'LOW_PRIORITY':
      return 'Dynamic';
    case 'RESERVED_1Y':
    case 'RESERVED_3Y':
    case 'SAVINGS_PLAN_1Y':
    case 'SAVINGS_PLAN_3Y':
    case 'CAPACITY_BLOCK':
      return 'Committed';
    case 'DEV_TEST':
      return 'Other';
  }
}

function isTimelines(value: readonly PriceChange[] | PriceTimelines): value is PriceTimelines {
  return value instanceof Map;
}
