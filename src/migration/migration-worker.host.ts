import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { JOB_QUEUE, type JobQueue } from '../queue/job-queue.js';
import { JobWorkerPool } from '../queue/job-worker-pool.js';
import { MigrationRepository } from './migration.repository.js';
import { MigrationOrchestrator } from './migration-orchestrator.service.js';
import { MigrationStepRunner } from './migration-step-runner.js';

/**
 * Runs migration workers: inside the service (config.migrations.workers, 0 = none) or alone
 * (`node dist/src/worker.js`, `cumulus migration worker`). The CLI's application context has no
 * HTTP server and never starts them on its own. Starting reconciles first: a retry whose job
 * went missing is enqueued again (duplicates are no-ops: one live job per attempt).
 */
@Injectable()
export class MigrationWorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MigrationWorkerHost.name);
  private pool: JobWorkerPool | null = null;

  constructor(
    private readonly runner: MigrationStepRunner,
    private readonly migrations: MigrationRepository,
    private readonly orchestrator: MigrationOrchestrator,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly http?: HttpAdapterHost,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.http?.httpAdapter && this.config.migrations.workers > 0)
      await this.start(this.config.migrations.workers);
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  get running(): boolean {
    return this.pool !== null;
  }

  async start(concurrency: number, name?: string): Promise<JobWorkerPool> {
    if (this.pool) return this.pool;
    await this.reconcile();
    this.pool = new JobWorkerPool(this.queue, this.runner, {
      concurrency,
      leaseSeconds: this.config.migrations.leaseSeconds,
      pollMaxMs: this.config.migrations.pollMaxMs,
      name,
    });
    this.pool.start();
    this.logger.log(`${concurrency} migration worker(s) started as ${this.pool.name}`);
    return this.pool;
  }

  async stop(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.stop();
  }

  /** Sends retryDue for every due retry and compensation of the migrations in flight. */
  async reconcile(now = new Date()): Promise<number> {
    let sent = 0;
    for (const row of await this.migrations.listActive()) {
      for (const step of row.record.steps) {
        const waiting =
          (step.state === 'PENDING' && step.attempts > 0) ||
          (step.state === 'COMPENSATING' && step.compensationKey);
        if (!waiting || (step.notBefore !== null && Date.parse(step.notBefore) > now.getTime())) continue;
        const key = step.state === 'COMPENSATING' ? step.compensationKey! : step.key;
        const result = await this.orchestrator.apply(row.id, {
          type: 'retryDue',
          by: 'system:reconciler',
          key,
        });
        if (result.ok) sent++;
      }
    }
    if (sent > 0) this.logger.log(`reconciler re-enqueued ${sent} due step(s)`);
    return sent;
  }
}
