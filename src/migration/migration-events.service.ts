import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { MigrationProgress } from '../domain/migration/migration-types.js';

export const PROGRESS_CHANNEL = 'cumulus_migration_progress';

export interface ProgressEvent extends MigrationProgress {
  readonly at: string;
}

/**
 * Progress of migrations for subscribers. On a server, the orchestrator NOTIFYs inside the
 * transaction that made the progress (delivered on commit, to every replica, this one included:
 * a worker on another replica moves a migration a subscriber here watches). On the embedded
 * database, or when LISTEN failed, the event is emitted locally after the commit.
 */
@Injectable()
export class MigrationEventsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(MigrationEventsService.name);
  private readonly emitter = new EventEmitter();
  private listener: pg.Client | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.emitter.setMaxListeners(0);
  }

  async onModuleInit(): Promise<void> {
    if (this.config.database.kind !== 'postgres') return;
    try {
      const client = new pg.Client({
        connectionString: this.config.database.url,
        application_name: 'cumulus-progress-listener',
      });
      client.on('notification', (n) => {
        if (n.payload) this.emitter.emit('progress', JSON.parse(n.payload) as ProgressEvent);
      });
      client.on('error', (e) => this.logger.warn(`progress listener: ${e.message}`));
      await client.connect();
      await client.query(`LISTEN ${PROGRESS_CHANNEL}`);
      this.listener = client;
    } catch (error) {
      this.logger.warn(`LISTEN ${PROGRESS_CHANNEL} failed, events stay local: ${(error as Error).message}`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }

  /** Inside the transaction that made the progress (a no-op without a listener). */
  async publishInTransaction(m: EntityManager, event: ProgressEvent): Promise<void> {
    if (this.config.database.kind === 'postgres') {
      await m.query(`SELECT pg_notify($1, $2)`, [PROGRESS_CHANNEL, JSON.stringify(event)]);
    }
  }

  /** After the commit: local delivery when NOTIFY will not bring the event back to this replica. */
  afterCommit(event: ProgressEvent): void {
    if (this.listener === null) this.emitter.emit('progress', event);
  }

  /** An async iterator of one migration's progress; `return()` (client gone) unsubscribes. */
  subscribe(migrationId: string): AsyncIterableIterator<ProgressEvent> {
    const buffer: ProgressEvent[] = [];
    const waiting: ((r: IteratorResult<ProgressEvent>) => void)[] = [];
    let done = false;
    const onEvent = (event: ProgressEvent) => {
      if (event.migrationId !== migrationId || done) return;
      const resolve = waiting.shift();
      if (resolve) resolve({ value: event, done: false });
      else buffer.push(event);
    };
    this.emitter.on('progress', onEvent);
    const finish = (): Promise<IteratorResult<ProgressEvent>> => {
      done = true;
      this.emitter.off('progress', onEvent);
      for (const resolve of waiting.splice(0)) resolve({ value: undefined, done: true });
      return Promise.resolve({ value: undefined, done: true });
    };
    const iterator: AsyncIterableIterator<ProgressEvent> = {
      next: () => {
        if (buffer.length > 0) return Promise.resolve({ value: buffer.shift()!, done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => waiting.push(resolve));
      },
      return: finish,
      throw: async (error: unknown) => {
        await finish();
        throw error;
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }
}
