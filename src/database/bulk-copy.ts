import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { QueryRunner } from 'typeorm';
import { PGliteSession } from './pglite-driver.js';

export type CsvValue = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\n\r]/;

/** One CSV field for COPY ... (FORMAT csv): empty unquoted is NULL, "" is the empty string. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : String(value);
  if (text === '') return '""';
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += ',';
    line += csvField(values[i]);
  }
  return line + '\n';
}

/**
 * CSV lines gathered into byte chunks rather than one growing string: a batch of 20,000
 * concatenated lines is a rope of ~10^6 string pieces that survives every young-generation
 * collection and is then flattened again for the socket, which cost more than the COPY.
 */
export class CsvBatch {
  private static readonly CHUNK_BYTES = 1 << 20;
  private readonly full: Buffer[] = [];
  private chunk = Buffer.allocUnsafe(CsvBatch.CHUNK_BYTES);
  private used = 0;
  rows = 0;
  bytes = 0;

  add(values: readonly CsvValue[]): void {
    const line = csvLine(values);
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    if (this.used + line.length * 3 > this.chunk.length) {
      this.seal();
      if (line.length * 3 > this.chunk.length) {
        const own = Buffer.from(line, 'utf8');
        this.full.push(own);
        this.bytes += own.length;
        this.rows++;
        return;
      }
    }
    const written = this.chunk.write(line, this.used, 'utf8');
    this.used += written;
    this.bytes += written;
    this.rows++;
  }

  /** The batch's bytes; the batch is empty afterwards. */
  take(): Buffer[] {
    this.seal();
    const chunks = this.full.splice(0);
    this.rows = 0;
    this.bytes = 0;
    return chunks;
  }

  private seal(): void {
    if (this.used === 0) return;
    this.full.push(this.chunk.subarray(0, this.used));
    this.chunk = Buffer.allocUnsafe(CsvBatch.CHUNK_BYTES);
    this.used = 0;
  }
}

/**
 * Writes a batch of CSV lines with COPY through the query runner's own connection, so it
 * joins that runner's transaction: `pg-copy-streams` on a server, `/dev/blob` on PGlite.
 */
export async function copyCsv(
  runner: QueryRunner,
  table: string,
  columns: readonly string[],
  csv: string | readonly Buffer[],
): Promise<void> {
  if (csv.length === 0) return;
  const sql = `COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`;
  const connection = (await runner.connect()) as PGliteSession | PoolClient;
  const parts = typeof csv === 'string' ? [csv] : csv;
  if (connection instanceof PGliteSession) {
    await connection.db.query(sql.replace('STDIN', `'/dev/blob'`), [], { blob: new Blob([...parts]) });
    return;
  }
  const stream = connection.query(copyFrom(sql));
  await pipeline(Readable.from(parts), stream as unknown as Writable);
}
