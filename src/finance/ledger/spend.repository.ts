import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CostBasis, SpendDimension, SpendGranularity, SpendRow } from '../../domain/finance/index.js';

export interface SpendFilter {
  readonly tenant: string;
  readonly from: Date;
  readonly to: Date;
  readonly groupBy: readonly SpendDimension[];
  readonly granularity: SpendGranularity;
  /** Only rows billed in this currency; amounts are never converted. */
  readonly currency: string | null;
}

/** One group as SQL returns it: sums are numeric printed as text (exact), keys in groupBy order. */
export interface SpendSqlRow {
  readonly period: string;
  readonly keys: (string | null)[];
  readonly currency: string;
  readonly billed: string | null;
  readonly effective: string | null;
  readonly list: string | null;
  readonly rowCount: number;
}

export interface ComparisonSqlRow {
  readonly period: string;
  readonly keys: (string | null)[];
  readonly currency: string;
  readonly estimated: { billed: string | null; effective: string | null; list: string | null };
  readonly actual: { billed: string | null; effective: string | null; list: string | null };
}

export interface BudgetRowsFilter {
  readonly tenant: string;
  readonly basis: CostBasis;
  readonly from: Date;
  readonly to: Date;
  readonly tagKey: string | null;
}

const PERIOD_FORMAT: Record<SpendGranularity, string> = { DAY: 'YYYY-MM-DD', MONTH: 'YYYY-MM' };

/**
 * The spend aggregates, each ONE SQL statement following aggregateSpend's rules (the domain
 * reference it is tested against): a row belongs to the UTC day/month of its charge period
 * start, REGION = COALESCE(region_id, region_name), the currency is always grouped, sums are
 * exact numeric, and groups are ordered by period, then each key in code-point order (COLLATE
 * "C") with nulls last, then currency.
 */
@Injectable()
export class SpendRepository {
  constructor(private readonly dataSource: DataSource) {}

  async aggregate(filter: SpendFilter, basis: CostBasis): Promise<SpendSqlRow[]> {
    const { select, groupBy, orderBy, params } = shape(filter, [basis]);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${select},
              sum(billed_cost)::text AS billed, sum(effective_cost)::text AS effective,
              sum(list_cost)::text AS list, count(*)::int AS row_count
       FROM cost_ledger
       WHERE tenant = $1 AND charge_period_start >= $2 AND charge_period_start < $3
         AND ($4::text IS NULL OR billing_currency = $4) AND basis = $5
       GROUP BY ${groupBy} ORDER BY ${orderBy}`,
      params,
    );
    return rows.map((row) => ({
      ...keysOf(row, filter.groupBy.length),
      billed: row.billed as string | null,
      effective: row.effective as string | null,
      list: row.list as string | null,
      rowCount: row.row_count as number,
    }));
  }

  /** Estimated and actual side by side, in one pass over both bases. */
  async compare(filter: SpendFilter): Promise<ComparisonSqlRow[]> {
    const { select, groupBy, orderBy, params } = shape(filter, []);
    const sums = (basis: CostBasis, prefix: string) =>
      ['billed', 'effective', 'list']
        .map((metric) => `sum(${metric}_cost) FILTER (WHERE basis = '${basis}')::text AS ${prefix}_${metric}`)
        .join(', ');
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${select}, ${sums('ESTIMATED', 'est')}, ${sums('ACTUAL', 'act')}
       FROM cost_ledger
       WHERE tenant = $1 AND charge_period_start >= $2 AND charge_period_start < $3
         AND ($4::text IS NULL OR billing_currency = $4) AND basis IN ('ESTIMATED', 'ACTUAL')
       GROUP BY ${groupBy} ORDER BY ${orderBy}`,
      params,
    );
    const metrics = (row: Record<string, unknown>, prefix: string) => ({
      billed: row[`${prefix}_billed`] as string | null,
      effective: row[`${prefix}_effective`] as string | null,
      list: row[`${prefix}_list`] as string | null,
    });
    return rows.map((row) => ({
      ...keysOf(row, filter.groupBy.length),
      estimated: metrics(row, 'est'),
      actual: metrics(row, 'act'),
    }));
  }

  /**
   * What a budget sums: one row per UTC day, provider, workload and (scope) tag value, carrying
   * the fields a budget scope matches on, so the domain's evaluateBudget runs on a month of
   * days rather than on every ledger row.
   */
  async dailyBudgetRows(filter: BudgetRowsFilter): Promise<SpendRow[]> {
    const rows: {
      day: Date;
      provider_name: string;
      workload_id: string | null;
      tag: string | null;
      currency: string;
      billed: string;
      effective: string;
      list: string | null;
    }[] = await this.dataSource.query(
      `SELECT date_trunc('day', charge_period_start AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS day,
              provider_name, workload_id::text AS workload_id,
              CASE WHEN $5::text IS NULL THEN NULL ELSE tags ->> $5::text END AS tag,
              billing_currency AS currency, sum(billed_cost)::text AS billed,
              sum(effective_cost)::text AS effective, sum(list_cost)::text AS list
       FROM cost_ledger
       WHERE tenant = $1 AND basis = $2 AND charge_period_start >= $3 AND charge_period_start < $4
       GROUP BY 1, 2, 3, 4, 5 ORDER BY 1`,
      [filter.tenant, filter.basis, filter.from.toISOString(), filter.to.toISOString(), filter.tagKey],
    );
    return rows.map((row) => {
      const start = new Date(row.day);
      return {
        chargePeriodStart: start.toISOString(),
        chargePeriodEnd: new Date(start.getTime() + 86_400_000).toISOString(),
        providerName: row.provider_name,
        regionId: null,
        regionName: null,
        workloadId: row.workload_id,
        // Budgets do not scope by category; the field is required by SpendRow only.
        serviceCategory: 'OTHER',
        tags: filter.tagKey !== null && row.tag !== null ? { [filter.tagKey]: row.tag } : {},
        billingCurrency: row.currency,
        billedCost: row.billed,
        effectiveCost: row.effective,
        listCost: row.list,
      };
    });
  }

  /** The end of the latest charge of a basis in [from, to): how far an imported bill reaches. */
  async latestChargeEnd(tenant: string, basis: CostBasis, from: Date, to: Date): Promise<Date | null> {
    const [row] = await this.dataSource.query<{ latest: Date | null }[]>(
      `SELECT max(charge_period_end) AS latest FROM cost_ledger
       WHERE tenant = $1 AND basis = $2 AND charge_period_start >= $3 AND charge_period_start < $4`,
      [tenant, basis, from.toISOString(), to.toISOString()],
    );
    return row?.latest ?? null;
  }
}

