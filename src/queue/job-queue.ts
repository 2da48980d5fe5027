import type { EntityManager } from 'typeorm';

/**
 * A durable, at-least-once job queue. Jobs are enqueued inside the caller's transaction, so a
 * state change and the jobs it implies commit together or not at all. A claimed job carries a
 * lease the worker renews; a lease that lapses marks a lost worker and the job goes back to the
 * handler's `onExpired`. The PostgreSQL table queue implements it; pg-boss could too.
 */
export interface NewJob {
  readonly queue: string;
  readonly payload: Record<string, unknown>;
  readonly runAfter: Date;
  /** Enqueueing a key that is already queued or active does nothing. */
  readonly dedupeKey: string | null;
}

export interface ClaimedJob<P = Record<string, unknown>> {
  readonly id: string;
  readonly queue: string;
  readonly payload: P;
  /** Times this job was claimed, this claim included. */
  readonly attempts: number;
  readonly dedupeKey: string | null;
  readonly lockedBy: string;
}

export type JobOutcome = 'done' | 'dropped';

export interface JobQueue {
  enqueue(manager: EntityManager, jobs: readonly NewJob[]): Promise<void>;
  /** Claims up to `limit` due jobs for `workerId`, skipping jobs other workers hold. */
  claim(
    queue: string,
    workerId: string,
    limit: number,
    leaseSeconds: number,
    now: Date,
  ): Promise<ClaimedJob[]>;
  /** Extends the lease; false when the worker no longer holds the job (the lease lapsed). */
  renew(jobId: string, workerId: string, leaseSeconds: number, now: Date): Promise<boolean>;
  /** Ends a job the worker holds, inside the caller's transaction when one is given. */
  finish(
    manager: EntityManager | null,
    jobId: string,
    workerId: string,
    outcome: JobOutcome,
    note: string,
  ): Promise<boolean>;
  /** Puts a held job back to wait until `runAfter` (it was not due yet). */
  postpone(jobId: string, workerId: string, runAfter: Date): Promise<void>;
  /** Marks active jobs whose lease lapsed before `now` as expired and returns them. */
  takeExpired(queue: string, now: Date, limit: number): Promise<ClaimedJob[]>;
  /** Queues an expired job again (its holder died before doing anything that counts). */
  requeue(jobId: string, runAfter: Date): Promise<void>;
  /** Wakes this process's idle workers (after the enqueueing transaction committed). */
  wake(queue: string): void;
  onWake(listener: (queue: string) => void): () => void;
  countByState(queue: string): Promise<Record<string, number>>;
}

export const JOB_QUEUE = Symbol('JOB_QUEUE');
