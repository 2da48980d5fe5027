import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { returningRows } from '../database/returning-rows.js';
import { CatalogVersionEntity, type CatalogScope } from './entities/catalog-version.entity.js';

export interface VersionCounts {
  records: number;
  offers: number;
  instanceTypes: number;
  rejected: number;
  rejectedReasons: Record<string, number>;
}

export interface Activation {
  scope: CatalogScope;
  scopeKey: string;
  counts: VersionCounts;
  metadata: Record<string, unknown>;
  durationMs: number;
}

/** First key of the (namespace, version id) advisory lock an import holds while it runs. */
const IMPORT_LOCK_NAMESPACE = 7236;

/** A PostgreSQL server (pg pool), as opposed to the embedded PGlite driver. */
function isPgServer(dataSource: DataSource): boolean {
  return (dataSource.driver.options as { driver?: unknown }).driver === undefined;
}

/** PostgreSQL channel other replicas LISTEN on to rebuild their offer index. */
export const CATALOG_CHANNEL = 'cumulus_catalog';

/**
 * Lifecycle of catalog versions: IMPORTING → ACTIVE (superseding the active version of the
 * same scope in the same transaction) or FAILED. Readers only ever join ACTIVE versions.
 */
@Injectable()
export class CatalogVersionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Creates the IMPORTING version and, on a server, takes its import lock before the row is
   * visible: the INSERT commits on the connection that holds the session advisory lock, so no
   * other process can see the version without its lock held (and take it for abandoned).
   * `release` drops the lock once the version is ACTIVE, FAILED or discarded.
   */
  async startImport(input: {
    providerId: string;
    format: string;
    source: string;
    checksum: string | null;
    createdBy: string | null;
  }): Promise<{ version: CatalogVersionEntity; release: () => Promise<void> }> {
    const values = {
      ...input,
      scopeKey: `${input.providerId}/${input.format}`,
      scope: { provider: input.providerId },
      status: 'IMPORTING' as const,
      records: 0,
      offers: 0,
      instanceTypes: 0,
      rejected: 0,
      rejectedReasons: {},
      metadata: {},
    };
    if (!isPgServer(this.dataSource)) {
      const repo = this.dataSource.getRepository(CatalogVersionEntity);
      return { version: await repo.save(repo.create(values)), release: async () => undefined };
    }
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const repo = runner.manager.getRepository(CatalogVersionEntity);
      const version = await repo.save(repo.create(values));
      await runner.query('SELECT pg_advisory_lock($1, $2::bigint::int)', [IMPORT_LOCK_NAMESPACE, version.id]);
      await runner.commitTransaction();
      let released = false;
      return {
        version,
        release: async () => {
          if (released) return;
          released = true;
          try {
            await runner.query('SELECT pg_advisory_unlock($1, $2::bigint::int)', [
              IMPORT_LOCK_NAMESPACE,
              version.id,
            ]);
          } finally {
            await runner.release();
          }
        },
      };
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
      throw error;
    }
  }

  async heartbeat(id: string, counts: Pick<VersionCounts, 'records' | 'offers' | 'rejected'>): Promise<void> {
    await this.dataSource.query(
      `UPDATE catalog_versions SET heartbeat_at = now(), records = $2, offers = $3, rejected = $4
       WHERE id = $1 AND status = 'IMPORTING'`,
      [id, counts.records, counts.offers, counts.rejected],
    );
  }

  /** The active version that already holds exactly this input, if any (re-import is a no-op). */
  async findActiveWithChecksum(
    providerId: string,
    format: string,
    checksum: string,
  ): Promise<CatalogVersionEntity | null> {
    return this.dataSource.getRepository(CatalogVersionEntity).findOne({
      where: { providerId, format, checksum, status: 'ACTIVE' },
      order: { id: 'DESC' },
    });
  }

  /**
   * Makes the version ACTIVE and supersedes the previous active version of its scope, in the
   * caller's transaction (reference imports replace their rows in the same transaction).
   * Returns the superseded version's id.
   */
  async activateIn(manager: EntityManager, id: string, activation: Activation): Promise<string | null> {
    const previous: { id: string }[] = await manager.query(
      `SELECT id FROM catalog_versions WHERE scope_key = $1 AND status = 'ACTIVE' AND id <> $2 FOR UPDATE`,
      [activation.scopeKey, id],
    );
    const previousId = previous[0]?.id ?? null;
    if (previousId) {
      await manager.query(
        `UPDATE catalog_versions SET status = 'SUPERSEDED', superseded_at = now(), superseded_by = $2 WHERE id = $1`,
        [previousId, id],
      );
    }
    const { counts } = activation;
    const updated = returningRows<{ id: string }>(
      await manager.query(
        `UPDATE catalog_versions SET status = 'ACTIVE', provider_id = $11, scope = $2, scope_key = $3, records = $4, offers = $5,
         instance_types = $6, rejected = $7, rejected_reasons = $8, metadata = $9, duration_ms = $10,
         finished_at = now(), activated_at = now(), heartbeat_at = now()
       WHERE id = $1 AND status = 'IMPORTING' RETURNING id`,
        [
          id,
          JSON.stringify(activation.scope),
          activation.scopeKey,
          counts.records,
          counts.offers,
          counts.instanceTypes,
          counts.rejected,
          JSON.stringify(counts.rejectedReasons),
          JSON.stringify(activation.metadata),
          activation.durationMs,
          activation.scope.provider,
        ],
      ),
    );
    if (updated.length === 0) {
      throw new Error(
        `Catalog version ${id} is no longer IMPORTING (marked FAILED by a restart?); not activated`,
      );
    }
    await manager.query(`SELECT pg_notify($1, $2)`, [CATALOG_CHANNEL, id]);
    return previousId;
  }

  async activate(id: string, activation: Activation): Promise<string | null> {
    return this.dataSource.transaction((manager) => this.activateIn(manager, id, activation));
  }

  /**
   * Marks a version FAILED and removes the rows it wrote; the previous version keeps serving.
   * Only an IMPORTING version is touched: the status update takes the version's row lock first
   * and the offers are deleted only when it matched, so a version that another process
   * activated in the meantime (its activation holds or held the same row lock) keeps every row.
   * Returns whether the version was marked.
   */
  async markFailed(id: string, error: string, counts?: VersionCounts, durationMs?: number): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const marked = returningRows<{ id: string }>(
        await manager.query(
          `UPDATE catalog_versions SET status = 'FAILED', error = $2, finished_at = now(),
           duration_ms = COALESCE($3, duration_ms), records = COALESCE($4, records), offers = 0,
           rejected = COALESCE($5, rejected), rejected_reasons = COALESCE($6, rejected_reasons)
         WHERE id = $1 AND status = 'IMPORTING' RETURNING id`,
          [
            id,
            error,
            durationMs ?? null,
            counts?.records ?? null,
            counts?.rejected ?? null,
            counts ? JSON.stringify(counts.rejectedReasons) : null,
          ],
        ),
      );
      if (marked.length === 0) return false;
      await manager.query(`DELETE FROM offers WHERE catalog_version_id = $1`, [id]);
      return true;
    });
  }

  /** Versions left IMPORTING: being imported by a live process, or abandoned by a dead one. */
  async importingVersionIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM catalog_versions WHERE status = 'IMPORTING' ORDER BY id`,
    );
    return rows.map((r) => r.id);
  }

  /**
   * Marks FAILED one import whose process died (kill -9, crash), and removes its rows. On a
   * server an import is abandoned when nobody holds its advisory lock; this process then holds
   * that lock itself while it marks the version, and `markFailed` leaves alone a version that
   * was activated between the listing and this call. On the embedded default only this
   * process can hold the data folder, so every IMPORTING version found at start is abandoned.
   */
  async failIfAbandoned(id: string): Promise<boolean> {
    const reason = 'Import did not finish: the importing process stopped (found at the next start)';
    if (!isPgServer(this.dataSource)) return this.markFailed(id, reason);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [lock] = (await runner.query('SELECT pg_try_advisory_lock($1, $2::bigint::int) AS free', [
        IMPORT_LOCK_NAMESPACE,
        id,
      ])) as { free: boolean }[];
      if (!lock?.free) return false;
      try {
        return await this.markFailed(id, reason);
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1, $2::bigint::int)', [IMPORT_LOCK_NAMESPACE, id]);
      }
    } finally {
      await runner.release();
    }
  }

  /** Marks FAILED every abandoned import (at start); returns their ids. */
  async failAbandoned(): Promise<string[]> {
    const abandoned: string[] = [];
    for (const id of await this.importingVersionIds()) {
      if (await this.failIfAbandoned(id)) abandoned.push(id);
    }
    return abandoned;
  }

  /** Drops a version that turned out to repeat the active one (a URL whose bytes did not change). */
  async discard(id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM catalog_versions WHERE id = $1 AND status = 'IMPORTING'`, [id]);
  }

  async findById(id: string): Promise<CatalogVersionEntity | null> {
    if (!/^\d+$/.test(id)) return null;
    return this.dataSource.getRepository(CatalogVersionEntity).findOne({ where: { id } });
  }

  async list(filter: { providerId?: string; status?: string } = {}): Promise<CatalogVersionEntity[]> {
    const qb = this.dataSource
      .getRepository(CatalogVersionEntity)
      .createQueryBuilder('v')
      .orderBy('v.id', 'DESC');
    if (filter.providerId) qb.andWhere('v.provider_id = :providerId', { providerId: filter.providerId });
    if (filter.status) qb.andWhere('v.status = :status', { status: filter.status });
    return qb.getMany();
  }

  async findActive(): Promise<CatalogVersionEntity[]> {
    return this.list({ status: 'ACTIVE' });
  }

  /** Largest id of any version that changed state; replicas poll it to notice activations. */
  async activationWatermark(): Promise<string> {
    const rows: { mark: string | null }[] = await this.dataSource.query(
      `SELECT max(id)::text || ':' || count(*) FILTER (WHERE status = 'ACTIVE')::text AS mark FROM catalog_versions`,
    );
    return rows[0]?.mark ?? '';
  }
}
