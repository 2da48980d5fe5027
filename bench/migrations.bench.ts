import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { CatalogEventsService } from '../src/catalog/catalog-events.service.js';
import { CatalogImportService } from '../src/catalog/catalog-import.service.js';
import { openCliContext } from '../src/cli/cli-context.js';
import { loadConfig, type AppConfig } from '../src/config/config.js';
import { DeploymentService } from '../src/deployments/deployment.service.js';
import { MigrationRepository } from '../src/migration/migration.repository.js';
import { MigrationService, type MigrationActor } from '../src/migration/migration.service.js';
import { MigrationWorkerHost } from '../src/migration/migration-worker.host.js';
import { WorkloadService } from '../src/workloads/workload.service.js';
import { BENCH_SITES } from './migrations-catalog.js';

/**
 * 1,000 concurrent migrations on the simulated provider with 5 % of provider calls failing
 * (retryable), on a local PostgreSQL: its own database, created and dropped. Reports wall
 * time, steps/s, and checks the simulated provider's effect log against the expected step
 * list: no step lost (every step acted), none duplicated (no key acted twice).
 */
const MIGRATIONS = Number(process.env.BENCH_MIGRATIONS ?? 1000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 24);
const FAILURE_RATE = Number(process.env.BENCH_FAILURE_RATE ?? 0.05);
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ACTOR: MigrationActor = { tenant: 'bench', name: 'bench', role: 'admin' };

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  await client.query(sql);
  await client.end();
}

async function main(): Promise<void> {
  const name = `cumulus_bench_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cumulus-bench-'));
  const base = loadConfig({ ...process.env, LOG_LEVEL: 'error' });
  const config: AppConfig = {
    ...base,
    database: { kind: 'postgres', url: url.toString() },
    loadStarterCatalog: false,
    catalogPollSeconds: 0,
    logLevel: 'error',
    migrations: {
      ...base.migrations,
      workers: 0,
      leaseSeconds: 30,
      pollMaxMs: 200,
      backoffBaseSeconds: 0.05,
      backoffMaxSeconds: 0.5,
      maxAttemptsPerStep: 8,
      cutoverSoakSeconds: 0,
    },
    providers: {
      ...base.providers,
      simulated: {
        ...base.providers.simulated,
        faults: { '*': [{ mode: 'fail', probability: FAILURE_RATE }] },
      },
    },
  };
  const ctx = await openCliContext(config);
  try {
    for (const [file, csv] of Object.entries(BENCH_SITES)) {
      fs.writeFileSync(path.join(dir, file), csv);
      await ctx.app.get(CatalogImportService).import({
        format: 'cumulus-csv',
        files: [path.join(dir, file)],
        createdBy: 'bench',
        urlAllowList: [],
      });
    }
    // The placement snapshot follows catalog activations; do not wait for the NOTIFY to arrive.
    await ctx.app.get(CatalogEventsService).check();
    const setupStarted = Date.now();
    const service = ctx.app.get(MigrationService);
    const ids: string[] = [];
    for (let i = 0; i < MIGRATIONS; i++) {
      const w = await ctx.app.get(WorkloadService).create(ACTOR, {
        name: `bench-${i}`,
        components: [{ name: 'app', count: 1, vcpu: 2, memoryGib: 8, storageGib: 10 }],
      });
      await ctx.app
        .get(DeploymentService)
        .recordExisting(ACTOR, w.id, { provider: 'bench-onprem', regions: ['dc1'] });
      const planned = await service.plan(ACTOR, w.id, { provider: 'bench-cloud', regions: ['r1'] });
      await service.approve(ACTOR, planned.id);
      ids.push(planned.id);
    }
    const setupMs = Date.now() - setupStarted;
    for (const id of ids) await service.start(ACTOR, id);

    const started = Date.now();
    await ctx.app.get(MigrationWorkerHost).start(WORKERS, 'bench');
    const migrations = ctx.app.get(MigrationRepository);
    while ((await migrations.countActive()) > 0) await new Promise((r) => setTimeout(r, 250));
    const wallMs = Date.now() - started;
    await ctx.app.get(MigrationWorkerHost).stop();

    const q = <T>(sql: string) => ctx.database.dataSource.query<T>(sql);
    const rows = await Promise.all(ids.map((id) => migrations.findById(id)));
    const states = rows.reduce<Record<string, number>>(
      (acc, r) => ({ ...acc, [r!.state]: (acc[r!.state] ?? 0) + 1 }),
      {},
    );
    const expected = new Set(
      rows.flatMap((r) => r!.record.steps.filter((s) => s.state !== 'SKIPPED').map((s) => s.key)),
    );
    const calls = await q<{ key: string; effects: number; faults: number; replays: number }[]>(
      `SELECT key, count(*) FILTER (WHERE outcome = 'EFFECT')::int AS effects, count(*) FILTER (WHERE outcome = 'FAULT')::int AS faults,
              count(*) FILTER (WHERE outcome = 'REPLAY')::int AS replays FROM sim_calls GROUP BY key`,
    );
    const acted = new Set(calls.filter((c) => c.effects > 0).map((c) => c.key));
    const lost = [...expected].filter((k) => !acted.has(k)).length;
    const duplicated = calls.filter((c) => c.effects > 1).length;
    const unexpected = [...acted].filter((k) => !expected.has(k)).length;
    const faults = calls.reduce((n, c) => n + c.faults, 0);
    const stepCalls = calls.reduce((n, c) => n + c.effects + c.faults + c.replays, 0);
    const jobs = await q<{ state: string; n: number }[]>(
      `SELECT state, count(*)::int AS n FROM jobs GROUP BY state ORDER BY state`,
    );
    const result = {
      at: new Date().toISOString(),
      database: 'PostgreSQL (DATABASE_URL), own database',
      migrations: MIGRATIONS,
      workers: WORKERS,
      injectedFailureRate: FAILURE_RATE,
      setupSeconds: setupMs / 1000,
      wallSeconds: wallMs / 1000,
      steps: expected.size,
      stepsPerSecond: Math.round((expected.size / (wallMs / 1000)) * 10) / 10,
      providerCalls: stepCalls,
      injectedFailures: faults,
      replays: calls.reduce((n, c) => n + c.replays, 0),
      states,
      jobs: Object.fromEntries(jobs.map((j) => [j.state, j.n])),
      lostSteps: lost,
      duplicatedSteps: duplicated,
      unexpectedEffects: unexpected,
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
    };
    console.table(
      Object.fromEntries(
        Object.entries(result).map(([k, v]) => [k, { value: typeof v === 'object' ? JSON.stringify(v) : v }]),
      ),
    );
    fs.mkdirSync(path.resolve('bench/results'), { recursive: true });
    fs.writeFileSync(path.resolve('bench/results/migrations.json'), JSON.stringify(result, null, 2) + '\n');
    if (lost > 0 || duplicated > 0 || unexpected > 0 || (states.COMPLETED ?? 0) !== MIGRATIONS)
      process.exitCode = 1;
  } finally {
    await ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

await main();
