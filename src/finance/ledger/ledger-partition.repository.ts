import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { monthBounds } from '../../domain/finance/index.js';

/** Serialises partition creation across replicas (an import and the accrual may both need a month). */
const PARTITION_LOCK_KEY = 7_236_110_061;

function partitionName(month: string): string {
  return `cost_ledger_${month.replace('-', '_')}`;
}

/**
 * Creates the ledger's monthly partitions before rows are written into them. Each month is
 * created in its own short transaction, never inside a writer's transaction: creating a
 * partition locks the parent table, which would otherwise block spend queries for as long as
 * the writer runs.
 */
@Injectable()
export class LedgerPartitionRepository {
  private readonly known = new Set<string>();

  constructor(private readonly dataSource: DataSource) {}

  async ensureMonths(months: Iterable<string>): Promise<string[]> {
    const wanted = [...new Set(months)].filter((m) => !this.known.has(partitionName(m)));
    if (wanted.length === 0) return [];
    const existing: { name: string }[] = await this.dataSource.query(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'cost_ledger'::regclass`,
    );
    for (const { name } of existing) this.known.add(name);
    const created: string[] = [];
    for (const month of wanted.sort()) {
      const name = partitionName(month);
      if (this.known.has(name)) continue;
      // monthBounds accepts only YYYY-MM, so nothing but digits reaches the DDL.
      const { startMs, endMs } = monthBounds(month);
      await this.dataSource.transaction(async (manager) => {
        await manager.query('SELECT pg_advisory_xact_lock($1)', [PARTITION_LOCK_KEY]);
        await manager.query(
          `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF cost_ledger
           FOR VALUES FROM ('${new Date(startMs).toISOString()}') TO ('${new Date(endMs).toISOString()}')`,
        );
      });
      this.known.add(name);
      created.push(name);
    }
    return created;
  }
}
