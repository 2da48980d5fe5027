import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { CatalogEventsService } from '../catalog/catalog-events.service.js';
import { CatalogReadRepository } from '../catalog/catalog-read.repository.js';
import { RegionDirectoryService } from '../catalog/region-directory.service.js';
import { OfferIndex, type OfferIndexRow } from './offer-index.js';
import { PlacementCatalogRepository } from './placement-catalog.repository.js';
import {
  IndexRowConverter,
  buildCandidateRegions,
  buildLatencyMap,
  countryPositions,
  type PlacementSnapshot,
} from './placement-snapshot.js';

/**
 * Holds this replica's placement snapshot (the offer index and candidate regions of the
 * active catalog versions). Built on first use and rebuilt when a version activates anywhere
 * (CatalogEventsService: LISTEN/NOTIFY or polling); queries keep using the previous snapshot
 * until the new one is complete, so no query sees a half-built index.
 */
@Injectable()
export class PlacementSnapshotService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PlacementSnapshotService.name);
  private current: PlacementSnapshot | null = null;
  private building: Promise<PlacementSnapshot> | null = null;
  private stale = false;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly repository: PlacementCatalogRepository,
    private readonly regions: RegionDirectoryService,
    private readonly reads: CatalogReadRepository,
    private readonly events: CatalogEventsService,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.events.onChange(() => this.invalidate());
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /** Marks the snapshot stale; the next query rebuilds it (and keeps the old one until then). */
  invalidate(): void {
    this.stale = true;
    if (this.current && !this.building)
      void this.rebuild().catch((e: Error) => this.logger.error(`rebuild: ${e.message}`));
  }

  /** Serves a snapshot built elsewhere (the placement benchmark's synthetic catalogs). */
  use(snapshot: PlacementSnapshot): void {
    this.current = snapshot;
    this.stale = false;
  }

  async snapshot(): Promise<PlacementSnapshot> {
    if (this.current && !this.stale) return this.current;
    if (this.current && this.building) return this.current;
    return this.rebuild();
  }

  /** The snapshot once any rebuild in flight has finished: what a caller that just imported waits for. */
  async settled(): Promise<PlacementSnapshot> {
    return this.building ?? this.snapshot();
  }

  private rebuild(): Promise<PlacementSnapshot> {
    if (this.building) return this.building;
    this.stale = false;
    this.building = this.build()
      .then((snapshot) => {
        this.current = snapshot;
        this.logger.log(
          `placement snapshot: ${snapshot.stats.offersIndexed} offers in ${snapshot.regions.length} regions ` +
            `(${snapshot.stats.indexBytesPerOffer.toFixed(1)} B/offer, load ${snapshot.stats.loadMs} ms, index ${snapshot.stats.indexBuildMs} ms)`,
        );
        return snapshot;
      })
      .finally(() => {
        this.building = null;
      });
    return this.building;
  }

  async build(): Promise<PlacementSnapshot> {
    const started = Date.now();
    const versionIds = await this.repository.activeVersionIds();
    const converter = new IndexRowConverter();
    const rows: OfferIndexRow[] = [];
    for await (const page of this.repository.computeOffers()) {
      for (const row of converter.rows(page)) rows.push(row);
    }
    const loaded = Date.now();
    const index = OfferIndex.build(rows);
    const [providers, regions, slas, egressPrices, egressOffers, storage, latencies] = await Promise.all([
      this.reads.findProviders(),
      this.regions.regions(),
      this.repository.slas(),
      this.repository.egressPrices(),
      this.repository.egressOffers(),
      this.repository.storagePrices(),
      this.repository.latencies(),
    ]);
    const candidates = buildCandidateRegions(
      { versionIds, providers, regions, slas, egressPrices, egressOffers, storage, latencies },
      index,
      converter.exact,
    );
    return {
      builtAt: new Date(),
      versionIds,
      index,
      regions: candidates.regions,
      exact: converter.exact,
      latency: buildLatencyMap(latencies),
      countryPositions: countryPositions(regions),
      stats: {
        offersRead: converter.offersRead,
        offersIndexed: index.size,
        offersWithoutSpec: converter.withoutSpec,
        regionsWithoutCoordinates: candidates.withoutCoordinates,
        indexBytesPerOffer: index.byteSize().bytesPerOffer,
        loadMs: loaded - started,
        indexBuildMs: Math.round(index.stats.buildMs),
      },
    };
  }
}
