import { Decimal } from 'decimal.js';
import { FOCUS_EXPORT_COLUMNS } from './focus-columns.js';
import { isoInstant } from './utc-time.js';

/** RFC 4180 line ending. */
export const CSV_LINE_END = '\r\n';

/**
 * One CSV field (RFC 4180). Null is the empty field; an empty string is quoted ("") so the two
 * stay apart. Decimals print plainly (no exponent), Dates as ISO 8601 'Z', objects (Tags) as
 * JSON with sorted keys so the same row always prints the same bytes. Non-integer JS numbers
 * are refused: a float reaching the export is a bug upstream.
 */
export function formatCsvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Decimal) return value.toFixed();
  if (value instanceof Date) return isoInstant(value.getTime());
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value))
      throw new TypeError(`float ${value} in a CSV export; pass a decimal string`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return quoteIfNeeded(value);
  if (typeof value === 'object') return quoteIfNeeded(stableJson(value as Record<string, unknown>));
  throw new TypeError(`cannot write a ${typeof value} to CSV`);
}

function quoteIfNeeded(text: string): string {
  return text === '' || /[",\r\n]/.test(text) || text.trim() !== text
    ? `"${text.replaceAll('"', '""')}"`
    : text;
}

function stableJson(object: Record<string, unknown>): string {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(object).sort()) sorted[key] = object[key];
  return JSON.stringify(sorted);
}

export function focusCsvHeader(columns: readonly string[] = FOCUS_EXPORT_COLUMNS): string {
  return columns.map(quoteIfNeeded).join(',');
}

/** A row as one CSV line (no line ending); a column the row lacks is written as null. */
export function formatFocusCsvRow(row: object, columns: readonly string[] = FOCUS_EXPORT_COLUMNS): string {
  const record = row as Readonly<Record<string, unknown>>;
  return columns.map((column) => formatCsvField(record[column])).join(',');
}

/** Header then rows, each line ending in CRLF; a generator so an export streams. */
export function* focusCsvLines(
  rows: Iterable<object>,
  columns: readonly string[] = FOCUS_EXPORT_COLUMNS,
): Generator<string> {
  yield focusCsvHeader(columns) + CSV_LINE_END;
  for (const row of rows) yield formatFocusCsvRow(row, columns) + CSV_LINE_END;
}
