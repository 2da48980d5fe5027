import { Injectable, Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { InvalidInputError } from '../common/errors.js';
import { createUsdConverter } from '../domain/catalog/fx.js';
import { CatalogLookupRepository, type RegionDirectory } from './catalog-lookup.repository.js';
import { CatalogVersionRepository, type VersionCounts } from './catalog-version.repository.js';
import { CatalogWriteRepository } from './catalog-write.repository.js';
import type { CatalogScope } from './entities/catalog-version.entity.js';
import { reasonKey, type ImportSummary } from './import-summary.js';
import { ChecksumTap, checksumOf } from './import-sources.js';
import { ImporterRegistry } from './importer-registry.service.js';
import {
  ImportFormatError,
  type CatalogImporter,
  type ImportContext,
  type ImportSource,
  type ParsedInstanceType,
  type ParsedOffer,
  type ParsedProvider,
  type ParsedRegion,
} from './importers/catalog-importer.js';
import { readHead } from './importers/read-head.js';
import { OfferWriter } from './offer-writer.js';

export interface ImportProgress {
  records: number;
  offers: number;
  rejected: number;
  elapsedMs: number;
}

export interface OfferImportRequest {
  readonly format: string;
  readonly providerId?: string;
  readonly sources: readonly ImportSource[];
  /** Files and uploads can be read twice: hash first, so a repeated import is a no-op before parsing. */
  readonly rereadable: boolean;
  readonly createdBy: string | null;
  readonly fetchPage?: (url: string) => Promise<Readable>;
  readonly onProgress?: (progress: ImportProgress) => void;
}

const HEARTBEAT_MS = 5_000;
const PROGRESS_MS = 1_000;

/** Streams one input through its importer into a new catalog version and activates it. */
@Injectable()
export class OfferImportService {
  private readonly logger = new Logger(OfferImportService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly versions: CatalogVersionRepository,
    private readonly lookups: CatalogLookupRepository,
    private readonly writes: CatalogWriteRepository,
    private readonly registry: ImporterRegistry,
  ) {}

  formats(): string[] {
    return this.registry.formats();
  }

  async import(request: OfferImportRequest): Promise<ImportSummary> {
    const started = Date.now();
    const importer = this.registry.get(request.format);
    if (request.sources.length === 0) throw new InvalidInputError('no input given', 'sources');
    for (const source of request.sources) {
      const reason = importer.detect(await readHead(source.open()));
      if (reason) throw new ImportFormatError(importer.format, source.name, reason);
    }
    const providerId = request.providerId ?? importer.defaultProvider ?? null;
    if (providerId && !(await this.lookups.providerExists(providerId))) {
      throw new InvalidInputError(
        `unknown provider "${providerId}": load the providers reference data first (the starter catalog does)`,
        'provider',
      );
    }

    const checksum = request.rereadable ? await checksumOf(request.sources) : null;
    if (checksum && providerId) {
      const same = await this.versions.findActiveWithChecksum(providerId, importer.format, checksum);
      if (same) return unchanged(same.id, providerId, importer.format, same.scope, started);
    }

    const { version, release: releaseLock } = await this.versions.startImport({
      providerId: providerId ?? 'unknown',
      format: importer.format,
      source: request.sources.map((s) => s.name).join(', '),
      checksum,
      createdBy: request.createdBy,
    });
    const run = new ImportRun(version.id, providerId, this.dataSource);
    let lastBeat = Date.now();
    const heartbeat = setInterval(() => {
      request.onProgress?.({ ...run.counts, elapsedMs: Date.now() - started });
      if (Date.now() - lastBeat < HEARTBEAT_MS) return;
      lastBeat = Date.now();
      this.versions
        .heartbeat(version.id, run.counts)
        .catch((e: Error) => this.logger.warn(`heartbeat: ${e.message}`));
    }, PROGRESS_MS);
    try {
      const tap = checksum ? null : new ChecksumTap();
      await run.consume(
        importer,
        request,
        tap,
        await this.lookups.loadRegionDirectory(),
        await this.lookups.loadFxRates(),
      );
      clearInterval(heartbeat);
      const providerFinal = run.providerId ?? providerId;
      if (!providerFinal) throw new Error('the input named no provider; pass --provider');
      const finalChecksum = checksum ?? tap!.digest();
      if (!checksum) {
        const same = await this.versions.findActiveWithChecksum(
          providerFinal,
          importer.format,
          finalChecksum,
        );
        if (same) {
          await this.versions.discard(version.id);
          await releaseLock();
          return unchanged(same.id, providerFinal, importer.format, same.scope, started);
        }
      }
      if (run.counts.offers === 0) {
        throw new Error(
          `no offers accepted from ${run.counts.records} records (${describeReasons(run.rejectedReasons)})`,
        );
      }
      const scope = run.scope(providerFinal);
      const counts = run.versionCounts();
      const durationMs = Date.now() - started;
      const superseded = await this.dataSource.transaction(async (manager) => {
        const source = version.source;
        await this.writes.upsertProvidersIn(manager, [...run.providers.values()], source);
        await this.writes.upsertRegionsIn(manager, [...run.regions.values()], source);
        await this.writes.upsertInstanceTypesIn(manager, [...run.instanceTypes.values()], source);
        if (!checksum)
          await manager.query(`UPDATE catalog_versions SET checksum = $2 WHERE id = $1`, [
            version.id,
            finalChecksum,
          ]);
        return this.versions.activateIn(manager, version.id, {
          scope,
          scopeKey: scopeKeyOf(importer.format, scope),
          counts,
          metadata: { ...run.metadata, warnings: run.warnings() },
          durationMs,
        });
      });
      await releaseLock();
      return {
        catalogVersionId: version.id,
        provider: providerFinal,
        format: importer.format,
        scope,
        status: 'ACTIVE',
        ...counts,
        durationMs,
        supersededVersionId: superseded,
        warnings: run.warnings(),
      };
    } catch (error) {
      clearInterval(heartbeat);
      await run.abandon();
      const message = error instanceof Error ? error.message : String(error);
      await this.versions.markFailed(version.id, message, run.versionCounts(), Date.now() - started);
      await releaseLock();
      throw new ImportFailedError(message, {
        catalogVersionId: version.id,
        provider: run.providerId ?? providerId ?? 'unknown',
        format: importer.format,
        scope: { provider: run.providerId ?? providerId ?? 'unknown' },
        status: 'FAILED',
        ...run.versionCounts(),
        durationMs: Date.now() - started,
        error: message,
      });
    }
  }
}

export class ImportFailedError extends Error {
  constructor(
    message: string,
    readonly summary: ImportSummary,
  ) {
    super(
      `Import failed (catalog version ${summary.catalogVersionId} marked FAILED; the previous version keeps serving): ${message}`,
    );
  }
}

function unchanged(
  id: string,
  provider: string,
  format: string,
  scope: CatalogScope,
  started: number,
): ImportSummary {
  return {
    catalogVersionId: id,
    provider,
    format,
    scope,
    status: 'UNCHANGED',
    records: 0,
    offers: 0,
    instanceTypes: 0,
    rejected: 0,
    rejectedReasons: {},
    durationMs: Date.now() - started,
  };
}

function describeReasons(reasons: Record<string, number>): string {
  const top = Object.entries(reasons)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([reason, n]) => `${n}× ${reason}`);
  return top.length ? `rejected: ${top.join('; ')}` : 'the input holds no records';
}

