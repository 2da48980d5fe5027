import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ClaimedJob, JobOutcome, NewJob } from './job-queue.js';
import { returningRows } from '../database/returning-rows.js';

interface JobRow {
  id: string;
  queue: string;
  payload: Record<string, unknown>;
  attempts: number;
  dedupe_key: string | null;
  locked_by: string | null;
}

function toJob(row: JobRow): ClaimedJob {
  return {
    id: row.id,
    queue: row.queue,
    payload: row.payload,
    attempts: row.attempts,
    dedupeKey: row.dedupe_key,
    lockedBy: row.locked_by ?? '',
  };
}

/** The `jobs` table: every statement the queue needs, by intent. */
@Injectable()
export class JobsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, job: NewJob): Promise<void> {
    await manager.query(
      `INSERT INTO jobs (queue, dedupe_key, payload, run_after)
       VALUES ($1, $2, $3::jsonb, $4::timestamptz)
       ON CONFLICT (queue, dedupe_key) WHERE state IN ('queued', 'active') DO NOTHING`,
      [job.queue, job.dedupeKey, JSON.stringify(job.payload), job.runAfter.toISOString()],
    );
  }

  async claimDue(
    queue: string,
    workerId: string,
    limit: number,
    leaseSeconds: number,
    now: Date,
  ): Promise<ClaimedJob[]> {
    const rows = returningRows<JobRow>(
      await this.dataSource.query(
        `UPDATE jobs j
       SET state = 'active', attempts = j.attempts + 1, locked_by = $2,
           lease_expires_at = $4::timestamptz + make_interval(secs => $5::float8), updated_at = $4::timestamptz
       FROM (SELECT id FROM jobs
             WHERE queue = $1 AND state = 'queued' AND run_after <= $4::timestamptz
             ORDER BY run_after, id LIMIT $3 FOR UPDATE SKIP LOCKED) due
       WHERE j.id = due.id
       RETURNING j.id::text AS id, j.queue, j.payload, j.attempts, j.dedupe_key, j.locked_by`,
        [queue, workerId, limit, now.toISOString(), leaseSeconds],
      ),
    );
    return rows.map(toJob);
  }

  async extendLease(jobId: string, workerId: string, leaseSeconds: number, now: Date): Promise<boolean> {
    const rows = returningRows<unknown>(
      await this.dataSource.query(
        `UPDATE jobs SET lease_expires_at = $3::timestamptz + make_interval(secs => $4::float8), updated_at = $3::timestamptz
       WHERE id = $1::bigint AND locked_by = $2 AND state = 'active' RETURNING id`,
        [jobId, workerId, now.toISOString(), leaseSeconds],
      ),
    );
    return rows.length > 0;
  }

  async finishHeld(
    manager: EntityManager | null,
    jobId: string,
    workerId: string,
    outcome: JobOutcome,
    note: string,
  ): Promise<boolean> {
    const rows = returningRows<unknown>(
      await (manager ?? this.dataSource.manager).query(
        `UPDATE jobs SET state = $3, outcome = $4, finished_at = now(), updated_at = now(), lease_expires_at = NULL
       WHERE id = $1::bigint AND locked_by = $2 AND state = 'active' RETURNING id`,
        [jobId, workerId, outcome, note.slice(0, 2000)],
      ),
    );
    return rows.length > 0;
  }

  async postponeHeld(jobId: string, workerId: string, runAfter: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE jobs SET state = 'queued', run_after = $3::timestamptz, locked_by = NULL, lease_expires_at = NULL,
              attempts = greatest(attempts - 1, 0), updated_at = now()
       WHERE id = $1::bigint AND locked_by = $2 AND state = 'active'`,
      [jobId, workerId, runAfter.toISOString()],
    );
  }

  async markExpired(queue: string, now: Date, limit: number): Promise<ClaimedJob[]> {
    const rows = returningRows<JobRow>(
      await this.dataSource.query(
        `UPDATE jobs j SET state = 'expired', outcome = 'lease expired', updated_at = $2::timestamptz
       FROM (SELECT id FROM jobs
             WHERE queue = $1 AND state = 'active' AND lease_expires_at < $2::timestamptz
             ORDER BY lease_expires_at LIMIT $3 FOR UPDATE SKIP LOCKED) gone
       WHERE j.id = gone.id
       RETURNING j.id::text AS id, j.queue, j.payload, j.attempts, j.dedupe_key, j.locked_by`,
        [queue, now.toISOString(), limit],
      ),
    );
    return rows.map(toJob);
  }

  async requeueExpired(jobId: string, runAfter: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE jobs SET state = 'queued', run_after = $2::timestamptz, locked_by = NULL, lease_expires_at = NULL,
              outcome = NULL, updated_at = now()
       WHERE id = $1::bigint AND state = 'expired'`,
      [jobId, runAfter.toISOString()],
    );
  }

  async countByState(queue: string): Promise<Record<string, number>> {
    const rows: { state: string; n: number }[] = await this.dataSource.query(
      `SELECT state, count(*)::int AS n FROM jobs WHERE queue = $1 GROUP BY state`,
      [queue],
    );
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  }
}
