import type { EntityManager } from 'typeorm';

/** Current grid carbon per region with its source (only regions that have a figure). */
export async function carbonOf(
  manager: EntityManager,
): Promise<Map<string, { carbon: string; source: string | null }>> {
  const rows: { provider_id: string; code: string; carbon: string; carbon_source: string | null }[] =
    await manager.query(
      `SELECT provider_id, code, carbon_gco2e_per_kwh::text AS carbon, carbon_source FROM regions WHERE carbon_gco2e_per_kwh IS NOT NULL`,
    );
  return new Map(
    rows.map((r) => [`${r.provider_id}/${r.code}`, { carbon: r.carbon, source: r.carbon_source }]),
  );
}

const BATCH_ROWS = 500;

/** Multi-row INSERTs of at most 500 rows (well under PostgreSQL's 65,535 parameters). */
export async function insertBatches<T>(
  manager: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly T[],
  values: (row: T) => unknown[],
  onConflict = '',
): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    const params: unknown[] = [];
    const tuples = batch.map((row) => {
      const base = params.length;
      params.push(...values(row));
      return `(${columns.map((_, i) => `$${base + i + 1}`).join(', ')})`;
    });
    await manager.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ${onConflict}`,
      params,
    );
  }
}
