import { SERVICE_CATEGORY_FOCUS_NAMES, type ServiceCategory } from '../catalog/catalog-enums.js';
import { ExactSum } from './exact-sum.js';
import type { FocusCostRow } from './focus-columns.js';
import { isoDay, monthOf } from './utc-time.js';

/**
 * What spend is summed over: the fields both an accrued ledger row and an imported FOCUS
 * record carry. Decimals are strings; chargePeriodStart an ISO 8601 instant.
 */
export interface SpendRow {
  readonly chargePeriodStart: string;
  readonly chargePeriodEnd: string;
  readonly providerName: string;
  readonly regionId: string | null;
  readonly regionName: string | null;
  /** Cumulus workload; null for imported bills, which know nothing of workloads. */
  readonly workloadId: string | null;
  readonly serviceCategory: ServiceCategory;
  readonly tags: Readonly<Record<string, string>>;
  readonly billingCurrency: string;
  readonly billedCost: string;
  readonly effectiveCost: string;
  readonly listCost: string | null;
}

export type SpendDimension =
  'PROVIDER' | 'REGION' | 'WORKLOAD' | 'SERVICE_CATEGORY' | { readonly tag: string };
export type SpendGranularity = 'DAY' | 'MONTH';
/** BILLED reconciles with the invoice; EFFECTIVE is the amortised cost FinOps analyses; LIST is before discounts. */
export type CostMetric = 'BILLED' | 'EFFECTIVE' | 'LIST';

export interface SpendQuery {
  readonly groupBy: readonly SpendDimension[];
  readonly granularity: SpendGranularity;
  readonly metric: CostMetric;
}

export interface SpendGroup {
  /** 'YYYY-MM-DD' or 'YYYY-MM' (UTC) of ChargePeriodStart. */
  readonly period: string;
  /** One entry per dimension: 'PROVIDER', 'REGION', 'WORKLOAD', 'SERVICE_CATEGORY', 'TAG:<key>'; null = not set. */
  readonly keys: Readonly<Record<string, string | null>>;
  /** Currencies are never added together: the currency is always part of the group. */
  readonly currency: string;
  /** Exact decimal string; null when every row of the group has the metric null (as SQL SUM). */
  readonly amount: string | null;
  readonly rowCount: number;
}

/**
 * Groups cost rows by period and dimensions and sums one metric exactly. This is the reference
 * the SQL version is tested against, so it follows SQL's rules where they differ from intuition:
 *
 * - a row belongs to the day/month of its ChargePeriodStart (date_trunc on charge_period_start);
 *   a charge spanning days is not spread;
 * - REGION is COALESCE(RegionId, RegionName) (Oracle's FOCUS rows leave RegionId null);
 * - SERVICE_CATEGORY is the FOCUS display name ("Compute"); TAG:<key> the tag's value or null;
 * - a null metric adds nothing, and a group whose rows are all null sums to null;
 * - order: period, then each dimension value ascending with nulls last, then currency.
 */
export function aggregateSpend(rows: Iterable<SpendRow>, query: SpendQuery): SpendGroup[] {
  const groups = new Map<
    string,
    {
      period: string;
      values: (string | null)[];
      currency: string;
      sum: ExactSum;
      summed: number;
      rowCount: number;
    }
  >();
  for (const row of rows) {
    const period = periodOf(row.chargePeriodStart, query.granularity);
    const values = query.groupBy.map((dimension) => dimensionValue(row, dimension));
    const key = JSON.stringify([period, values, row.billingCurrency]);
    let group = groups.get(key);
    if (!group) {
      group = { period, values, currency: row.billingCurrency, sum: new ExactSum(), summed: 0, rowCount: 0 };
      groups.set(key, group);
    }
    group.rowCount += 1;
    const amount = metricOf(row, query.metric);
    if (amount !== null) {
      group.sum.add(amount);
      group.summed += 1;
    }
  }
  const labels = query.groupBy.map(dimensionLabel);
  return [...groups.values()]
    .sort(
      (a, b) =>
        compareText(a.period, b.period) ||
        compareValues(a.values, b.values) ||
        compareText(a.currency, b.currency),
    )
    .map((g) => ({
      period: g.period,
      keys: Object.fromEntries(labels.map((label, i) => [label, g.values[i] ?? null])),
      currency: g.currency,
      amount: g.summed === 0 ? null : g.sum.toString(),
      rowCount: g.rowCount,
    }));
}

export function dimensionLabel(dimension: SpendDimension): string {
  return typeof dimension === 'string' ? dimension : `TAG:${dimension.tag}`;
}

function dimensionValue(row: SpendRow, dimension: SpendDimension): string | null {
  if (typeof dimension !== 'string') return row.tags[dimension.tag] ?? null;
  switch (dimension) {
    case 'PROVIDER':
      return row.providerName;
    case 'REGION':
      return row.regionId ?? row.regionName;
    case 'WORKLOAD':
      return row.workloadId;
    case 'SERVICE_CATEGORY':
      return SERVICE_CATEGORY_FOCUS_NAMES[row.serviceCategory];
  }
}

function metricOf(row: SpendRow, metric: CostMetric): string | null {
  switch (metric) {
    case 'BILLED':
      return row.billedCost;
    case 'EFFECTIVE':
      return row.effectiveCost;
    case 'LIST':
      return row.listCost;
  }
}

function periodOf(instant: string, granularity: SpendGranularity): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: "${instant}"`);
  return granularity === 'DAY' ? isoDay(ms) : monthOf(ms);
}

/** Code-point order, as PostgreSQL sorts under the C collation; locale collation would differ between machines. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareValues(a: readonly (string | null)[], b: readonly (string | null)[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    return compareText(x, y);
  }
  return 0;
}

const CATEGORY_BY_FOCUS_NAME = new Map(
  Object.entries(SERVICE_CATEGORY_FOCUS_NAMES).map(([category, name]) => [name, category as ServiceCategory]),
);

/** FOCUS display name → ServiceCategory; null for a name FOCUS does not define. */
export function serviceCategoryFromFocusName(name: string): ServiceCategory | null {
  return CATEGORY_BY_FOCUS_NAME.get(name) ?? null;
}

/** An accrued ledger row as a spend row. */
export function spendRowFromCostRow(row: FocusCostRow): SpendRow {
  return {
    chargePeriodStart: row.ChargePeriodStart,
    chargePeriodEnd: row.ChargePeriodEnd,
    providerName: row.ProviderName,
    regionId: row.RegionId,
    regionName: row.RegionName,
    workloadId: row.x_WorkloadId,
    serviceCategory: serviceCategoryFromFocusName(row.ServiceCategory) ?? 'OTHER',
    tags: row.Tags,
    billingCurrency: row.BillingCurrency,
    billedCost: row.BilledCost,
    effectiveCost: row.EffectiveCost,
    listCost: row.ListCost,
  };
}
