import { money, toNumericString } from '../money.js';
import { ExactSum } from './exact-sum.js';
import type { Deployment, PriceChange } from './finance-types.js';
import { forecastSpend } from './forecast.js';
import type { PriceTimelines } from './price-segments.js';
import type { SpendRow } from './spend.js';
import { isoInstant, monthBounds, monthOf, toMs, type Instant } from './utc-time.js';

export interface BudgetScope {
  readonly providerName?: string;
  readonly workloadId?: string;
  readonly tag?: { readonly key: string; readonly value: string };
}

export interface Budget {
  readonly id: string;
  /** Per period, a decimal string. */
  readonly amount: string;
  readonly currency: string;
  readonly period: 'MONTH';
  /** Empty = everything. Conditions combine with AND. */
  readonly scope: BudgetScope;
  /** Percentages of `amount`, e.g. [50, 80, 100]. */
  readonly thresholdsPct: readonly number[];
}

export type AlertBasis = 'ACTUAL' | 'FORECAST';

export interface BudgetAlert {
  readonly budgetId: string;
  /** 'YYYY-MM' */
  readonly period: string;
  readonly thresholdPct: number;
  readonly basis: AlertBasis;
  /**
   * ACTUAL: end of the charge period whose cost carried the running total over the threshold.
   * FORECAST: the evaluation instant at which the forecast first reached it.
   */
  readonly crossedAt: string;
  /** Actual-to-date (ACTUAL) or forecast-to-period-end (FORECAST) when raised. */
  readonly amount: string;
  readonly thresholdAmount: string;
  readonly currency: string;
}

export interface BudgetEvaluationInput {
  readonly budget: Budget;
  /** Evaluation instant. */
  readonly now: Instant;
  /**
   * The ledger is complete up to here (the end of the last accrued day); actual counts charge
   * periods starting before it and the forecast starts at it, so nothing is counted twice or
   * missed. Defaults to `now`.
   */
  readonly actualThrough?: Instant;
  /** Ledger rows of one basis (estimated or imported), any scope; filtered here. */
  readonly actualRows: Iterable<SpendRow>;
  readonly deployments: readonly Deployment[];
  readonly prices: readonly PriceChange[] | PriceTimelines;
  /** Alerts already raised for this budget (any period); none of them is raised again. */
  readonly raisedAlerts: readonly BudgetAlert[];
}

export interface BudgetEvaluation {
  readonly period: string;
  readonly actualToDate: string;
  readonly forecastToPeriodEnd: string;
  readonly newAlerts: BudgetAlert[];
  /** In-scope rows in another currency than the budget's: not converted, not counted. */
  readonly ignoredRowsOtherCurrency: number;
}

/**
 * Evaluates a monthly budget on EffectiveCost (what FinOps budgets track; equal to BilledCost
 * on accrued rows, which carry no amortised purchases). For each threshold, an ACTUAL alert when actual-to-date reaches
 * it, else a FORECAST alert when actual-to-date + forecast-to-month-end does. Each
 * (period, threshold, basis) is raised once: a threshold already alerted on is not alerted on
 * again, and a forecast alert is not raised for a threshold actual spend has already crossed.
 * A forecast alert may later be followed by the actual one: that is news, not a duplicate.
 */
export function evaluateBudget(input: BudgetEvaluationInput): BudgetEvaluation {
  const { budget } = input;
  const nowMs = toMs(input.now);
  const throughMs = input.actualThrough === undefined ? nowMs : toMs(input.actualThrough);
  const period = monthOf(nowMs);
  const bounds = monthBounds(period);
  if (throughMs < bounds.startMs || throughMs > bounds.endMs)
    throw new RangeError('actualThrough must lie in the period being evaluated');

  let ignored = 0;
  const inScope: SpendRow[] = [];
  for (const row of input.actualRows) {
    const startMs = Date.parse(row.chargePeriodStart);
    if (startMs < bounds.startMs || startMs >= throughMs || !matchesScope(budget.scope, row)) continue;
    if (row.billingCurrency !== budget.currency) ignored += 1;
    else inScope.push(row);
  }
  inScope.sort((a, b) => Date.parse(a.chargePeriodEnd) - Date.parse(b.chargePeriodEnd));
  const actual = new ExactSum().addAll(inScope.map((r) => r.effectiveCost));

  const forecast = forecastSpend({
    from: isoInstant(throughMs),
    months: 1,
    deployments: input.deployments,
    prices: input.prices,
  });
  const remaining = new ExactSum();
  for (const line of forecast.lines) {
    if (line.month === period && line.currency === budget.currency && matchesScope(budget.scope, line))
      remaining.add(line.cost);
  }
  const actualToDate = money(actual.toString());
  const forecastToPeriodEnd = actualToDate.plus(remaining.toString());

  const already = new Set(
    input.raisedAlerts
      .filter((a) => a.budgetId === budget.id && a.period === period)
      .map((a) => `${a.thresholdPct}:${a.basis}`),
  );
  const newAlerts: BudgetAlert[] = [];
  for (const pct of [...budget.thresholdsPct].sort((a, b) => a - b)) {
    if (!(pct > 0)) throw new RangeError(`threshold ${pct} % must be positive`);
    const thresholdAmount = money(budget.amount).mul(pct).div(100);
    const alert = (basis: AlertBasis, amount: string, crossedAt: string): BudgetAlert => ({
      budgetId: budget.id,
      period,
      thresholdPct: pct,
      basis,
      crossedAt,
      amount,
      thresholdAmount: toNumericString(thresholdAmount),
      currency: budget.currency,
    });
    if (actualToDate.gte(thresholdAmount)) {
      if (!already.has(`${pct}:ACTUAL`))
        newAlerts.push(
          alert('ACTUAL', actual.toString(), crossingInstant(inScope, thresholdAmount.toFixed(), throughMs)),
        );
    } else if (forecastToPeriodEnd.gte(thresholdAmount) && !already.has(`${pct}:FORECAST`)) {
      newAlerts.push(alert('FORECAST', toNumericString(forecastToPeriodEnd), isoInstant(nowMs)));
    }
  }
  return {
    period,
    actualToDate: actual.toString(),
    forecastToPeriodEnd: new ExactSum().add(forecastToPeriodEnd).toString(),
    newAlerts,
    ignoredRowsOtherCurrency: ignored,
  };
}

export function matchesScope(
  scope: BudgetScope,
  row: { providerName: string; workloadId: string | null; tags: Readonly<Record<string, string>> },
): boolean {
  if (scope.providerName !== undefined && row.providerName !== scope.providerName) return false;
  if (scope.workloadId !== undefined && row.workloadId !== scope.workloadId) return false;
  if (scope.tag !== undefined && row.tags[scope.tag.key] !== scope.tag.value) return false;
  return true;
}

/** The end of the first charge period (rows in end order) at which the running total reaches the threshold. */
function crossingInstant(rows: readonly SpendRow[], threshold: string, throughMs: number): string {
  const running = new ExactSum();
  for (const row of rows) {
    running.add(row.effectiveCost);
    if (money(running.toString()).gte(threshold))
      return isoInstant(Math.min(Date.parse(row.chargePeriodEnd), throughMs));
  }
  return isoInstant(throughMs);
}
