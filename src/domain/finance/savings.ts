import { Decimal } from 'decimal.js';
import { money, toNumericString } from '../money.js';

export interface SavingsInput {
  /** What the workload costs per month where it runs now. */
  readonly currentMonthlyCost: string;
  /** What the best placement would cost per month, on the same monthly basis. */
  readonly bestMonthlyCost: string;
  /** One-off cost of moving: egress, double-running during cutover, labour. */
  readonly migrationOneOffCost: string;
  readonly currency: string;
}

export interface SavingsEstimate {
  readonly currency: string;
  /** current − best; negative when the best placement is dearer. */
  readonly monthlySaving: string;
  readonly annualSaving: string;
  /** Months until the one-off cost is earned back, rounded up to 2 places; null when nothing is saved. */
  readonly paybackMonths: string | null;
  /** Saving over the horizon minus the one-off cost. */
  readonly netSavingOverHorizon: string;
  readonly horizonMonths: number;
}

/**
 * Monthly saving and payback of a move. Both monthly costs must be on the same basis: the
 * placement engine's figures use the 730-hour month (HOURS_PER_MONTH), and mixing them with a
 * calendar-month ledger total would invent a 1.9 % "saving" in a 31-day month. Payback is
 * rounded up, never down, so a move is not shown paying back sooner than it does.
 */
export function estimateSavings(input: SavingsInput, horizonMonths = 12): SavingsEstimate {
  if (!Number.isSafeInteger(horizonMonths) || horizonMonths < 1)
    throw new RangeError('horizonMonths must be a whole number ≥ 1');
  const oneOff = money(input.migrationOneOffCost);
  if (oneOff.isNegative()) throw new RangeError('a one-off migration cost cannot be negative');
  const saving = money(input.currentMonthlyCost).minus(input.bestMonthlyCost);
  const paybackMonths = saving.lte(0) ? null : oneOff.div(saving).toDecimalPlaces(2, Decimal.ROUND_CEIL);
  return {
    currency: input.currency,
    monthlySaving: toNumericString(saving),
    annualSaving: toNumericString(saving.mul(12)),
    paybackMonths: paybackMonths === null ? null : toNumericString(paybackMonths),
    netSavingOverHorizon: toNumericString(saving.mul(horizonMonths).minus(oneOff)),
    horizonMonths,
  };
}
