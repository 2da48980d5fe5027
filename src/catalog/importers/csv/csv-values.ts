import type { Decimal } from 'decimal.js';
import { parseDecimal, toNumericString } from '../../../domain/money.js';

/** A cell that must hold a decimal: the value, or why not (for a rejection reason). */
export type DecimalCell = { ok: true; value: Decimal } | { ok: false; reason: string };

/**
 * Reads a decimal cell. `what` names the column in reasons ("empty price", "invalid vCPUs: abc").
 * NaN, Infinity and exponent-free garbage are rejected; a leading '+' or exponent is fine.
 */
export function decimalCell(
  raw: string,
  what: string,
  options: { min?: 'zero' | 'positive' } = {},
): DecimalCell {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: `empty ${what}` };
  const value = parseDecimal(text);
  if (!value) return { ok: false, reason: `invalid ${what}: "${text}" is not a number` };
  if (options.min === 'zero' && value.isNegative() && !value.isZero())
    return { ok: false, reason: `negative ${what}: ${text}` };
  if (options.min === 'positive' && !value.greaterThan(0))
    return { ok: false, reason: `non-positive ${what}: ${text}` };
  return { ok: true, value };
}

/** "8.0" → "8", "0.750" → "0.75": one spelling per number, so equal specs compare equal. */
export function canonical(value: Decimal): string {
  return toNumericString(value);
}

/** An ISO 4217 code as written in price files (three capital letters). */
export function isCurrencyCode(text: string): boolean {
  return /^[A-Z]{3}$/.test(text);
}

/** ISO 3166-1 alpha-2 (two capital letters). */
export function isCountryCode(text: string): boolean {
  return /^[A-Z]{2}$/.test(text);
}

/** YYYY-MM-DD that is a real calendar date. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
