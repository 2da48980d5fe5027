import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DATABASE } from '../database/database.module.js';
import type { Database } from '../database/database.js';
import type { ClaimedJob, JobOutcome, JobQueue, NewJob } from './job-queue.js';
import { JobsRepository } from './jobs.repository.js';

export const JOBS_CHANNEL = 'cumulus_jobs';

/**
 * The JobQueue over the `jobs` table. On a server, enqueueing NOTIFYs the channel inside the
 * transaction (delivered on commit) and every replica LISTENs on a dedicated connection to wake
 * its idle workers; on the embedded database, the one process wakes itself after the commit.
 * Polling with backoff stays as the safety net (a dropped listener misses notifications).
 */
@Injectable()
export class TableJobQueue implements JobQueue, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(TableJobQueue.name);
  private readonly wakes = new EventEmitter();
  private listener: pg.Client | null = null;

  constructor(
    private readonly jobs: JobsRepository,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.wakes.setMaxListeners(0);
  }

  async onModuleInit(): Promise<void> {
    if (this.config.database.kind !== 'postgres' || this.config.migrations.workers === 0) return;
    await this.listen(this.config.database.url);
  }

  /** Starts listening for other replicas' enqueues (the standalone worker calls this too). */
  async listen(url: string): Promise<void> {
    if (this.listener) return;
    try {
      const client = new pg.Client({ connectionString: url, application_name: 'cumulus-jobs-listener' });
      client.on('notification', (n) => this.wakes.emit('wake', n.payload ?? ''));
      client.on('error', (e) => this.logger.warn(`jobs listener: ${e.message}`));
      await client.connect();
      await client.query(`LISTEN ${JOBS_CHANNEL}`);
      this.listener = client;
    } catch (error) {
      this.logger.warn(`LISTEN ${JOBS_CHANNEL} failed, relying on polling: ${(error as Error).message}`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }

  async enqueue(manager: EntityManager, jobs: readonly NewJob[]): Promise<void> {
    for (const job of jobs) await this.jobs.insert(manager, job);
    if (jobs.length > 0 && this.database.kind === 'postgres') {
      await manager.query(`SELECT pg_notify($1, $2)`, [JOBS_CHANNEL, jobs[0].queue]);
    }
  }

  claim(
    queue: string,
    workerId: string,
    limit: number,
    leaseSeconds: number,
    now: Date,
  ): Promise<ClaimedJob[]> {
    return this.jobs.claimDue(queue, workerId, limit, leaseSeconds, now);
  }

  renew(jobId: string, workerId: string, leaseSeconds: number, now: Date): Promise<boolean> {
    return this.jobs.extendLease(jobId, workerId, leaseSeconds, now);
  }

  finish(
    manager: EntityManager | null,
    jobId: string,
    workerId: string,
    outcome: JobOutcome,
    note: string,
  ): Promise<boolean> {
    return this.jobs.finishHeld(manager, jobId, workerId, outcome, note);
  }

  postpone(jobId: string, workerId: string, runAfter: Date): Promise<void> {
    return this.jobs.postponeHeld(jobId, workerId, runAfter);
  }

  takeExpired(queue: string, now: Date, limit: number): Promise<ClaimedJob[]> {
    return this.jobs.markExpired(queue, now, limit);
  }

  requeue(jobId: string, runAfter: Date): Promise<void> {
    return this.jobs.requeueExpired(jobId, runAfter);
  }

  wake(queue: string): void {
    this.wakes.emit('wake', queue);
  }

  onWake(listener: (queue: string) => void): () => void {
    this.wakes.on('wake', listener);
    return () => this.wakes.off('wake', listener);
  }

  countByState(queue: string): Promise<Record<string, number>> {
    return this.jobs.countByState(queue);
  }
}
