import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { ClaimedJob, JobQueue } from './job-queue.js';

/** What a queue's owner does with its jobs. */
export interface JobHandler {
  readonly queue: string;
  /** Runs one claimed job; the handler ends it (finish/postpone) itself, in its own transaction. */
  handle(job: ClaimedJob, workerId: string): Promise<void>;
  /** A lapsed lease: put the job back ('requeue') or forget it ('drop') after reporting the loss. */
  onExpired(job: ClaimedJob): Promise<'requeue' | 'drop'>;
}

export interface WorkerPoolOptions {
  readonly concurrency: number;
  readonly leaseSeconds: number;
  readonly pollMaxMs: number;
  /** Names the process in job rows and transition records ("worker:<host>:<pid>:<n>"). */
  readonly name?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * N claim loops over one queue plus a lease reaper. An idle loop polls with exponential backoff
 * (10 ms doubling to pollMaxMs) and wakes early on a NOTIFY or a local enqueue. While a job
 * runs its lease is renewed every third of its length; the reaper hands lapsed leases back to
 * the handler. Stop waits for the jobs in flight.
 */
export class JobWorkerPool {
  private readonly logger = new Logger(JobWorkerPool.name);
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly sleepers = new Set<() => void>();
  /** The reaper's waits: new work does not end them, stop() does. */
  private readonly stoppers = new Set<() => void>();
  private unsubscribe: (() => void) | null = null;
  readonly name: string;

  constructor(
    private readonly queue: JobQueue,
    private readonly handler: JobHandler,
    private readonly options: WorkerPoolOptions,
  ) {
    this.name = `worker:${options.name ?? `${os.hostname()}:${process.pid}:${randomBytes(2).toString('hex')}`}`;
  }

  start(): void {
    if (this.running || this.options.concurrency <= 0) return;
    this.running = true;
    this.unsubscribe = this.queue.onWake((q) => {
      if (q === '' || q === this.handler.queue) this.wakeOne();
    });
    for (let i = 0; i < this.options.concurrency; i++)
      this.loops.push(this.claimLoop(`${this.name}/${i + 1}`));
    this.loops.push(this.reaperLoop());
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.wakeAll();
    for (const stop of [...this.stoppers]) stop();
    await Promise.all(this.loops);
    this.loops = [];
  }

  /** One new job: one idle loop claims it (waking them all would send N claims for one row). */
  private wakeOne(): void {
    const first = this.sleepers.values().next();
    if (!first.done) first.value();
  }

  private wakeAll(): void {
    for (const wake of [...this.sleepers]) wake();
  }

  /** A wait that a wake-up (new work) or stop() ends early. */
  private nap(ms: number, wakeable = true): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        this.stoppers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      if (wakeable) this.sleepers.add(done);
      else this.stoppers.add(done);
    });
  }

  private async claimLoop(workerId: string): Promise<void> {
    let idleMs = 10;
    while (this.running) {
      let job: ClaimedJob | undefined;
      try {
        [job] = await this.queue.claim(
          this.handler.queue,
          workerId,
          1,
          this.options.leaseSeconds,
          new Date(),
        );
      } catch (error) {
        this.logger.warn(`${workerId}: claim failed: ${(error as Error).message}`);
        await sleep(this.options.pollMaxMs);
        continue;
      }
      if (!job) {
        await this.nap(idleMs);
        idleMs = Math.min(idleMs * 2, this.options.pollMaxMs);
        continue;
      }
      idleMs = 10;
      await this.runHeld(job, workerId);
    }
  }

  private async runHeld(job: ClaimedJob, workerId: string): Promise<void> {
    const every = Math.max(50, (this.options.leaseSeconds * 1000) / 3);
    const renewal = setInterval(() => {
      this.queue.renew(job.id, workerId, this.options.leaseSeconds, new Date()).catch((error: Error) => {
        this.logger.warn(`${workerId}: lease renewal of job ${job.id} failed: ${error.message}`);
      });
    }, every);
    try {
      await this.handler.handle(job, workerId);
    } catch (error) {
      // The handler reports step outcomes itself; reaching here means the database failed. The
      // lease will lapse and the reaper hands the job back, which is the recovery path anyway.
      this.logger.error(`${workerId}: job ${job.id} failed: ${(error as Error).stack ?? String(error)}`);
    } finally {
      clearInterval(renewal);
    }
  }

  private async reaperLoop(): Promise<void> {
    const every = Math.max(100, Math.min(5000, (this.options.leaseSeconds * 1000) / 2));
    while (this.running) {
      try {
        for (const job of await this.queue.takeExpired(this.handler.queue, new Date(), 100)) {
          const decision = await this.handler.onExpired(job);
          if (decision === 'requeue') await this.queue.requeue(job.id, new Date());
        }
      } catch (error) {
        this.logger.warn(`lease reaper: ${(error as Error).message}`);
      }
      await this.nap(every, false);
    }
  }
}
