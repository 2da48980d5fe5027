import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { CatalogVersionRepository, type VersionCounts } from '../catalog-version.repository.js';
import type { CatalogScope } from '../entities/catalog-version.entity.js';
import { reasonKey, type ImportSummary } from '../import-summary.js';
import { ImportFormatError, type ImportSource } from '../importers/catalog-importer.js';
import { readHead } from '../importers/read-head.js';
import { referenceContext } from './reference-context.js';
import { createReferenceImporters } from './reference-importers.js';
import type * as R from './reference-importer.js';
import { ReferenceRepository } from './reference.repository.js';

export interface ReferenceImportRequest {
  readonly format: string;
  readonly source: ImportSource;
  readonly createdBy: string | null;
}

/** Serialises reference writes across replicas (carbon precedence reads then writes regions). */
const REFERENCE_LOCK_KEY = 7_270_001;

/**
 * Imports one reference file: a no-op when the active version already holds the same bytes;
 * otherwise a new catalog version whose rows replace the previous ones and which becomes
 * ACTIVE in the same transaction. On any error the version is marked FAILED and the previous
 * rows keep serving.
 */
@Injectable()
export class ReferenceImportService {
  private readonly importers = new Map(createReferenceImporters().map((i) => [i.format, i]));

  constructor(
    private readonly dataSource: DataSource,
    private readonly versions: CatalogVersionRepository,
    private readonly repository: ReferenceRepository,
  ) {}

  formats(): string[] {
    return [...this.importers.keys()].sort();
  }

  handles(format: string): boolean {
    return this.importers.has(format);
  }

  async importReference(request: ReferenceImportRequest): Promise<ImportSummary> {
    const started = Date.now();
    const importer = this.importers.get(request.format);
    if (!importer)
      throw new Error(`unknown reference format "${request.format}"; known: ${this.formats().join(', ')}`);
    const reason = importer.detect(await readHead(request.source.open()));
    if (reason) throw new ImportFormatError(importer.format, request.source.name, reason);

    const checksum = await sha256(request.source);
    const scope: CatalogScope = { provider: importer.providerId, segment: importer.format };
    const same = await this.versions.findActiveWithChecksum(importer.providerId, importer.format, checksum);
    if (same)
      return summary(same.id, importer.format, same.scope, 'UNCHANGED', emptyCounts(), Date.now() - started);

    const { version, release } = await this.versions.startImport({
      providerId: importer.providerId,
      format: importer.format,
      source: request.source.name,
      checksum,
      createdBy: request.createdBy,
    });
    const counts = emptyCounts();
    try {
      const context = referenceContext(await this.repository.loadLookups(this.dataSource.manager));
      const rows: R.ReferenceRow[] = [];
      const rejections: { position: string; reason: string; excerpt?: string }[] = [];
      const metadata: Record<string, unknown> = {};
      for await (const record of importer.read(request.source, context)) {
        if (record.kind === 'metadata') {
          Object.assign(metadata, record.values);
          continue;
        }
        counts.records++;
        if (record.kind === 'accepted') {
          rows.push(...record.rows);
        } else {
          counts.rejected++;
          counts.rejectedReasons[reasonKey(record.reason)] =
            (counts.rejectedReasons[reasonKey(record.reason)] ?? 0) + 1;
          rejections.push(record);
        }
      }
      if (rows.length === 0)
        throw new Error(
          `no rows accepted from ${counts.records} records (${topReasons(counts.rejectedReasons)})`,
        );
      await this.dataSource.transaction(async (manager) => {
        await manager.query(`SELECT pg_advisory_xact_lock($1)`, [REFERENCE_LOCK_KEY]);
        const written = await this.write(manager, importer, rows);
        await this.repository.saveRejectionsIn(manager, version.id, rejections);
        await this.versions.activateIn(manager, version.id, {
          scope,
          scopeKey: `reference/${importer.format}`,
          counts,
          metadata: { ...metadata, kind: importer.kind, rows: written },
          durationMs: Date.now() - started,
        });
      });
      return summary(version.id, importer.format, scope, 'ACTIVE', counts, Date.now() - started);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.versions.markFailed(version.id, message, counts, Date.now() - started);
      throw error;
    } finally {
      await release();
    }
  }

  /** Replaces the rows of the importer's kind; returns per-kind row counts for the version's metadata. */
  private async write(
    manager: EntityManager,
    importer: R.ReferenceImporter,
    rows: R.ReferenceRow[],
  ): Promise<Record<string, number>> {
    const source = importer.format;
    switch (importer.kind) {
      case 'providers':
        await this.repository.upsertProvidersIn(manager, rows as R.ProviderRow[], source);
        return { providers: rows.length };
      case 'regions': {
        const { deleted } = await this.repository.replaceRegionsIn(manager, rows as R.RegionRow[], source);
        return { regions: rows.length, regionsDeleted: deleted };
      }
      case 'region-aliases':
        await this.repository.replaceRegionAliasesIn(manager, rows as R.RegionAliasRow[], source);
        return { regionAliases: rows.length };
      case 'jurisdictions':
        await this.repository.replaceJurisdictionsIn(manager, rows as R.JurisdictionRow[], source);
        return { jurisdictions: rows.length };
      case 'slas':
        await this.repository.replaceSlasIn(manager, rows as R.SlaRow[]);
        return { slas: rows.length };
      case 'latency':
        await this.repository.replaceLatencyIn(manager, rows as R.LatencyRow[], source);
        return { latencyMeasurements: rows.length };
      case 'throughput':
        await this.repository.replaceThroughputIn(manager, rows as R.ThroughputRow[], source);
        return { throughputMeasurements: rows.length };
      case 'egress':
        await this.repository.replaceEgressPricesIn(manager, rows as R.EgressRow[], source);
        return { egressPrices: rows.length };
      case 'carbon': {
        const { updated, keptStronger } = await this.repository.updateRegionCarbonIn(
          manager,
          rows as R.CarbonRow[],
        );
        return { regionCarbonUpdated: updated, regionCarbonKeptStronger: keptStronger };
      }
      case 'fx-rates':
        await this.repository.upsertFxRatesIn(manager, rows as R.FxRateRow[]);
        return { fxRates: rows.length };
    }
  }
}

function emptyCounts(): VersionCounts {
  return { records: 0, offers: 0, instanceTypes: 0, rejected: 0, rejectedReasons: {} };
}

function summary(
  id: string,
  format: string,
  scope: CatalogScope,
  status: ImportSummary['status'],
  counts: VersionCounts,
  durationMs: number,
): ImportSummary {
  return { catalogVersionId: id, provider: scope.provider, format, scope, status, ...counts, durationMs };
}

function topReasons(reasons: Record<string, number>): string {
  const top = Object.entries(reasons)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([reason, n]) => `${n}× ${reason}`);
  return top.length ? `rejected: ${top.join('; ')}` : 'the input holds no records';
}

async function sha256(source: ImportSource): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of source.open())
    hash.update(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return hash.digest('hex');
}
