import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import pg from 'pg';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DATABASE } from '../database/database.module.js';
import type { Database } from '../database/database.js';
import { CATALOG_CHANNEL, CatalogVersionRepository } from './catalog-version.repository.js';

/**
 * Tells this replica when the set of active catalog versions changed, wherever the import
 * ran: PostgreSQL NOTIFY on a dedicated connection, with a poll of the version table as the
 * safety net (a dropped connection misses notifications).
 */
@Injectable()
export class CatalogEventsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CatalogEventsService.name);
  private readonly emitter = new EventEmitter();
  private listener: pg.Client | null = null;
  private poll: NodeJS.Timeout | null = null;
  private watermark = '';

  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly versions: CatalogVersionRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    this.watermark = await this.versions.activationWatermark();
    if (this.database.kind === 'postgres' && this.config.database.kind === 'postgres') {
      try {
        this.listener = new pg.Client({ connectionString: this.config.database.url });
        this.listener.on('notification', () => void this.check());
        this.listener.on('error', (e) => this.logger.warn(`catalog listener: ${e.message}`));
        await this.listener.connect();
        await this.listener.query(`LISTEN ${CATALOG_CHANNEL}`);
      } catch (error) {
        this.logger.warn(`LISTEN failed, relying on polling: ${(error as Error).message}`);
      }
    }
    if (this.config.catalogPollSeconds > 0) {
      this.poll = setInterval(() => void this.check(), this.config.catalogPollSeconds * 1000);
      this.poll.unref();
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.poll) clearInterval(this.poll);
    await this.listener?.end().catch(() => undefined);
  }

  onChange(listener: () => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  /** Re-reads the watermark and tells listeners if it moved (also called right after a local import). */
  async check(): Promise<boolean> {
    try {
      const mark = await this.versions.activationWatermark();
      if (mark === this.watermark) return false;
      this.watermark = mark;
      this.emitter.emit('change');
      return true;
    } catch (error) {
      this.logger.warn(`catalog check failed: ${(error as Error).message}`);
      return false;
    }
  }
}
