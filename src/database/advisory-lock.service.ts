import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import pg from 'pg';
import { DATABASE } from './database.token.js';
import type { Database } from './database.js';

export type Locked<T> = { readonly acquired: true; readonly value: T } | { readonly acquired: false };

const POLL_MS = 50;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Named locks across replicas (the finance accrual, overspill ticks): session advisory locks on
 * a dedicated connection, so a dead process drops its locks with its connection, keyed by any
 * string, with a wait of waitMs (0: try once; Infinity: until it is free).
 *
 * The session is a pg.Client of its own rather than a pool connection: a tick holds its lock
 * while it runs queries, and N ticks each holding a pool connection and waiting for another
 * would exhaust the pool. Locks are taken with pg_try_advisory_lock in a short poll, because a
 * blocking pg_advisory_lock would stall the shared session for every other key.
 *
 * Advisory locks are re-entrant per session, so within this process a key is first taken in
 * memory; on the embedded database that in-memory lock is the whole story (one process owns
 * the data folder, and a second session would deadlock PGlite's single one).
 */
@Injectable()
export class AdvisoryLockService implements OnModuleDestroy {
  private readonly logger = new Logger(AdvisoryLockService.name);
  private readonly tails = new Map<string, Promise<void>>();
  private session: Promise<pg.Client> | null = null;

  constructor(@Inject(DATABASE) private readonly database: Database) {}

  async onModuleDestroy(): Promise<void> {
    const session = this.session;
    this.session = null;
    if (session) await (await session.catch(() => null))?.end().catch(() => undefined);
  }

  /** Runs `fn` holding `key`; { acquired: false } if it could not be had within waitMs. */
  async run<T>(key: string, waitMs: number, fn: () => Promise<T>): Promise<Locked<T>> {
    const deadline = Date.now() + waitMs;
    const releaseLocal = await this.acquireLocal(key, waitMs);
    if (releaseLocal === null) return { acquired: false };
    try {
      if (this.database.kind !== 'postgres') return { acquired: true, value: await fn() };
      const client = await this.client();
      if (!(await this.tryUntil(client, key, deadline))) return { acquired: false };
      try {
        return { acquired: true, value: await fn() };
      } finally {
        await client
          .query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key])
          .catch((e: Error) => this.logger.warn(`unlock ${key}: ${e.message}`));
      }
    } finally {
      releaseLocal();
    }
  }

  private async tryUntil(client: pg.Client, key: string, deadline: number): Promise<boolean> {
    for (;;) {
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked',
        [key],
      );
      if (rows[0]?.locked) return true;
      if (Date.now() >= deadline) return false;
      await sleep(POLL_MS);
    }
  }

  /** FIFO per key within this process; null when the previous holder did not finish within waitMs. */
  private async acquireLocal(key: string, waitMs: number): Promise<(() => void) | null> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    let timer: NodeJS.Timeout | undefined;
    // setTimeout cannot wait longer than 2^31 - 1 ms (it would fire at once): wait without one.
    const timedOut = Number.isFinite(waitMs)
      ? await Promise.race([
          previous.then(() => false),
          new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), waitMs))),
        ])
      : await previous.then(() => false);
    clearTimeout(timer);
    const done = () => {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
    if (timedOut) {
      // Give up our turn, but leave our tail in place: it settles only when `previous` does, so
      // the next caller still waits for the holder that is running now.
      release();
      return null;
    }
    return done;
  }

  private client(): Promise<pg.Client> {
    if (this.session) return this.session;
    const url = this.database.serverUrl;
    if (url === null) throw new Error('advisory locks need PostgreSQL');
    const session = (async () => {
      const client = new pg.Client({ connectionString: url, application_name: 'cumulus-locks' });
      client.on('error', (e) => {
        // Its locks died with the connection; the next run opens a new session.
        this.logger.warn(`lock session lost: ${e.message}`);
        if (this.session === session) this.session = null;
      });
      await client.connect();
      return client;
    })();
    this.session = session;
    session.catch(() => {
      if (this.session === session) this.session = null;
    });
    return session;
  }
}