/** SQL for each dimension; the tag key is always a bound parameter, never spliced. */
function dimensionSql(dimension: SpendDimension, tagParam: string): string {
  if (typeof dimension !== 'string') return `(tags ->> ${tagParam}::text)`;
  switch (dimension) {
    case 'PROVIDER':
      return 'provider_name';
    case 'REGION':
      return 'COALESCE(region_id, region_name)';
    case 'WORKLOAD':
      return 'workload_id::text';
    case 'SERVICE_CATEGORY':
      return 'service_category';
  }
}

function shape(filter: SpendFilter, extra: readonly unknown[]) {
  const params: unknown[] = [
    filter.tenant,
    filter.from.toISOString(),
    filter.to.toISOString(),
    filter.currency,
    ...extra,
  ];
  const tag = filter.groupBy.find((d) => typeof d !== 'string');
  let tagParam = '';
  if (tag && typeof tag !== 'string') {
    params.push(tag.tag);
    tagParam = `$${params.length}`;
  }
  const period = `to_char(charge_period_start AT TIME ZONE 'UTC', '${PERIOD_FORMAT[filter.granularity]}')`;
  const dims = filter.groupBy.map((d) => dimensionSql(d, tagParam));
  const select = [
    `${period} AS period`,
    ...dims.map((sql, i) => `${sql} AS k${i}`),
    'billing_currency AS currency',
  ].join(', ');
  const groupBy = Array.from({ length: dims.length + 2 }, (_, i) => String(i + 1)).join(', ');
  const orderBy = [
    '1',
    ...dims.map((sql) => `${sql} COLLATE "C" NULLS LAST`),
    'billing_currency COLLATE "C"',
  ].join(', ');
  return { select, groupBy, orderBy, params };
}

function keysOf(row: Record<string, unknown>, count: number) {
  return {
    period: row.period as string,
    keys: Array.from({ length: count }, (_, i) => (row[`k${i}`] as string | null) ?? null),
    currency: row.currency as string,
  };
}
