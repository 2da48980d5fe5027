// The finance core's public surface: pure functions over plain types, `now` always passed in.
export {
  accrueDay,
  accrualIdempotencyKey,
  pricingCategory,
  LEDGER_CURRENCY,
  type AccrualSkip,
  type DayAccrual,
} from './accrue-day.js';
export {
  evaluateBudget,
  matchesScope,
  type AlertBasis,
  type Budget,
  type BudgetAlert,
  type BudgetEvaluation,
  type BudgetEvaluationInput,
  type BudgetScope,
} from './budgets.js';
export { canonicalDecimal, ExactSum, sumDecimals } from './exact-sum.js';
export type { Amount, DeployedOffer, Deployment, PriceChange } from './finance-types.js';
export * from './focus-columns.js';
export {
  CSV_LINE_END,
  focusCsvHeader,
  focusCsvLines,
  formatCsvField,
  formatFocusCsvRow,
} from './focus-csv.js';
export * from './focus-import.js';
export * from './focus-validate.js';
export {
  forecastSpend,
  type Forecast,
  type ForecastByProvider,
  type ForecastInput,
  type ForecastLine,
} from './forecast.js';
export {
  monthlyRunRateUsd,
  priceChangesAffecting,
  priceInForce,
  type PriceImpact,
  type PriceStep,
} from './price-impact.js';
export { priceTimelines, type PriceTimelines } from './price-segments.js';
export { estimateSavings, type SavingsEstimate, type SavingsInput } from './savings.js';
export * from './spend.js';
export { dayBounds, monthBounds, type Instant } from './utc-time.js';
