import type { Decimal } from 'decimal.js';

const DECIMAL_TEXT = /^([+-]?)(\d+)(?:\.(\d*))?$/;

/**
 * An exact running total of decimal strings, kept as a bigint count of 10^-scale units; the
 * scale grows to the most decimal places seen, so nothing is ever rounded. Micro-units were
 * not enough: FOCUS files carry 11 places (0.00000080000 USD), and rounding each row to a
 * micro-unit drifts from PostgreSQL's exact SUM(numeric) (20.520216 instead of 20.52022672899
 * on the 1,000-row FOCUS sample).
 */
export class ExactSum {
  private units = 0n;
  private scale = 0;

  add(value: string | Decimal): this {
    const text = typeof value === 'string' ? value.trim() : value.toFixed();
    const match = DECIMAL_TEXT.exec(text);
    if (!match) throw new RangeError(`not a plain decimal: "${text}"`);
    const fraction = match[3] ?? '';
    if (fraction.length > this.scale) {
      this.units *= 10n ** BigInt(fraction.length - this.scale);
      this.scale = fraction.length;
    }
    const magnitude = BigInt((match[2] ?? '0') + fraction.padEnd(this.scale, '0'));
    this.units += match[1] === '-' ? -magnitude : magnitude;
    return this;
  }

  addAll(values: Iterable<string | Decimal>): this {
    for (const value of values) this.add(value);
    return this;
  }

  isZero(): boolean {
    return this.units === 0n;
  }

  sign(): -1 | 0 | 1 {
    return this.units === 0n ? 0 : this.units < 0n ? -1 : 1;
  }

  /** Plain decimal, no exponent, trailing fractional zeros removed ("13", "-0.1518975618"). */
  toString(): string {
    return formatUnits(this.units, this.scale);
  }
}

export function sumDecimals(values: Iterable<string | Decimal>): string {
  return new ExactSum().addAll(values).toString();
}

/** Canonical form of a decimal string, the one ExactSum prints ("0.19200000000" → "0.192"). */
export function canonicalDecimal(value: string | Decimal): string {
  return new ExactSum().add(value).toString();
}

function formatUnits(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  const text = fraction === '' ? whole : `${whole}.${fraction}`;
  return negative && text !== '0' ? `-${text}` : text;
}
