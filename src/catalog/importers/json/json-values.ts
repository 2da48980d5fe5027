import type { Decimal } from 'decimal.js';
import { parseDecimal, plainDecimalText, toNumericString } from '../../../domain/money.js';
import type { ImportFormatError } from '../catalog-importer.js';

/** JSON as the streaming parser hands it over: numbers arrive as their source text. */
export type JsonKey = string | number;
export type JsonScalar = string | boolean | null;
export type JsonValue = JsonScalar | JsonObject | JsonValue[];
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty trimmed string, or undefined (numbers arrive as text, so they count). */
export function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** `terms.OnDemand["H7NG…"]`, `Items[17]`: how a person would type the path in jq or JS. */
export function formatJsonPath(path: readonly JsonKey[]): string {
  return path
    .map((key, i) => {
      if (typeof key === 'number') return `[${key}]`;
      if (/^[A-Za-z_$][\w$]*$/.test(key)) return i === 0 ? key : `.${key}`;
      return `[${JSON.stringify(key)}]`;
    })
    .join('');
}

/** YYYY-MM-DD from an ISO timestamp, null when the source gave none. */
export function dateOnly(value: unknown): string | null {
  const raw = text(value);
  return raw && /^\d{4}-\d{2}-\d{2}/.test(raw) ? raw.slice(0, 10) : null;
}

export type PriceCheck =
  { readonly ok: true; readonly price: Decimal } | { readonly ok: false; readonly reason: string };

/** A price that may be used: present, numeric, finite and not negative (zero is a real price: free tiers). */
export function checkPrice(raw: unknown, what = 'price'): PriceCheck {
  if (raw === undefined || raw === null || raw === '') return { ok: false, reason: `missing ${what}` };
  const price = parseDecimal(raw);
  if (!price) return { ok: false, reason: `non-numeric ${what} ${JSON.stringify(raw)}` };
  if (price.isNegative() && !price.isZero())
    return { ok: false, reason: `negative ${what} ${JSON.stringify(raw)}` };
  return { ok: true, price };
}

/** checkPrice, with the price as the numeric text the database is given. */
export function checkPriceText(
  raw: unknown,
  what = 'price',
): { readonly ok: true; readonly price: string } | { readonly ok: false; readonly reason: string } {
  const plain = typeof raw === 'string' ? plainDecimalText(raw) : null;
  if (plain !== null) return { ok: true, price: plain };
  const checked = checkPrice(raw, what);
  return checked.ok ? { ok: true, price: toNumericString(checked.price) } : checked;
}

/** A decimal string for a quantity such as a tier bound, null when absent or not a number. */
export function decimalText(raw: unknown): string | null {
  const plain = typeof raw === 'string' ? plainDecimalText(raw) : null;
  if (plain !== null) return plain;
  const value = parseDecimal(raw);
  return value ? toNumericString(value) : null;
}

/** Interns repeated strings (instance types, region codes, attribute values) so millions of records share them. */
export class StringPool {
  private readonly pool = new Map<string, string>();

  intern<T extends string | undefined | null>(value: T): T {
    if (typeof value !== 'string') return value;
    const known = this.pool.get(value);
    if (known !== undefined) return known as T;
    this.pool.set(value, value);
    return value;
  }
}

/** Kind of each top-level member of a streamed document. */
export type TopLevelKinds = ReadonlyMap<string, 'object' | 'array' | 'scalar'>;

/** Throws when the document's top level lacks `key` of the given kind: the input is not this format. */
export function requireContainer(
  topLevel: TopLevelKinds,
  key: string,
  kind: 'object' | 'array',
  error: (detail: string) => ImportFormatError,
  hint: string,
): void {
  const found = topLevel.get(key);
  if (found === kind) return;
  const keys = [...topLevel.keys()].slice(0, 8).join(', ');
  throw error(
    `${found ? `top-level "${key}" is ${found === 'array' ? 'an array' : `an ${found}`}` : `no top-level "${key}"`}` +
      ` (expected ${kind === 'array' ? 'an array' : 'an object'}: ${hint})` +
      (keys ? `; top-level keys: ${keys}` : ''),
  );
}

/** For detect(): why the head is not a JSON object (optionally inside a JSONP call), or null. */
export function notJsonObject(head: string, allowJsonp = false): string | null {
  let start = head.replace(/^\uFEFF/, '').trimStart();
  if (allowJsonp) start = start.replace(/^[A-Za-z_$][\w$.]*\s*\(\s*/, '');
  if (start.startsWith('{')) return null;
  if (start === '') return 'the input is empty';
  if (start.startsWith('[')) return 'the top-level JSON value is an array, not an object';
  return `not JSON: starts with ${JSON.stringify(start.slice(0, 40))}`;
}

/** For detect(): true when the head has `"key":` (any spacing; AWS writes `"key" : value`). */
export function hasKey(head: string, key: string): boolean {
  return new RegExp(`"${key}"\\s*:`).test(head);
}
