import { Injectable, Logger } from '@nestjs/common';
import { InvalidInputError } from '../common/errors.js';
import {
  accrueDay,
  dayBounds,
  ExactSum,
  priceTimelines,
  type AccrualSkip,
  type Deployment,
  type PriceTimelines,
} from '../domain/finance/index.js';
import { AdvisoryLockService } from '../database/advisory-lock.service.js';
import { BudgetService, type BudgetRunResult } from './budget.service.js';
import { DeploymentCostingRepository } from './deployment-costing.repository.js';
import { CostLedgerRepository, type AccruedDaySummary } from './ledger/cost-ledger.repository.js';
import { estimatedCsvLine } from './ledger/ledger-columns.js';
import { LedgerPartitionRepository } from './ledger/ledger-partition.repository.js';

export interface AccrualRun {
  readonly from: string | null;
  readonly to: string | null;
  readonly days: AccruedDaySummary[];
  readonly rows: number;
  readonly billedCost: string;
  readonly skipped: number;
  readonly budgets: BudgetRunResult | null;
}

/** Longest range one call accrues (ten years of days). */
const MAX_DAYS = 3660;
const MS_PER_DAY = 86_400_000;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Daily accrual: deployments × catalog prices → ESTIMATED ledger rows, one UTC day at a time,
 * each day replaced as a whole in its own transaction (see CostLedgerRepository). A day is
 * accrued once it is over: the latest day is yesterday (UTC).
 */
/** Held by whoever is accruing, on any replica (see AdvisoryLockService). */
export const ACCRUAL_LOCK = 'finance-accrual';

@Injectable()
export class AccrualService {
  private readonly logger = new Logger(AccrualService.name);

  constructor(
    private readonly costing: DeploymentCostingRepository,
    private readonly ledger: CostLedgerRepository,
    private readonly partitions: LedgerPartitionRepository,
    private readonly budgets: BudgetService,
    private readonly locks: AdvisoryLockService,
  ) {}

  /** Accrues the days from `from` to `to`, both included ('YYYY-MM-DD'), then evaluates budgets. */
  async accrueRange(from: string, to: string, now = new Date()): Promise<AccrualRun> {
    const first = parseDay(from, 'from');
    const last = parseDay(to, 'to');
    if (last < first) throw new InvalidInputError(`to (${to}) is before from (${from})`, 'to');
    const yesterday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - MS_PER_DAY;
    if (last > yesterday)
      throw new InvalidInputError(
        `a day is accrued once it is over: the latest is ${isoDay(yesterday)}`,
        'to',
      );
    const count = (last - first) / MS_PER_DAY + 1;
    if (count > MAX_DAYS)
      throw new InvalidInputError(`at most ${MAX_DAYS} days at once, got ${count}`, 'from');
    // A manual run waits for a scheduled one (and the reverse skips): two writers of one day would collide.
    const run = await this.locks.run(ACCRUAL_LOCK, Infinity, () => this.accrue(first, last, now));
    if (!run.acquired)
      throw new Error('unreachable: an unbounded wait for the accrual lock ended without it');
    return run.value;
  }

  /**
   * Accrues every day not accrued yet, from the day after the last accrued one (or the first
   * deployment's day) up to yesterday: after downtime the missed days are caught up in order.
   * Null when another replica is accruing (it will have caught up).
   */
  async catchUp(now = new Date()): Promise<AccrualRun | null> {
    const run = await this.locks.run(ACCRUAL_LOCK, 0, () => this.catchUpLocked(now));
    return run.acquired ? run.value : null;
  }

  private async catchUpLocked(now: Date): Promise<AccrualRun> {
    const yesterday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - MS_PER_DAY;
    const last = await this.ledger.lastAccruedDay();
    let first: number;
    if (last !== null) first = dayBounds(last).startMs + MS_PER_DAY;
    else {
      const start = await this.costing.firstStart();
      if (start === null) return emptyRun();
      first = dayBounds(isoDay(start.getTime())).startMs;
    }
    if (first > yesterday) return emptyRun();
    return this.accrue(first, Math.min(yesterday, first + (MAX_DAYS - 1) * MS_PER_DAY), now);
  }

  private async accrue(firstMs: number, lastMs: number, now: Date): Promise<AccrualRun> {
    const windowStart = new Date(firstMs);
    const windowEnd = new Date(lastMs + MS_PER_DAY);
    const [costed, history] = await Promise.all([
      this.costing.runningBetween(windowStart, windowEnd),
      this.costing.priceHistory(windowStart, windowEnd),
    ]);
    const deployments = costed.map((c) => c.deployment);
    const tenantOf = new Map(costed.map((c) => [c.deployment.id, c.tenant]));
    const timelines = priceTimelines(history);
    const months = new Set<string>();
    for (let ms = firstMs; ms <= lastMs; ms += MS_PER_DAY) months.add(isoDay(ms).slice(0, 7));
    await this.partitions.ensureMonths(months);

    const days: AccruedDaySummary[] = [];
    const total = new ExactSum();
    let rows = 0;
    let skipped = 0;
    // Day n+1 is priced while day n's rows travel to the server: one write in flight at a time.
    let writing: Promise<void> = Promise.resolve();
    for (let ms = firstMs; ms <= lastMs; ms += MS_PER_DAY) {
      const { csv, summary } = prepareDay(isoDay(ms), deployments, timelines, tenantOf);
      await writing;
      writing = this.ledger.replaceEstimatedDay(new Date(ms), new Date(ms + MS_PER_DAY), csv, summary);
      days.push(summary);
      total.add(summary.billedCost);
      rows += summary.rows;
      skipped += summary.skipped.length;
      if (summary.skipped.length > 0) logSkips(this.logger, summary.day, summary.skipped);
    }
    await writing;
    const budgets = await this.budgets.evaluateAll(now);
    return {
      from: isoDay(firstMs),
      to: isoDay(lastMs),
      days,
      rows,
      billedCost: total.toString(),
      skipped,
      budgets,
    };
  }
}

/** One day's rows as COPY lines, and what the day adds up to. */
function prepareDay(
  day: string,
  deployments: readonly Deployment[],
  timelines: PriceTimelines,
  tenantOf: ReadonlyMap<string, string>,
): { csv: string; summary: AccruedDaySummary } {
  const accrual = accrueDay(day, deployments, timelines);
  const dayTotal = new ExactSum();
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const row of accrual.rows) {
    lines.push(estimatedCsvLine(row, tenantOf.get(row.x_DeploymentId)!));
    dayTotal.add(row.BilledCost);
    seen.add(row.x_DeploymentId);
  }
  return {
    csv: lines.join(''),
    summary: {
      day,
      rows: accrual.rows.length,
      deployments: seen.size,
      billedCost: dayTotal.toString(),
      skipped: accrual.skipped,
    },
  };
}

function parseDay(day: string, path: string): number {
  try {
    return dayBounds(day).startMs;
  } catch (error) {
    throw new InvalidInputError((error as Error).message, path);
  }
}

function emptyRun(): AccrualRun {
  return { from: null, to: null, days: [], rows: 0, billedCost: '0', skipped: 0, budgets: null };
}

function logSkips(logger: Logger, day: string, skips: readonly AccrualSkip[]): void {
  const sample = skips.slice(0, 3).map((s) => `${s.deploymentId}: ${s.reason}`);
  logger.warn(`${day}: ${skips.length} deployment stretch(es) not priced, e.g. ${sample.join('; ')}`);
}
