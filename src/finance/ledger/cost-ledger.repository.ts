import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { copyCsv } from '../../database/bulk-copy.js';
import type { AccrualSkip } from '../../domain/finance/index.js';
import { LEDGER_COPY_COLUMNS } from './ledger-columns.js';

export interface AccruedDaySummary {
  readonly day: string;
  readonly rows: number;
  readonly deployments: number;
  readonly billedCost: string;
  readonly skipped: readonly AccrualSkip[];
}

/** Skip reasons kept per day; the row count says how many there were. */
const MAX_STORED_SKIPS = 1000;

/** Writes of the cost ledger and its accrual log. */
@Injectable()
export class CostLedgerRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Replaces a day's ESTIMATED rows as a whole, in one transaction: delete every estimated row
   * charged in [dayStart, dayEnd), COPY the new ones, log the day. Re-running a day therefore
   * never adds to it, and a deployment removed since the last run leaves nothing behind.
   * `csv` is the day's rows as COPY lines (ledger-columns.ts).
   */
  async replaceEstimatedDay(
    dayStart: Date,
    dayEnd: Date,
    csv: string,
    summary: AccruedDaySummary,
  ): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(
        `DELETE FROM cost_ledger WHERE basis = 'ESTIMATED' AND charge_period_start >= $1 AND charge_period_start < $2`,
        [dayStart.toISOString(), dayEnd.toISOString()],
      );
      await copyCsv(runner, 'cost_ledger', LEDGER_COPY_COLUMNS, csv);
      await runner.query(
        `INSERT INTO cost_accrual_days (day, accrued_at, rows, deployments, billed_cost, skipped)
         VALUES ($1, now(), $2, $3, $4, $5)
         ON CONFLICT (day) DO UPDATE SET accrued_at = now(), rows = EXCLUDED.rows,
           deployments = EXCLUDED.deployments, billed_cost = EXCLUDED.billed_cost, skipped = EXCLUDED.skipped`,
        [
          summary.day,
          summary.rows,
          summary.deployments,
          summary.billedCost,
          JSON.stringify(summary.skipped.slice(0, MAX_STORED_SKIPS)),
        ],
      );
      await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** The latest accrued day ('YYYY-MM-DD'), or null before the first accrual. */
  async lastAccruedDay(): Promise<string | null> {
    const [row] = await this.dataSource.query<{ day: string | null }[]>(
      `SELECT max(day) AS day FROM cost_accrual_days`,
    );
    return row?.day ?? null;
  }

  /** Days of [from, to] (inclusive) already accrued. */
  async accruedDays(from: string, to: string): Promise<string[]> {
    const rows: { day: string }[] = await this.dataSource.query(
      `SELECT day FROM cost_accrual_days WHERE day BETWEEN $1 AND $2 ORDER BY day`,
      [from, to],
    );
    return rows.map((r) => r.day);
  }
}
