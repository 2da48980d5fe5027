import { money } from '../money.js';
import { SERVICE_CATEGORY_FOCUS_NAMES } from '../catalog/catalog-enums.js';
import { ExactSum, canonicalDecimal } from './exact-sum.js';
import { FOCUS_COLUMN_SPECS, FOCUS_NON_NULL_COLUMNS } from './focus-columns.js';

export type FocusRule =
  | 'NOT_NULL'
  | 'CONDITIONAL_NOT_NULL'
  | 'ALLOWED_VALUE'
  | 'DECIMAL_FORMAT'
  | 'DATETIME_FORMAT'
  | 'CURRENCY_FORMAT'
  | 'CHARGE_PERIOD_ORDER'
  | 'BILLING_PERIOD_ORDER'
  | 'CHARGE_PERIOD_WITHIN_BILLING_PERIOD'
  | 'UNIT_PRICE_TIMES_QUANTITY'
  | 'TAGS_FORMAT'
  | 'OVERLAPPING_CHARGE_PERIODS'
  | 'TOTAL_MISMATCH';

export interface FocusViolation {
  /** Index in the input; -1 for a rule over the whole set (a total). */
  readonly rowIndex: number;
  readonly column: string;
  readonly rule: FocusRule;
  readonly message: string;
}

type Row = Readonly<Record<string, unknown>>;

const CHARGE_CATEGORIES = ['Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment'];
const CHARGE_FREQUENCIES = ['One-Time', 'Recurring', 'Usage-Based'];
const SERVICE_CATEGORY_NAMES = Object.values(SERVICE_CATEGORY_FOCUS_NAMES);
const PLAIN_DECIMAL = /^[+-]?\d+(\.\d+)?$/;
/** FOCUS 1.2 DateTimeFormat: ISO 8601 in UTC with 'Z'. */
const FOCUS_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const CURRENCY = /^[A-Z]{3}$/;

/** Columns that must be filled on Usage and Purchase rows that are not corrections (FOCUS 1.2). */
const USAGE_NOT_NULL = ['PricingQuantity', 'PricingUnit', 'ListUnitPrice'];

/**
 * FOCUS 1.2 rules a Cumulus export must pass: mandatory columns filled, allowed values,
 * decimal/date-time/currency formats, half-open charge periods inside their billing period,
 * and quantity × unit price = cost where both are given. Rows are keyed by column id; a
 * column absent from a row is null. Returns every violation found, in row order.
 */
export function validateFocusRows(rows: readonly object[]): FocusViolation[] {
  const violations: FocusViolation[] = [];
  rows.forEach((row, rowIndex) => violations.push(...validateRow(row as Row, rowIndex)));
  return violations;
}

function validateRow(row: Row, rowIndex: number): FocusViolation[] {
  const out: FocusViolation[] = [];
  const add = (column: string, rule: FocusRule, message: string) =>
    out.push({ rowIndex, column, rule, message });
  const value = (column: string) => textOf(row[column]);

  for (const column of FOCUS_NON_NULL_COLUMNS) {
    if (value(column) === null) add(column, 'NOT_NULL', `${column} must not be null`);
  }
  const category = value('ChargeCategory');
  const isCorrection = value('ChargeClass') === 'Correction';
  if ((category === 'Usage' || category === 'Purchase') && !isCorrection) {
    for (const column of USAGE_NOT_NULL) {
      if (value(column) === null)
        add(column, 'CONDITIONAL_NOT_NULL', `${column} must not be null on a ${category} row`);
    }
  }

  checkAllowed(value('ChargeCategory'), CHARGE_CATEGORIES, 'ChargeCategory', add);
  checkAllowed(value('ChargeFrequency'), CHARGE_FREQUENCIES, 'ChargeFrequency', add);
  checkAllowed(value('ChargeClass'), ['Correction'], 'ChargeClass', add);
  checkAllowed(value('ServiceCategory'), SERVICE_CATEGORY_NAMES, 'ServiceCategory', add);

  for (const [column, spec] of FOCUS_COLUMN_SPECS) {
    const text = value(column);
    if (text === null) continue;
    if (spec.dataType === 'Decimal' && !PLAIN_DECIMAL.test(text))
      add(column, 'DECIMAL_FORMAT', `${column} "${text}" is not a plain decimal`);
    if (spec.dataType === 'DateTime' && !FOCUS_DATETIME.test(text))
      add(column, 'DATETIME_FORMAT', `${column} "${text}" is not ISO 8601 with Z`);
  }
  for (const column of ['BillingCurrency', 'PricingCurrency']) {
    const text = value(column);
    if (text !== null && !CURRENCY.test(text))
      add(column, 'CURRENCY_FORMAT', `${column} "${text}" is not an ISO 4217 code`);
  }
  const tags = row.Tags;
  if (tags !== null && tags !== undefined && !isTagObject(tags))
    add('Tags', 'TAGS_FORMAT', 'Tags must be a JSON object of key/value pairs');

  checkPeriods(row, add);
  if (!isCorrection) {
    checkProduct(row, 'ListUnitPrice', 'ListCost', add);
    checkProduct(row, 'ContractedUnitPrice', 'ContractedCost', add);
  }
  return out;
}

