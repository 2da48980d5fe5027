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
 * Writes a batch of CSV lines with COPY through the query runner's own connection, so it
 * joins that runner's transaction: `pg-copy-streams` on a server, `/dev/blob` on PGlite.
 */
export async function copyCsv(
  runner: QueryRunner,
  table: string,
  columns: readonly string[],
  csv: string,
): Promise<void> {
  if (csv.length === 0) return;
  const sql = `COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`;
  const connection = (await runner.connect()) as PGliteSession | PoolClient;
  if (connection instanceof PGliteSession) {
    await connection.db.query(sql.replace('STDIN', `'/dev/blob'`), [], { blob: new Blob([csv]) });
    return;
  }
  const stream = connection.query(copyFrom(sql));
  await pipeline(Readable.from([csv]), stream as unknown as Writable);
}
