import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate, openDatabase, type Database } from '../src/database/database.js';
import { AdvisoryLockService } from '../src/database/advisory-lock.service.js';
import { AccrualService } from '../src/finance/accrual.service.js';
import { BudgetRepository } from '../src/finance/budget.repository.js';
import { BudgetService } from '../src/finance/budget.service.js';
import { DeploymentCostingRepository } from '../src/finance/deployment-costing.repository.js';
import { CostLedgerRepository } from '../src/finance/ledger/cost-ledger.repository.js';
import { LedgerPartitionRepository } from '../src/finance/ledger/ledger-partition.repository.js';
import { SpendRepository } from '../src/finance/ledger/spend.repository.js';
import { SpendService } from '../src/finance/spend.service.js';
import { BASELINE_SQL, compareWithBaseline, seedFinanceBench } from './finance-bench-data.js';
import { machineInfo, median, printRows, writeJson } from './finance-bench-output.js';

/**
 * npm run bench:finance — accrual of one year for 10k deployments, then `spend` grouped by
 * provider and month over the ledger it wrote, against a hand-written SQL aggregate on the same
 * table in the same run. Runs on a PostgreSQL server (DATABASE_URL, default the local one) in a
 * database it creates and drops. Not a test: it prints figures and writes bench/results/finance.json.
 *
 * BENCH_DEPLOYMENTS (10000) and BENCH_SPEND_RUNS (7) change the size and the repetitions.
 */
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DEPLOYMENTS = Number(process.env.BENCH_DEPLOYMENTS ?? 10_000);
const SPEND_RUNS = Number(process.env.BENCH_SPEND_RUNS ?? 7);
const YEAR = { from: '2025-01-01', to: '2025-12-31', spendFrom: new Date('2025-01-01T00:00:00Z') };

async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const name = `cumulus_bench_finance_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString() }, { role: 'bench' });
  try {
    await migrate(database);
    return await fn(database);
  } finally {
    await database.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function main(): Promise<void> {
  const results = await withDatabase(async (database) => {
    const ds = database.dataSource;
    const seeded = await seedFinanceBench(ds, DEPLOYMENTS);
    process.stderr.write(`seeded ${seeded.deployments} deployments (${seeded.moved} moved mid-year)\n`);

    const costing = new DeploymentCostingRepository(ds);
    const ledger = new CostLedgerRepository(ds);
    const spendRepository = new SpendRepository(ds);
    const budgets = new BudgetService(new BudgetRepository(ds), spendRepository, costing, ledger);
    const locks = new AdvisoryLockService(database);
    const accrual = new AccrualService(costing, ledger, new LedgerPartitionRepository(ds), budgets, locks);
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const run = await accrual.accrueRange(YEAR.from, YEAR.to, new Date('2026-01-02T00:00:00Z'));
    const accrualMs = performance.now() - started;
    await locks.onModuleDestroy();
    const heapAfter = process.memoryUsage().heapUsed;
    await ds.query('ANALYZE cost_ledger');
    const [size] = await ds.query<{ bytes: string }[]>(
      `SELECT sum(pg_total_relation_size(c.oid))::text AS bytes FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'cost_ledger'::regclass`,
    );

    const spend = new SpendService(spendRepository);
    const actor = { tenant: 'default', name: 'bench' };
    const request = {
      from: YEAR.spendFrom,
      to: new Date('2026-01-01T00:00:00Z'),
      groupBy: ['PROVIDER' as const],
      tagKey: null,
      granularity: 'MONTH' as const,
      currency: null,
    };
    const params = [request.from.toISOString(), request.to.toISOString()];
    // One untimed round of each warms the cache equally; then they alternate, so neither gets a warmer page cache.
    const answer = await spend.spendOf(actor, request, 'ESTIMATED');
    const baselineRows = await ds.query<Record<string, string>[]>(BASELINE_SQL, params);
    const spendMs: number[] = [];
    const baselineMs: number[] = [];
    for (let i = 0; i < SPEND_RUNS; i++) {
      let t0 = performance.now();
      await spend.spendOf(actor, request, 'ESTIMATED');
      spendMs.push(performance.now() - t0);
      t0 = performance.now();
      await ds.query(BASELINE_SQL, params);
      baselineMs.push(performance.now() - t0);
    }
    const mismatch = compareWithBaseline(answer, baselineRows);
    if (mismatch) throw new Error(`spend and the baseline disagree: ${mismatch}`);
    const [total] = await ds.query<{ total: string }[]>(
      `SELECT sum(billed_cost)::text AS total FROM cost_ledger WHERE basis = 'ESTIMATED'`,
    );
    if (total?.total === undefined || Number(total.total) <= 0) throw new Error('the ledger is empty');
    return {
      machine: machineInfo(),
      server: (await ds.query<{ version: string }[]>('SELECT version()'))[0]?.version ?? null,
      deployments: seeded.deployments,
      movedMidYear: seeded.moved,
      days: run.days.length,
      accrual: {
        rows: run.rows,
        wallMs: Math.round(accrualMs),
        rowsPerSecond: Math.round(run.rows / (accrualMs / 1000)),
        billedCostUsd: run.billedCost,
        ledgerSumUsd: total.total,
        heapGrowthMb: Math.round((heapAfter - heapBefore) / 1e6),
        ledgerBytes: Number(size?.bytes ?? 0),
      },
      spend: {
        query: 'spend(groupBy: [PROVIDER], granularity: MONTH) over the year',
        groups: answer.length,
        runs: SPEND_RUNS,
        spendMedianMs: round(median(spendMs)),
        baselineMedianMs: round(median(baselineMs)),
        ratio: round(median(spendMs) / median(baselineMs)),
        spendMs: spendMs.map(round),
        baselineMs: baselineMs.map(round),
        baselineSql: BASELINE_SQL.replace(/\s+/g, ' ').trim(),
      },
    };
  });

  printRows('Accrual: one year', [
    {
      deployments: results.deployments,
      days: results.days,
      rows: results.accrual.rows,
      'wall s': results.accrual.wallMs / 1000,
      'rows/s': results.accrual.rowsPerSecond,
      'ledger MB': results.accrual.ledgerBytes / 1e6,
      'billed USD': results.accrual.billedCostUsd,
    },
  ]);
  printRows('spend by provider and month vs a plain SQL aggregate (median of runs)', [
    {
      groups: results.spend.groups,
      'spend ms': results.spend.spendMedianMs,
      'baseline ms': results.spend.baselineMedianMs,
      'spend / baseline': results.spend.ratio,
    },
  ]);
  process.stdout.write(`\nwrote ${writeJson('finance', results)}\n`);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:finance failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
