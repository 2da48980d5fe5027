import { isoInstant } from './utc-time.js';

/** Thrown while mapping one row: the row is rejected with this reason, the file goes on. */
export class RowRejection extends Error {}

export type FieldReader = (column: string) => string | null;

const PLAIN_DECIMAL = /^[+-]?\d+(\.\d+)?$/;
/** FOCUS says ISO 8601 UTC; the 1.0 sample writes 'YYYY-MM-DD HH:MM:SS'. Both are read as UTC. */
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?)(Z|\+00:?00)?$/;
const CHARGE_FREQUENCIES = ['One-Time', 'Recurring', 'Usage-Based'] as const;
export type ChargeFrequency = (typeof CHARGE_FREQUENCIES)[number];

/** The file's exact decimal text (a leading '+' dropped), never a float; null when the field is null. */
export function optionalDecimal(get: FieldReader, column: string): string | null {
  const text = get(column)?.trim() ?? null;
  if (text === null) return null;
  if (!PLAIN_DECIMAL.test(text)) throw new RowRejection(`${column} "${text}" is not a decimal`);
  return text.replace(/^\+/, '');
}

export function requiredDecimal(get: FieldReader, column: string): string {
  const value = optionalDecimal(get, column);
  if (value === null) throw new RowRejection(`${column} is null`);
  return value;
}

/** ISO 8601 'Z' of a UTC timestamp; null when absent or not one (another offset is not UTC). */
export function utcTimestamp(text: string | null): string | null {
  const match = text === null ? null : TIMESTAMP.exec(text.trim());
  if (!match) return null;
  const ms = Date.parse(`${match[1]}T${match[2]}Z`);
  return Number.isNaN(ms) ? null : isoInstant(ms);
}

/** Providers differ in case ("Usage-based" from Oracle): accept it, say so. */
export function chargeFrequency(text: string | null, warnings: string[]): ChargeFrequency | null {
  if (text === null) return null;
  const known = CHARGE_FREQUENCIES.find((f) => f.toLowerCase() === text.toLowerCase());
  if (!known) {
    warnings.push(`ChargeFrequency "${text}" is not a FOCUS value; kept as null`);
    return null;
  }
  if (known !== text) warnings.push(`ChargeFrequency "${text}" read as "${known}"`);
  return known;
}

/** Tags drive allocation and budgets: a row whose tags cannot be read is rejected, not silently untagged. */
export function parseTags(text: string | null): Record<string, string> {
  if (text === null) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new RowRejection(`Tags is not JSON: ${text.slice(0, 80)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new RowRejection('Tags is not a JSON object');
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed))
    tags[key] = typeof value === 'string' ? value : JSON.stringify(value);
  return tags;
}
