import type { INestApplicationContext } from '@nestjs/common';
import type { AppConfig } from '../config/config.js';
import { simulatedProcess } from '../providers/simulated/simulated.adapter.js';
import { TableJobQueue } from '../queue/table-job-queue.js';
import { MigrationRepository } from './migration.repository.js';
import { MigrationWorkerHost } from './migration-worker.host.js';

export interface WorkerRunOptions {
  readonly concurrency: number;
  readonly name?: string;
  /** Exit once no migration is in flight (tests, batch runs); otherwise run until a signal. */
  readonly untilDone?: boolean;
  readonly log: (line: string) => void;
}

/**
 * A process that only runs migration workers (the service need not run). It marks the process
 * as a worker, so the simulated provider's injected `crash` really ends it.
 */
export async function runWorkerProcess(
  app: INestApplicationContext,
  config: AppConfig,
  options: WorkerRunOptions,
): Promise<void> {
  simulatedProcess.isWorker = true;
  if (config.database.kind === 'postgres') await app.get(TableJobQueue).listen(config.database.url);
  const host = app.get(MigrationWorkerHost);
  const pool = await host.start(Math.max(1, options.concurrency), options.name);
  options.log(`migration worker ${pool.name} started (${Math.max(1, options.concurrency)} loop(s))`);
  const migrations = app.get(MigrationRepository);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (options.untilDone) {
      const check = async () => {
        if ((await migrations.countActive()) === 0) return resolve();
        setTimeout(() => void check(), 200);
      };
      setTimeout(() => void check(), 200);
    }
  });
  await host.stop();
  options.log(`migration worker ${pool.name} stopped`);
}
