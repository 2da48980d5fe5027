import { EventEmitter } from 'node:events';
import type { PGlite, Results } from '@electric-sql/pglite';

/**
 * A `pg`-shaped driver module for TypeORM over one PGlite instance.
 *
 * PGlite is a single session. typeorm-pglite hands that session to every query runner at
 * once, so a query from one request can land inside another request's open transaction
 * (and be rolled back with it). Here a query runner holds an exclusive lease on the
 * session from `connect` until `release`, which gives each runner the isolation a pooled
 * `pg` connection would.
 */
export class SessionLease {
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;

  async acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => next);
    this.waiting++;
    await previous;
    this.waiting--;
    let released = false;
    return () => {
      if (!released) {
        released = true;
        release();
      }
    };
  }

  get queueLength(): number {
    return this.waiting;
  }
}

type Callback = (err: Error | null, result?: unknown) => void;

/** The result shape TypeORM's postgres query runner reads (`rows`, `rowCount`, `command`). */
function toPgResult(result: Results): {
  rows: unknown[];
  rowCount: number;
  command?: string;
  fields: unknown[];
} {
  return {
    rows: result.rows,
    rowCount: result.rowCount ?? result.affectedRows ?? result.rows.length,
    command: (result as { command?: string }).command,
    fields: result.fields,
  };
}

export class PGliteSession extends EventEmitter {
  constructor(readonly db: PGlite) {
    super();
  }

  async query(sql: string, params?: unknown[] | Callback, callback?: Callback): Promise<unknown> {
    const cb = typeof params === 'function' ? params : callback;
    const values = typeof params === 'function' ? undefined : params;
    try {
      const result =
        values && values.length > 0
          ? toPgResult(await this.db.query(sql, values))
          : // exec accepts several statements (migrations); TypeORM reads the last result.
            toPgResult((await this.db.exec(sql)).at(-1) ?? { rows: [], fields: [] });
      cb?.(null, result);
      return result;
    } catch (error) {
      cb?.(error as Error);
      throw error;
    }
  }
}

export function pgliteDriverModule(db: PGlite, lease: SessionLease) {
  class Pool extends EventEmitter {
    connect(callback: (err: Error | null, conn?: PGliteSession, release?: () => void) => void): void {
      lease.acquire().then(
        (release) => callback(null, new PGliteSession(db), release),
        (error: Error) => callback(error),
      );
    }

    async query(sql: string, params?: unknown[]): Promise<unknown> {
      const release = await lease.acquire();
      try {
        return await new PGliteSession(db).query(sql, params);
      } finally {
        release();
      }
    }

    end(callback?: (err: Error | null) => void): void {
      // The PGlite instance belongs to EmbeddedDatabase, which closes it.
      callback?.(null);
    }
  }
  return { Pool, defaults: {} };
}