type Add = (column: string, rule: FocusRule, message: string) => void;

function checkAllowed(text: string | null, allowed: readonly string[], column: string, add: Add): void {
  if (text !== null && !allowed.includes(text))
    add(column, 'ALLOWED_VALUE', `${column} "${text}" is not one of ${allowed.join(', ')}`);
}

function checkPeriods(row: Row, add: Add): void {
  const instant = (column: string) => {
    const text = textOf(row[column]);
    return text !== null && FOCUS_DATETIME.test(text) ? Date.parse(text) : null;
  };
  const chargeStart = instant('ChargePeriodStart');
  const chargeEnd = instant('ChargePeriodEnd');
  const billingStart = instant('BillingPeriodStart');
  const billingEnd = instant('BillingPeriodEnd');
  if (chargeStart !== null && chargeEnd !== null && !(chargeStart < chargeEnd)) {
    add(
      'ChargePeriodEnd',
      'CHARGE_PERIOD_ORDER',
      'ChargePeriodStart must be before ChargePeriodEnd (periods are half-open [start, end))',
    );
  }
  if (billingStart !== null && billingEnd !== null && !(billingStart < billingEnd)) {
    add('BillingPeriodEnd', 'BILLING_PERIOD_ORDER', 'BillingPeriodStart must be before BillingPeriodEnd');
  }
  if (chargeStart !== null && chargeEnd !== null && billingStart !== null && billingEnd !== null) {
    if (chargeStart < billingStart || chargeEnd > billingEnd) {
      add(
        'ChargePeriodStart',
        'CHARGE_PERIOD_WITHIN_BILLING_PERIOD',
        'the charge period must lie within its billing period',
      );
    }
  }
}

function checkProduct(row: Row, unitPriceColumn: string, costColumn: string, add: Add): void {
  const quantity = textOf(row.PricingQuantity);
  const unitPrice = textOf(row[unitPriceColumn]);
  const cost = textOf(row[costColumn]);
  if (quantity === null || unitPrice === null || cost === null) return;
  if (![quantity, unitPrice, cost].every((t) => PLAIN_DECIMAL.test(t))) return;
  const product = money(quantity).mul(unitPrice);
  if (!product.eq(cost)) {
    add(
      costColumn,
      'UNIT_PRICE_TIMES_QUANTITY',
      `PricingQuantity × ${unitPriceColumn} = ${product.toFixed()}, but ${costColumn} is ${cost}`,
    );
  }
}

/** Exact sum of a decimal column; nulls count as nothing. */
export function sumColumn(rows: readonly object[], column: string): string {
  const total = new ExactSum();
  for (const row of rows) {
    const text = textOf((row as Row)[column]);
    if (text !== null) total.add(text);
  }
  return total.toString();
}

/** A violation when a column's exact total differs from an expected figure (an invoice total, the ledger's sum). */
export function checkColumnTotal(
  rows: readonly object[],
  column: string,
  expected: string,
): FocusViolation | null {
  const actual = sumColumn(rows, column);
  return actual === canonicalDecimal(expected)
    ? null
    : {
        rowIndex: -1,
        column,
        rule: 'TOTAL_MISMATCH',
        message: `sum of ${column} is ${actual}, expected ${canonicalDecimal(expected)}`,
      };
}

/**
 * Rows of the same key (a deployment, a resource) whose half-open charge periods overlap: the
 * symptom of an accrual written twice. Touching periods ([a, b) then [b, c)) do not overlap.
 */
export function findOverlappingChargePeriods(
  rows: readonly object[],
  keyColumn = 'x_DeploymentId',
): FocusViolation[] {
  const byKey = new Map<string, { index: number; start: number; end: number }[]>();
  rows.forEach((row, index) => {
    const r = row as Row;
    const key = textOf(r[keyColumn]);
    const start = textOf(r.ChargePeriodStart);
    const end = textOf(r.ChargePeriodEnd);
    if (key === null || start === null || end === null) return;
    const list = byKey.get(key) ?? [];
    list.push({ index, start: Date.parse(start), end: Date.parse(end) });
    byKey.set(key, list);
  });
  const out: FocusViolation[] = [];
  for (const [key, list] of byKey) {
    list.sort((a, b) => a.start - b.start || a.index - b.index);
    let latest = list[0];
    for (const current of list.slice(1)) {
      if (latest && current.start < latest.end) {
        out.push({
          rowIndex: current.index,
          column: 'ChargePeriodStart',
          rule: 'OVERLAPPING_CHARGE_PERIODS',
          message: `${keyColumn} ${key}: overlaps row ${latest.index}`,
        });
      }
      if (!latest || current.end > latest.end) latest = current;
    }
  }
  return out.sort((a, b) => a.rowIndex - b.rowIndex);
}

function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'object' && 'toFixed' in value && typeof value.toFixed === 'function')
    return String(value.toFixed());
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  return null;
}

function isTagObject(tags: unknown): boolean {
  let parsed: unknown = tags;
  if (typeof tags === 'string') {
    try {
      parsed = JSON.parse(tags);
    } catch {
      return false;
    }
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
}
