#!/usr/bin/env node
import 'reflect-metadata';
import { openCliContext } from './cli/cli-context.js';
import { ConfigError, loadConfig } from './config/config.js';
import { DataDirLockedError } from './database/data-dir-lock.js';
import { runWorkerProcess } from './migration/run-worker.js';

/** `node dist/src/worker.js`: migration workers without the HTTP service (CUMULUS_MIGRATION_WORKERS loops). */
async function main(): Promise<void> {
  const config = loadConfig();
  const ctx = await openCliContext(config);
  try {
    await runWorkerProcess(ctx.app, config, {
      concurrency: config.migrations.workers,
      untilDone: process.argv.includes('--until-done'),
      log: (line) => process.stderr.write(`${line}\n`),
    });
  } finally {
    await ctx.close();
  }
}

main().catch((error: unknown) => {
  const expected = error instanceof DataDirLockedError || error instanceof ConfigError;
  process.stderr.write(
    `cumulus worker: ${error instanceof Error ? (expected ? error.message : error.stack) : String(error)}\n`,
  );
  process.exit(expected ? 2 : 1);
});