/** scope key = provider/format/service/region, '*' where the input spans several. */
export function scopeKeyOf(format: string, scope: CatalogScope): string {
  return [scope.provider, format, scope.service ?? '*', scope.region ?? '*'].join('/');
}

/** The state of one import while records stream through it. */
class ImportRun {
  readonly counts = { records: 0, offers: 0, rejected: 0 };
  readonly rejectedReasons: Record<string, number> = {};
  readonly instanceTypes = new Map<string, ParsedInstanceType>();
  readonly providers = new Map<string, ParsedProvider>();
  readonly regions = new Map<string, ParsedRegion>();
  readonly metadata: Record<string, unknown> = {};
  private readonly services = new Set<string>();
  private readonly regionCodes = new Set<string>();
  private readonly missingFx = new Map<string, number>();
  private writer: OfferWriter;

  constructor(
    versionId: string,
    public providerId: string | null,
    dataSource: DataSource,
  ) {
    this.writer = new OfferWriter(dataSource, versionId);
  }

  async consume(
    importer: CatalogImporter,
    request: OfferImportRequest,
    tap: ChecksumTap | null,
    directory: RegionDirectory,
    fxRates: Awaited<ReturnType<CatalogLookupRepository['loadFxRates']>>,
  ): Promise<void> {
    const toUsd = createUsdConverter(fxRates);
    const context: ImportContext = {
      providerId: request.providerId,
      regionCodeByName: (provider, name) => directory.byName.get(provider)?.get(name.toLowerCase()),
      fetchPage:
        request.fetchPage &&
        (tap ? async (url) => tap.wrap(await request.fetchPage!(url)) : request.fetchPage),
    };
    for (const rawSource of request.sources) {
      const source = tap ? tap.source(rawSource) : rawSource;
      for await (const record of importer.read(source, context)) {
        if (record.kind === 'metadata') {
          Object.assign(this.metadata, record.values);
          continue;
        }
        this.counts.records++;
        if (record.kind === 'rejected') {
          await this.reject(record.position, record.reason, record.excerpt);
          continue;
        }
        if (record.provider) this.defineProvider(record.provider);
        if (record.region) this.defineRegion(record.region, directory);
        const problem = this.checkOffers(record.offers, directory);
        if (problem) {
          await this.reject(record.position, problem, undefined);
          continue;
        }
        for (const type of record.instanceTypes ?? [])
          this.instanceTypes.set(`${type.providerId}/${type.name}`, type);
        for (const offer of record.offers) {
          const priceUsd = toUsd(offer.price, offer.currency, offer.effectiveDate);
          if (priceUsd === null)
            this.missingFx.set(offer.currency, (this.missingFx.get(offer.currency) ?? 0) + 1);
          this.services.add(offer.service);
          this.regionCodes.add(offer.regionCode ?? '*');
          await this.writer.addOffer(offer, priceUsd);
          this.counts.offers++;
        }
      }
    }
    await this.writer.flush();
    if (this.writer.rejectionsTruncated) this.metadata.rejectionsTruncated = true;
  }

