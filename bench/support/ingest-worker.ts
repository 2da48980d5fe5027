/**
 * One measured import in its own process, so its peak RSS is its own:
 *   node dist/bench/support/ingest-worker.js import <format> <file>   (DATABASE_URL or CUMULUS_DATA_DIR)
 *   node dist/bench/support/ingest-worker.js parse <format> <file>    (the importer alone, no database)
 *   node dist/bench/support/ingest-worker.js json-layer <format> <file> (only the JSON values the importer reads)
 *   node dist/bench/support/ingest-worker.js json-parse <file>        (JSON.parse of the whole file)
 *   node dist/bench/support/ingest-worker.js copy <versionId>         (COPY baseline: the version's rows again)
 * Prints one JSON line.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import { CatalogImportService } from '../../src/catalog/catalog-import.service.js';
import { fileSource } from '../../src/catalog/importers/file-source.js';
import { createJsonImporters } from '../../src/catalog/importers/importer-registry.js';
import { JsonEventStream } from '../../src/catalog/importers/json/json-stream.js';
import { openCliContext } from '../../src/cli/cli-context.js';
import { loadConfig } from '../../src/config/config.js';
import { copyCsv, CsvBatch } from '../../src/database/bulk-copy.js';
import { OFFER_COLUMNS } from '../../src/catalog/offer-writer.js';

const [mode, a, b] = process.argv.slice(2);

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

async function main(): Promise<Record<string, unknown>> {
  if (mode === 'json-parse') {
    const started = performance.now();
    const text = fs.readFileSync(a, 'utf8');
    JSON.parse(text);
    return {
      seconds: (performance.now() - started) / 1000,
      bytes: fs.statSync(a).size,
      peakRssMb: peakRssMb(),
    };
  }
  if (mode === 'json-layer') {
    const importer = createJsonImporters().find((i) => i.format === a)!;
    const started = performance.now();
    let values = 0;
    const json = new JsonEventStream(fileSource(b).open(), {
      format: a,
      sourceName: b,
      ...importer.jsonSelection!,
    });
    for await (const batch of json.batches()) values += batch.length;
    return {
      seconds: (performance.now() - started) / 1000,
      values,
      bytes: fs.statSync(b).size,
      peakRssMb: peakRssMb(),
    };
  }
  if (mode === 'parse') {
    const importer = createJsonImporters().find((i) => i.format === a)!;
    const started = performance.now();
    let records = 0;
    let offers = 0;
    const context = { regionCodeByName: () => 'us-east-1' };
    for await (const record of importer.read(fileSource(b), context)) {
      if (record.kind === 'metadata') continue;
      records++;
      if (record.kind === 'accepted') offers += record.offers.length;
    }
    return {
      seconds: (performance.now() - started) / 1000,
      records,
      offers,
      bytes: fs.statSync(b).size,
      peakRssMb: peakRssMb(),
    };
  }
  const config = { ...loadConfig({ ...process.env, LOG_LEVEL: 'error', CUMULUS_STARTER_CATALOG: 'false' }) };
  const ctx = await openCliContext(config);
  try {
    if (mode === 'import') {
      const started = performance.now();
      const summary = await ctx.app
        .get(CatalogImportService)
        .import({ format: a, files: [b], createdBy: 'bench', urlAllowList: [] });
      return {
        ...summary,
        seconds: (performance.now() - started) / 1000,
        bytes: fs.statSync(b).size,
        peakRssMb: peakRssMb(),
      };
    }
    if (mode === 'copy') {
      // The same normalised rows, written again by one COPY into the same table (same indexes).
      const ds = ctx.database.dataSource;
      const inserted: { id: string }[] = await ds.query(
        `INSERT INTO catalog_versions (provider_id, format, scope_key, source, status) VALUES ('aws', 'bench-copy', 'bench/' || now(), 'bench', 'IMPORTING') RETURNING id`,
      );
      const id = inserted[0].id;
      const columns = OFFER_COLUMNS.filter((c) => c !== 'catalog_version_id');
      const pageSize = 100_000;
      // Gathered as bytes outside the JS heap, as the writer does: a 1 GB file's rows as one string would not fit.
      const csv = new CsvBatch();
      let rows = 0;
      let after = '0';
      for (;;) {
        const page: Record<string, string | null>[] = await ds.query(
          `SELECT id::text AS id, ${columns.map((c) => `${c}::text AS ${c}`).join(', ')}
           FROM offers WHERE catalog_version_id = $1 AND offers.id > $2::bigint ORDER BY offers.id LIMIT ${pageSize}`,
          [a, after],
        );
        for (const r of page) csv.add([id, ...columns.map((c) => r[c] ?? null)]);
        rows += page.length;
        if (page.length < pageSize) break;
        after = page[page.length - 1].id!;
      }
      const chunks = csv.take();
      const runner = ds.createQueryRunner();
      await runner.connect();
      const started = performance.now();
      await copyCsv(runner, 'offers', OFFER_COLUMNS, chunks);
      const seconds = (performance.now() - started) / 1000;
      await runner.release();
      await ds.query(`DELETE FROM offers WHERE catalog_version_id = $1`, [id]);
      await ds.query(`DELETE FROM catalog_versions WHERE id = $1`, [id]);
      return { rows, seconds, rowsPerSecond: rows / seconds };
    }
    throw new Error(`unknown mode ${mode}`);
  } finally {
    await ctx.close();
  }
}

main().then(
  (result) => process.stdout.write(JSON.stringify(result) + '\n'),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
