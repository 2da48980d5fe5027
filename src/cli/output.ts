/** Output helpers: JSON to stdout, human text as aligned tables, diagnostics to stderr. */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

export function printTable(rows: readonly Record<string, unknown>[], columns: readonly string[]): void {
  const cells = rows.map((row) => columns.map((c) => formatCell(row[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  process.stdout.write(line([...columns]) + '\n');
  for (const row of cells) process.stdout.write(line(row) + '\n');
}

function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function note(message: string): void {
  process.stderr.write(message + '\n');
}

/** Streams a JSON array one element at a time (large offer listings are not held in memory). */
export async function printJsonArray<T>(items: AsyncIterable<T>): Promise<number> {
  let count = 0;
  process.stdout.write('[');
  for await (const item of items) {
    process.stdout.write((count === 0 ? '\n  ' : ',\n  ') + JSON.stringify(item));
    count++;
  }
  process.stdout.write(count === 0 ? ']\n' : '\n]\n');
  return count;
}