  /** Lets a batch still being written finish before the version is marked FAILED. */
  abandon(): Promise<void> {
    return this.writer.abandon();
  }

  private checkOffers(offers: readonly ParsedOffer[], directory: RegionDirectory): string | null {
    for (const offer of offers) {
      this.providerId ??= offer.providerId;
      if (offer.providerId !== this.providerId) {
        return `provider mismatch: offer for "${offer.providerId}" in an import of "${this.providerId}"`;
      }
      if (offer.regionCode !== null && !directory.codes.get(offer.providerId)?.has(offer.regionCode)) {
        return `unknown region: "${offer.regionCode}" is not a known region of provider ${offer.providerId}`;
      }
    }
    return null;
  }

  private defineProvider(provider: ParsedProvider): void {
    this.providerId ??= provider.id;
    this.providers.set(provider.id, provider);
  }

  private defineRegion(region: ParsedRegion, directory: RegionDirectory): void {
    this.regions.set(`${region.providerId}/${region.code}`, region);
    let codes = directory.codes.get(region.providerId);
    if (!codes) directory.codes.set(region.providerId, (codes = new Set()));
    codes.add(region.code);
  }

  private async reject(position: string, reason: string, excerpt: string | undefined): Promise<void> {
    this.counts.rejected++;
    const key = reasonKey(reason);
    this.rejectedReasons[key] = (this.rejectedReasons[key] ?? 0) + 1;
    await this.writer.addRejection(position, reason, excerpt);
  }

  scope(provider: string): CatalogScope {
    const scope: CatalogScope = { provider };
    if (this.services.size === 1) scope.service = [...this.services][0];
    if (this.regionCodes.size === 1 && !this.regionCodes.has('*')) scope.region = [...this.regionCodes][0];
    return scope;
  }

  versionCounts(): VersionCounts {
    return { ...this.counts, instanceTypes: this.instanceTypes.size, rejectedReasons: this.rejectedReasons };
  }

  warnings(): string[] {
    return [...this.missingFx].map(
      ([currency, n]) =>
        `${n} offers priced in ${currency} have no USD price: no FX rate for ${currency} (import one with --format fx-rates-csv)`,
    );
  }
}
