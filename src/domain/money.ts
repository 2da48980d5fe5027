import { Decimal } from 'decimal.js';

/** A month is 730 hours (8,760 h / 12), the convention of every provider's price calculator. */
export const HOURS_PER_MONTH = 730;
export const HOURS_PER_YEAR = 8760;

/** Exact decimal arithmetic for money; doubles are for scoring only. */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
export type Money = Decimal;

export function money(value: string | number | Decimal): Decimal {
  return new Money(value);
}

/** A decimal string as PostgreSQL `numeric` takes it, without exponent notation. */
export function toNumericString(value: Decimal): string {
  return value.toFixed();
}

const PLAIN_DECIMAL = /^0*(\d+?)(?:\.(\d*?)0*)?$/;

/**
 * What toNumericString(parseDecimal(raw)) prints, for the common case of an unsigned plain
 * decimal ("0.0104000000" → "0.0104"), without building a Decimal: a large price file holds
 * millions of them. Null for anything else (signs, exponents, blanks), which needs parseDecimal.
 */
export function plainDecimalText(raw: string): string | null {
  const match = PLAIN_DECIMAL.exec(raw);
  if (!match) return null;
  return match[2] ? `${match[1]}.${match[2]}` : match[1];
}

/** Parses a price as printed by a provider ("0.0960000000", "2.5161", 1e-7). Null when not a finite number. */
export function parseDecimal(raw: unknown): Decimal | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? new Money(raw) : null;
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return null;
  return new Money(text);
}

/** Integer micro-units (1e-6 of a currency unit), for sums that must not drift. */
export function toMicros(value: Decimal): bigint {
  return BigInt(value.mul(1_000_000).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toFixed());
}

export function fromMicros(micros: bigint): Decimal {
  return new Money(micros.toString()).div(1_000_000);
}
