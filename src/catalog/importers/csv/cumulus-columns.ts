import type { Decimal } from 'decimal.js';
import { CsvHeader } from './csv-rows.js';
import { decimalCell, isCurrencyCode, isIsoDate } from './csv-values.js';

/** Every column cumulus-csv knows (docs/cumulus-csv.md documents each with an example). */
export const CUMULUS_COLUMNS = [
  'record',
  'provider',
  'region',
  'name',
  'kind',
  'country',
  'adapter_id',
  'latitude',
  'longitude',
  'pue',
  'power_price_per_kwh',
  'carbon_gco2e_per_kwh',
  'availability_pct',
  'availability_zones',
  'capacity_vcpu',
  'capacity_memory_gib',
  'vcpu',
  'memory_gib',
  'gpu_model',
  'gpu_count',
  'gpu_memory_gib',
  'arch',
  'family',
  'os',
  'purchase_option',
  'price_per_hour',
  'fixed_cost_per_hour',
  'watts',
  'price_per_vcpu_hour',
  'price_per_gib_hour',
  'price_per_gpu_hour',
  'price_per_gb_month',
  'destination',
  'tier_start_gb',
  'tier_end_gb',
  'price_per_gb',
  'currency',
  'effective_date',
  'service',
  'notes',
] as const;
export type CumulusColumn = (typeof CUMULUS_COLUMNS)[number];

export const REQUIRED_COLUMNS: readonly CumulusColumn[] = ['record', 'provider'];

export const RECORD_TYPES = [
  'provider',
  'region',
  'instance',
  'vcpu_rate',
  'memory_rate',
  'accelerator_rate',
  'storage',
  'egress',
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** What is wrong with a header, or null. Column names are matched case-insensitively. */
export function headerProblem(columns: readonly string[]): string | null {
  if (columns.length === 0) return 'no header row';
  const names = columns.map((c) => c.toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length)
    return `missing column(s) ${missing.join(', ')} in the header (got: ${columns.slice(0, 8).join(', ')})`;
  const unknown = names.filter((c) => !(CUMULUS_COLUMNS as readonly string[]).includes(c));
  if (unknown.length)
    return `unknown column(s) ${unknown.join(', ')}: see docs/cumulus-csv.md for the columns`;
  const duplicated = names.filter((c, i) => names.indexOf(c) !== i);
  if (duplicated.length) return `column(s) ${[...new Set(duplicated)].join(', ')} appear twice`;
  return null;
}

/** Thrown inside a row reader; the row is rejected with this reason. */
export class RowProblem extends Error {}

/** Typed access to one row's cells; every reader throws RowProblem with a reason a user can act on. */
export class CumulusRow {
  constructor(
    private readonly header: CsvHeader,
    private readonly values: readonly string[],
  ) {}

  text(column: CumulusColumn): string {
    return this.header.get(this.values, column);
  }

  required(column: CumulusColumn): string {
    const value = this.text(column);
    if (!value) throw new RowProblem(`missing ${column}`);
    return value;
  }

  decimal(column: CumulusColumn, min: 'zero' | 'positive' = 'zero'): Decimal {
    const cell = decimalCell(this.text(column), column, { min });
    if (!cell.ok) throw new RowProblem(cell.reason);
    return cell.value;
  }

  optionalDecimal(column: CumulusColumn, min: 'zero' | 'positive' = 'zero'): Decimal | null {
    return this.text(column) === '' ? null : this.decimal(column, min);
  }

  /** A whole number ≥ 0 (capacities, zones, counts). */
  optionalInteger(column: CumulusColumn): number | null {
    const value = this.optionalDecimal(column);
    if (value === null) return null;
    if (!value.isInteger())
      throw new RowProblem(`invalid ${column}: ${this.text(column)} is not a whole number`);
    return value.toNumber();
  }

  /** A decimal within [min, max]. */
  bounded(column: CumulusColumn, min: number, max: number, minExclusive = false): Decimal | null {
    const text = this.text(column);
    if (text === '') return null;
    const cell = decimalCell(text, column);
    if (!cell.ok) throw new RowProblem(cell.reason);
    const below = minExclusive ? cell.value.lessThanOrEqualTo(min) : cell.value.lessThan(min);
    if (below || cell.value.greaterThan(max)) {
      throw new RowProblem(
        `${column} out of range: ${text} (must be ${minExclusive ? 'above' : 'at least'} ${min} and at most ${max})`,
      );
    }
    return cell.value;
  }

  currency(): string {
    const value = this.required('currency');
    if (!isCurrencyCode(value))
      throw new RowProblem(`invalid currency: "${value}" is not an ISO 4217 code like EUR`);
    return value;
  }

  effectiveDate(): string | null {
    const value = this.text('effective_date');
    if (value && !isIsoDate(value)) throw new RowProblem(`invalid effective_date: "${value}" (YYYY-MM-DD)`);
    return value || null;
  }

  /** One of a closed set of values, upper-cased; `fallback` when the cell is empty. */
  choice<T extends string>(column: CumulusColumn, allowed: readonly T[], fallback: T | null): T {
    const raw = this.text(column);
    if (raw === '') {
      if (fallback === null) throw new RowProblem(`missing ${column}`);
      return fallback;
    }
    const value = column === 'arch' ? raw : raw.toUpperCase();
    if (!(allowed as readonly string[]).includes(value))
      throw new RowProblem(`invalid ${column}: "${raw}" (one of ${allowed.join(', ')})`);
    return value as T;
  }
}
