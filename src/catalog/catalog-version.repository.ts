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
  async findActiveWithChecksum(providerId: string, format: string, checksum: string): Promise<CatalogVersionEntity | null> {
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
      `UPDATE catalog_versions SET status = 'ACTIVE', scope = $2, scope_key = $3, records = $4, offers = $5,
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
      ],
    );
    if (updated.length === 0) {
      throw new Error(`Catalog version ${id} is no longer IMPORTING (marked FAILED by a restart?); not activated`);
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
   * Imports abandoned by a process that died (kill -9): IMPORTING with no heartbeat since
   * `staleBefore`. On the embedded default only one process can hold the data folder, so
   * every IMPORTING version found at start is abandoned.
   */
  async failAbandoned(staleBefore: Date): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM catalog_versions WHERE status = 'IMPORTING' AND heartbeat_at < $1 ORDER BY id`,
      [staleBefore.toISOString()],
    );
    for (const { id } of rows) {
      await this.markFailed(id, 'Import did not finish: the importing process stopped (found at start)');
    }
    return rows.map((r) => r.id);
  }

  async findById(id: string): Promise<CatalogVersionEntity | null> {
    if (!/^\d+$/.test(id)) return null;
    return this.dataSource.getRepository(CatalogVersionEntity).findOne({ where: { id } });
  }

  async list(filter: { providerId?: string; status?: string } = {}): Promise<CatalogVersionEntity[]> {
    const qb = this.dataSource.getRepository(CatalogVersionEntity).createQueryBuilder('v').orderBy('v.id', 'DESC');
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
