import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { excerpt, ImportFormatError, type ImportSource } from '../catalog-importer.js';

/** One CSV record. `row` counts records with the header as row 1, which is what a spreadsheet shows. */
export interface CsvRow {
  readonly row: number;
  readonly values: readonly string[];
}

/** Positions are "row N" everywhere, so a user can find the record in a spreadsheet. */
export function rowPosition(row: number): string {
  return `row ${row}`;
}

export function rowExcerpt(values: readonly string[]): string {
  return excerpt(values.join(','));
}

/**
 * Streams the records of a CSV input, header included. Column counts are not enforced here
 * (a short or long row is one bad record, not a broken file); a quote that never closes is.
 */
export async function* readCsvRows(source: ImportSource, format: string): AsyncGenerator<CsvRow> {
  // No `info`: csv-parse is twice as fast without it, and every record (a blank line too) is one row.
  const parser = source.open().pipe(parse({ bom: true, relax_column_count: true, relax_quotes: true }));
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      yield { row, values: record };
    }
  } catch (error) {
    if (error instanceof ImportFormatError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new ImportFormatError(format, source.name, `unreadable CSV after row ${row}: ${message}`);
  }
}

/** The header of a CSV text's first line, or null when the text does not start like CSV. */
export function parseHeaderLine(head: string): string[] | null {
  const text = head.replace(/^\uFEFF/, '');
  const end = text.search(/\r?\n/);
  const line = end >= 0 ? text.slice(0, end) : text;
  if (line.trim() === '') return null;
  try {
    const records: string[][] = parseSync(line, { relax_quotes: true, relax_column_count: true });
    const header = records[0];
    return header ? header.map((c) => c.trim()) : null;
  } catch {
    return null;
  }
}

/** Why a head is obviously not CSV (JSON, HTML, binary), or null. */
export function notCsvReason(head: string): string | null {
  const start = head.replace(/^\uFEFF/, '').trimStart();
  if (start === '') return 'the input is empty';
  if (start.startsWith('{') || start.startsWith('[')) return 'it is JSON, not CSV';
  if (start.startsWith('<')) return 'it is HTML/XML, not CSV';
  if (start.includes('\u0000')) return 'it is binary, not CSV';
  return null;
}

/** Column name → index, for reading a row by name. */
export class CsvHeader {
  private readonly indexByName = new Map<string, number>();

  constructor(readonly columns: readonly string[]) {
    columns.forEach((name, i) => {
      if (!this.indexByName.has(name)) this.indexByName.set(name, i);
    });
  }

  has(name: string): boolean {
    return this.indexByName.has(name);
  }

  /** The trimmed value of a column, '' when the column is absent or the cell empty. */
  get(values: readonly string[], name: string): string {
    const i = this.indexByName.get(name);
    return i === undefined ? '' : (values[i] ?? '').trim();
  }

  duplicates(): string[] {
    return this.columns.filter((c, i) => this.columns.indexOf(c) !== i);
  }
}

/** A row that is nothing but empty cells (a blank line in a hand-edited file). */
export function isBlankRow(values: readonly string[]): boolean {
  return values.every((v) => v.trim() === '');
}

/** Why a record cannot be read against a header of `columnCount` columns: blank, or too short or long. */
export interface RowShapeRejection {
  readonly kind: 'rejected';
  readonly position: string;
  readonly reason: string;
  readonly excerpt?: string;
}

/** The rejection for a blank row or one with the wrong number of cells; null when the shape is right. */
export function rowShapeRejection(
  row: number,
  values: readonly string[],
  columnCount: number,
): RowShapeRejection | null {
  const position = rowPosition(row);
  if (isBlankRow(values)) return { kind: 'rejected', position, reason: 'empty row' };
  if (values.length === columnCount) return null;
  return {
    kind: 'rejected',
    position,
    reason: `wrong column count: expected ${columnCount}, got ${values.length}`,
    excerpt: rowExcerpt(values),
  };
}
