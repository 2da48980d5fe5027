import { ImportFormatError, type ImportSource } from '../../importers/catalog-importer.js';
import {
  CsvHeader,
  rowShapeRejection,
  notCsvReason,
  parseHeaderLine,
  readCsvRows,
  rowExcerpt,
  rowPosition,
} from '../../importers/csv/csv-rows.js';
import { decimalCell } from '../../importers/csv/csv-values.js';
import type { Decimal } from 'decimal.js';
import type { ReferenceImportRecord, ReferenceRow } from '../reference-importer.js';

/** Thrown while mapping a row: the row is rejected with this reason. */
export class RowProblem extends Error {}

/** One data row of a reference CSV, read by column name. */
export class TableRow {
  constructor(
    readonly row: number,
    private readonly header: CsvHeader,
    readonly values: readonly string[],
  ) {}

  get(column: string): string {
    return this.header.get(this.values, column);
  }

  has(column: string): boolean {
    return this.header.has(column);
  }

  /** The header's column names. */
  columnNames(): readonly string[] {
    return this.header.columns;
  }

  required(column: string): string {
    const value = this.get(column);
    if (!value) throw new RowProblem(`missing ${column}`);
    return value;
  }

  /** A decimal cell; `min` 'any' allows negatives (coordinates). */
  decimal(column: string, min: 'zero' | 'positive' | 'any' = 'zero'): Decimal {
    const cell = decimalCell(this.get(column), column, min === 'any' ? {} : { min });
    if (!cell.ok) throw new RowProblem(cell.reason);
    return cell.value;
  }
}

/** detect() for a CSV format: why the head is not CSV or lacks required columns, or null. */
export function csvDetect(head: string, required: readonly string[]): string | null {
  const notCsv = notCsvReason(head);
  if (notCsv) return notCsv;
  const columns = parseHeaderLine(head);
  if (!columns) return 'no header row';
  const missing = required.filter((c) => !columns.includes(c));
  return missing.length
    ? `missing column(s) ${missing.join(', ')} in the header (got: ${columns.slice(0, 8).join(', ')})`
    : null;
}

/**
 * Reads a reference CSV: checks the header, rejects blank rows and rows with the wrong number
 * of cells, and maps every other row with `mapRow` (which throws RowProblem to reject it).
 */
export async function* readCsvReference(
  source: ImportSource,
  format: string,
  required: readonly string[],
  mapRow: (row: TableRow) => readonly ReferenceRow[],
): AsyncGenerator<ReferenceImportRecord> {
  let header: CsvHeader | null = null;
  for await (const { row, values } of readCsvRows(source, format)) {
    if (!header) {
      header = new CsvHeader(values.map((v) => v.trim()));
      const missing = required.filter((c) => !header!.has(c));
      if (missing.length)
        throw new ImportFormatError(
          format,
          source.name,
          `missing column(s) ${missing.join(', ')} in the header`,
        );
      continue;
    }
    const position = rowPosition(row);
    const misshapen = rowShapeRejection(row, values, header.columns.length);
    if (misshapen) {
      yield misshapen;
      continue;
    }
    try {
      yield { kind: 'accepted', position, rows: mapRow(new TableRow(row, header, values)) };
    } catch (error) {
      if (!(error instanceof RowProblem)) throw error;
      yield { kind: 'rejected', position, reason: error.message, excerpt: rowExcerpt(values) };
    }
  }
  if (!header) throw new ImportFormatError(format, source.name, 'the file is empty: no header row');
}

/** Reads a whole small input as text (JSON reference files are a few hundred KB at most). */
export async function readText(source: ImportSource): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of source.open())
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
}

/** Parses a JSON reference input or fails the whole import naming the file. */
export async function readJson(source: ImportSource, format: string): Promise<unknown> {
  const text = await readText(source);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ImportFormatError(format, source.name, `not valid JSON: ${(error as Error).message}`);
  }
}

/** Remembers keys already seen, so a repeated key is rejected naming the row that holds it. */
export class SeenKeys {
  private readonly rows = new Map<string, number>();

  check(key: string, row: number, what: string): void {
    const first = this.rows.get(key);
    if (first !== undefined) throw new RowProblem(`duplicate ${what}: ${key} is at row ${first}`);
    this.rows.set(key, row);
  }
}
