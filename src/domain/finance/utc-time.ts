import { money, type Money } from '../money.js';

/** An instant as a Date or an ISO 8601 string with an explicit offset ('Z' or ±hh:mm). */
export type Instant = Date | string;

export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 24 * MS_PER_HOUR;

/** Days and months are UTC calendar units: a day is exactly 24 h (no DST, leap seconds ignored). */
export function toMs(instant: Instant): number {
  if (instant instanceof Date) {
    const ms = instant.getTime();
    if (Number.isNaN(ms)) throw new RangeError('invalid Date');
    return ms;
  }
  // A string without an offset would be read in the machine's time zone: refuse it.
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(instant))
    throw new RangeError(`instant without a time zone: "${instant}"`);
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO 8601 instant: "${instant}"`);
  return ms;
}

/** 'YYYY-MM-DD' (UTC) → [start, end) in ms. */
export function dayBounds(day: string): { startMs: number; endMs: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new RangeError(`day must be YYYY-MM-DD, got "${day}"`);
  const startMs = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (isoDay(startMs) !== day) throw new RangeError(`no such day: "${day}"`);
  return { startMs, endMs: startMs + MS_PER_DAY };
}

/** 'YYYY-MM' → [start, end) in ms. */
export function monthBounds(month: string): { startMs: number; endMs: number } {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const monthIndex = match ? Number(match[2]) - 1 : -1;
  if (!match || monthIndex < 0 || monthIndex > 11)
    throw new RangeError(`month must be YYYY-MM, got "${month}"`);
  const year = Number(match[1]);
  return { startMs: Date.UTC(year, monthIndex, 1), endMs: Date.UTC(year, monthIndex + 1, 1) };
}

/** The calendar month (UTC) holding an instant. */
export function monthOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** 'YYYY-MM' plus n months. */
export function addMonths(month: string, n: number): string {
  const { startMs } = monthBounds(month);
  const date = new Date(startMs);
  return monthOf(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + n, 1));
}

/** ISO 8601 with 'Z', seconds precision (FOCUS DateTime format); milliseconds only when present. */
export function isoInstant(ms: number): string {
  const text = new Date(ms).toISOString();
  return text.endsWith('.000Z') ? `${text.slice(0, 19)}Z` : text;
}

/**
 * Hours in [startMs, endMs) as an exact decimal. A span in whole multiples of 9 ms (every whole
 * 3 minutes, every half hour) is a terminating decimal of at most 7 places; anything else
 * (20 minutes = 1/3 h) is rounded half-even to 12 places, a nanosecond-scale error.
 */
export function hoursBetween(startMs: number, endMs: number): Money {
  return money(endMs - startMs)
    .div(MS_PER_HOUR)
    .toDecimalPlaces(HOUR_DECIMAL_PLACES);
}

export const HOUR_DECIMAL_PLACES = 12;
