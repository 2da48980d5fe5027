import { Inject, Injectable } from '@nestjs/common';
import { DATABASE } from '../database/database.module.js';
import type { Database } from '../database/database.js';

/** Arbitrary constant: the session advisory lock held by whoever is accruing. */
export const ACCRUAL_LOCK_KEY = 7_236_110_060;

/**
 * One accrual at a time across replicas: on a server a session advisory lock on a dedicated
 * connection, held for the whole run (if the process dies the lock goes with its connection);
 * on the embedded database one process owns the data folder, so an in-process queue suffices,
 * and a second session would deadlock on PGlite's single one.
 */
@Injectable()
export class AccrualLock {
  private local: Promise<unknown> = Promise.resolve();
  private held = false;

  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** Runs `fn` holding the lock; with wait = false returns null at once when someone else holds it. */
  async run<T>(wait: boolean, fn: () => Promise<T>): Promise<T | null> {
    if (!wait && this.held) return null;
    const previous = this.local;
    let release!: () => void;
    this.local = new Promise<void>((resolve) => (release = resolve));
    await previous.catch(() => undefined);
    this.held = true;
    try {
      return this.database.kind === 'postgres' ? await this.runLocked(wait, fn) : await fn();
    } finally {
      this.held = false;
      release();
    }
  }

  private async runLocked<T>(wait: boolean, fn: () => Promise<T>): Promise<T | null> {
    const runner = this.database.dataSource.createQueryRunner();
    await runner.connect();
    try {
      if (wait) await runner.query('SELECT pg_advisory_lock($1)', [ACCRUAL_LOCK_KEY]);
      else {
        const [row] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [
          ACCRUAL_LOCK_KEY,
        ])) as {
          locked: boolean;
        }[];
        if (!row?.locked) return null;
      }
      try {
        return await fn();
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [ACCRUAL_LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }
}
