import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
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

  async startImport(input: {
    providerId: string;
    format: string;
    source: string;
    checksum: string | null;
    createdBy: string | null;
  }): Promise<CatalogVersionEntity> {
    const repo = this.dataSource.getRepository(CatalogVersionEntity);
    return repo.save(
      repo.create({
        ...input,
        scopeKey: `${input.providerId}/${input.format}`,
        scope: { provider: input.providerId },
        status: 'IMPORTING',
        records: 0,
        offers: 0,
        instanceTypes: 0,
        rejected: 0,
        rejectedReasons: {},
        metadata: {},
      }),
    );
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
    const updated: unknown[] = await manager.query(
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

  /** Marks a version FAILED and removes the rows it wrote; the previous version keeps serving. */
  async markFailed(id: string, error: string, counts?: VersionCounts, durationMs?: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM offers WHERE catalog_version_id = $1`, [id]);
      await manager.query(
        `UPDATE catalog_versions SET status = 'FAILED', error = $2, finished_at = now(),
           duration_ms = COALESCE($3, duration_ms), records = COALESCE($4, records), offers = 0,
           rejected = COALESCE($5, rejected), rejected_reasons = COALESCE($6, rejected_reasons)
         WHERE id = $1 AND status = 'IMPORTING'`,
        [
          id,
          error,
          durationMs ?? null,
          counts?.records ?? null,
          counts?.rejected ?? null,
          counts ? JSON.stringify(counts.rejectedReasons) : null,
        ],
      );
    });
  }

  /**
   * Holds a session advisory lock for the import of `id` on a dedicated connection, for as
   * long as the import runs: if the importing process dies, PostgreSQL drops the lock with
   * its connection, which is how another process knows the import was abandoned.
   */
  async holdImportLock(id: string): Promise<() => Promise<void>> {
    if (!isPgServer(this.dataSource)) return async () => undefined;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1, $2::bigint::int)', [IMPORT_LOCK_NAMESPACE, id]);
    return async () => {
      try {
        await runner.query('SELECT pg_advisory_unlock($1, $2::bigint::int)', [IMPORT_LOCK_NAMESPACE, id]);
      } finally {
        await runner.release();
      }
    };
  }

  /**
   * Marks FAILED the imports whose process died (kill -9, crash), and removes their rows. On a
   * server an import is abandoned when nobody holds its advisory lock; on the embedded
   * default only this process can hold the data folder, so every IMPORTING version is.
   */
  async failAbandoned(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM catalog_versions WHERE status = 'IMPORTING' ORDER BY id`,
    );
    const abandoned: string[] = [];
    for (const { id } of rows) {
      if (isPgServer(this.dataSource)) {
        const runner = this.dataSource.createQueryRunner();
        try {
          const [lock] = (await runner.query('SELECT pg_try_advisory_lock($1, $2::bigint::int) AS free', [
            IMPORT_LOCK_NAMESPACE,
            id,
          ])) as { free: boolean }[];
          if (!lock?.free) continue;
          await runner.query('SELECT pg_advisory_unlock($1, $2::bigint::int)', [IMPORT_LOCK_NAMESPACE, id]);
        } finally {
          await runner.release();
        }
      }
      await this.markFailed(
        id,
        'Import did not finish: the importing process stopped (found at the next start)',
      );
      abandoned.push(id);
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
