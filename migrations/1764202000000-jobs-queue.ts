import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A durable job queue in PostgreSQL (pg-boss does not run on PGlite). Workers claim due jobs
 * with FOR UPDATE SKIP LOCKED and hold a lease they renew; a job whose lease lapsed belongs to
 * a lost worker and is handed back to its queue's owner. `dedupe_key` makes enqueueing the
 * same attempt twice a no-op while the first copy is queued or active.
 */
export class JobsQueue1764202000000 implements MigrationInterface {
  name = 'JobsQueue1764202000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE jobs (
        id bigserial PRIMARY KEY,
        queue text NOT NULL,
        dedupe_key text,
        payload jsonb NOT NULL,
        state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'active', 'done', 'dropped', 'expired')),
        run_after timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        locked_by text,
        lease_expires_at timestamptz,
        outcome text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      );
      CREATE INDEX jobs_ready_idx ON jobs (queue, run_after, id) WHERE state = 'queued';
      CREATE INDEX jobs_lease_idx ON jobs (queue, lease_expires_at) WHERE state = 'active';
      CREATE UNIQUE INDEX jobs_live_dedupe ON jobs (queue, dedupe_key) WHERE state IN ('queued', 'active');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE jobs`);
  }
}
