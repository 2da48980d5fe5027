/**
 * npm run bench:placement — placement over catalogs of 100k, 1M and 10M offers (the real
 * catalog replicated with perturbed prices and synthetic regions, see
 * bench/support/synthetic-catalog.ts), a 3-component workload:
 *   - p50/p99 of scoreOptions in-process (the whole answer: cost, criteria, trace, why-not),
 *   - index memory per offer (typed arrays and dictionaries, and the measured heap growth),
 *   - index build time,
 *   - baselines measured in the same run: the same question as SQL on PostgreSQL, and a bare
 *     typed-array scan that finds only the cheapest fitting offer per region (the floor),
 *   - GraphQL end-to-end requests/s at concurrency 16 (load from a separate process), for
 *     repeated questions (served by the per-snapshot answer cache) and for distinct ones.
 * Environment: BENCH_SIZES (default 100000,1000000,10000000), DATABASE_URL (PostgreSQL for the SQL
 * baseline; default postgres://postgres@127.0.0.1:5432/postgres), BENCH_HTTP_SECONDS (default 10).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiKeyService } from '../src/auth/api-key.service.js';
import { startService } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/config.js';
import { scoreOptions } from '../src/domain/placement/score-options.js';
import type { Workload } from '../src/domain/placement/placement-types.js';
import type { OfferIndexRow, FitQuery } from '../src/placement/offer-index.js';
import { PlacementCatalogRepository } from '../src/placement/placement-catalog.repository.js';
import { IndexRowConverter, type PlacementSnapshot } from '../src/placement/placement-snapshot.js';
import { PlacementSnapshotService } from '../src/placement/placement-snapshot.service.js';
import { candidatesOf } from '../src/placement/placement.service.js';
import { machine, percentile, printTable, writeResults } from './support/bench-output.js';
import { sqlBaseline } from './support/placement-sql-baseline.js';
import { syntheticSnapshot } from './support/synthetic-catalog.js';

const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000,10000000').split(',').map(Number);
const REGION_COPIES = 5;
const HTTP_SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const WORKLOAD: Workload = {
  name: 'bench',
  components: [
    { name: 'web', count: 3, vcpu: 4, memoryGib: 16, egressInternetGibPerMonth: 500 },
    {
      name: 'api',
      count: 2,
      vcpu: 8,
      memoryGib: 32,
      egressToComponents: [{ component: 'db', gibPerMonth: 200 }],
    },
    { name: 'db', count: 1, vcpu: 16, memoryGib: 128, storageGib: 1000 },
  ],
  users: [
    { latitude: 50.11, longitude: 8.68, weight: 2 },
    { latitude: 40.71, longitude: -74.0, weight: 1 },
  ],
  constraints: { purchaseOptions: ['ON_DEMAND'] },
  weights: { cost: 1, latency: 1, availability: 0.5, carbon: 0.5 },
};
const GRAPHQL_WORKLOAD = `{ name: "bench", components: [
  { name: "web", count: 3, vcpu: 4, memoryGib: 16, egressInternetGibPerMonth: 500 },
  { name: "api", count: 2, vcpu: 8, memoryGib: 32, egressToComponents: [{ component: "db", gibPerMonth: 200 }] },
  { name: "db", count: 1, vcpu: 16, memoryGib: 128, storageGib: 1000 }],
  users: [{ latitude: 50.11, longitude: 8.68, weight: 2 }, { latitude: 40.71, longitude: -74.0, weight: 1 }] }`;

const fits: FitQuery[] = WORKLOAD.components.map((c) => ({
  vcpu: c.vcpu,
  memoryGib: c.memoryGib,
  purchaseOptions: ['ON_DEMAND'],
  os: 'LINUX',
}));

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function measure(iterations: number, fn: () => void): { p50: number; p99: number; mean: number } {
  for (let i = 0; i < Math.min(20, iterations); i++) fn();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    mean: times.reduce((s, t) => s + t, 0) / times.length,
  };
}

async function httpLoad(url: string, key: string, bodies: string[]): Promise<Record<string, number>> {
  const bodyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cumulus-bench-')), 'bodies.json');
  fs.writeFileSync(bodyFile, JSON.stringify(bodies));
  const script = path.resolve('dist/bench/support/http-load.js');
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [script, `${url}/graphql`, '16', String(HTTP_SECONDS), bodyFile, key],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(JSON.parse(out) as Record<string, number>));
  });
}

async function main(): Promise<void> {
  const config = {
    ...loadConfig({ ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn' }),
    database: { kind: 'pglite' as const, dataDir: null },
    port: 0,
    host: '127.0.0.1',
    catalogPollSeconds: 0,
  };
  process.stderr.write('loading the starter catalog (the real catalog the synthetic ones are made from)…\n');
  const service = await startService(config);
  const snapshots = service.app.get(PlacementSnapshotService);
  const real = await snapshots.build();
  const converter = new IndexRowConverter();
  const realRows: OfferIndexRow[] = [];
  for await (const page of service.app.get(PlacementCatalogRepository).computeOffers())
    realRows.push(...converter.rows(page));
  const key = (await service.app.get(ApiKeyService).create('reader', 'bench', 'bench')).key;
  process.stderr.write(`real catalog: ${realRows.length} compute offers in ${real.regions.length} regions\n`);

  const results: Record<string, unknown>[] = [];
  for (const size of SIZES) {
    gc();
    const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const snapshot: PlacementSnapshot = syntheticSnapshot(real, realRows, size, REGION_COPIES);
    gc();
    const heapAfter = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const index = snapshot.index;
    const candidates = candidatesOf(snapshot);
    const now = new Date('2026-11-27T00:00:00Z');
    let options = 0;
    const scoring = measure(size >= 10_000_000 ? 100 : 300, () => {
      options = scoreOptions(candidates, WORKLOAD, WORKLOAD.weights, now, { topK: 10 }).options.length;
    });
    const bare = measure(size >= 10_000_000 ? 100 : 300, () => {
      for (const q of fits) index.bareScanCheapestPerRegion(q);
    });
    const indexOnly = measure(300, () => {
      for (const q of fits) index.cheapestFittingPerRegion(q);
    });
    process.stderr.write(`${size}: scoring p50 ${scoring.p50.toFixed(2)} ms; running the SQL baseline…\n`);
    const sql = await sqlBaseline(PG_URL, index, fits).catch((error: Error) => {
      process.stderr.write(`SQL baseline skipped: ${error.message}\n`);
      return null;
    });
    let repeated: Record<string, number> | null = null;
    let distinct: Record<string, number> | null = null;
    if (size <= 1_000_000) {
      snapshots.use(snapshot);
      // Repeated questions (a dashboard refreshing) are answered from the per-snapshot answer
      // cache; distinct ones (every request a new workload) are scored every time.
      const body = (vcpu: number, memory: number, lat: number) =>
        JSON.stringify({
          query: `{ placementOptions(workload: ${GRAPHQL_WORKLOAD.replace('vcpu: 4, memoryGib: 16', `vcpu: ${vcpu}, memoryGib: ${memory}`).replace('latitude: 50.11', `latitude: ${lat}`)}, limit: 10) { options { provider regions score monthlyCost { total } } rejected { provider reason } } }`,
        });
      repeated = await httpLoad(service.url, key, [body(4, 16, 50.11), body(4, 16, 48.85)]);
      const bodies: string[] = [];
      for (let i = 0; i < 20_000; i++) bodies.push(body(1 + (i % 16), 2 + (i % 61), 40 + (i % 997) / 100));
      distinct = await httpLoad(service.url, key, bodies);
    }
    const bytes = index.byteSize();
    const row = {
      offers: index.size,
      regions: snapshot.regions.length,
      buildMs: index.stats.buildMs,
      indexBytesPerOffer: bytes.bytesPerOffer,
      heapBytesPerOffer: (heapAfter - heapBefore) / index.size,
      scoreP50Ms: scoring.p50,
      scoreP99Ms: scoring.p99,
      indexLookupP50Ms: indexOnly.p50,
      bareScanP50Ms: bare.p50,
      sqlP50Ms: sql?.p50Ms ?? null,
      sqlLoadSeconds: sql?.loadSeconds ?? null,
      vsSql: sql ? sql.p50Ms / scoring.p50 : null,
      vsBareScan: scoring.p50 / bare.p50,
      graphqlRequestsPerSecond: repeated?.requestsPerSecond ?? null,
      graphqlP50Ms: repeated?.p50Ms ?? null,
      graphqlP99Ms: repeated?.p99Ms ?? null,
      graphqlDistinctRequestsPerSecond: distinct?.requestsPerSecond ?? null,
      graphqlDistinctP50Ms: distinct?.p50Ms ?? null,
      graphqlDistinctP99Ms: distinct?.p99Ms ?? null,
      graphqlErrors: repeated && distinct ? repeated.errors + distinct.errors : null,
      optionsReturned: options,
    };
    results.push(row);
    printTable(`placement, ${size.toLocaleString('en-US')} offers`, [
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null ? '—' : v])),
    ]);
    // Serve the real snapshot again so the synthetic one can be collected before the next size.
    snapshots.use(real);
  }
  await service.close();

  const targets = results.find((r) => r.offers === 1_000_000) as Record<string, number> | undefined;
  const verdict = targets
    ? {
        'p50 ≤ 10 ms': targets.scoreP50Ms <= 10,
        'p99 ≤ 30 ms': targets.scoreP99Ms <= 30,
        '≥ 20x faster than SQL': targets.vsSql === null ? null : targets.vsSql >= 20,
        '≤ 3x the bare scan': targets.vsBareScan <= 3,
        '≤ 150 bytes per offer': targets.indexBytesPerOffer <= 150,
        'GraphQL ≥ 300 req/s (repeated questions)': targets.graphqlRequestsPerSecond >= 300,
        'GraphQL ≥ 300 req/s (every question new)': targets.graphqlDistinctRequestsPerSecond >= 300,
      }
    : null;
  printTable(
    'summary',
    results.map((r) =>
      Object.fromEntries(
        [
          'offers',
          'scoreP50Ms',
          'scoreP99Ms',
          'bareScanP50Ms',
          'sqlP50Ms',
          'vsSql',
          'vsBareScan',
          'indexBytesPerOffer',
          'buildMs',
          'graphqlRequestsPerSecond',
        ].map((k) => [k, r[k] === null ? '—' : (r[k] as number)]),
      ),
    ),
  );
  if (verdict) process.stdout.write(`\ntargets at 1M offers: ${JSON.stringify(verdict)}\n`);
  const file = writeResults('placement', {
    machine: machine(),
    workload: WORKLOAD,
    regionCopies: REGION_COPIES,
    results,
    targetsAt1M: verdict,
  });
  process.stdout.write(`written ${file}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
