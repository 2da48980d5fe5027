import type { DataSource } from 'typeorm';
import { copyCsv, CsvBatch } from '../database/bulk-copy.js';
import type { ParsedOffer } from './importers/catalog-importer.js';

const OFFER_COLUMNS = [
  'catalog_version_id',
  'provider_id',
  'region_code',
  'service',
  'service_category',
  'resource_kind',
  'sku',
  'instance_type',
  'os',
  'purchase_option',
  'unit',
  'unit_raw',
  'price',
  'currency',
  'price_usd',
  'tier_start',
  'tier_end',
  'term_code',
  'effective_date',
  'description',
  'attributes',
] as const;

const REJECTION_COLUMNS = ['catalog_version_id', 'seq', 'position', 'reason', 'excerpt'] as const;

/** Rejections kept per version; the counts stay exact beyond it. */
export const MAX_STORED_REJECTIONS = 10_000;

/** A batch is sent at this many rows or bytes, whichever comes first. */
const BATCH_BYTES = 16 << 20;

/**
 * Buffers a version's offers and rejections as CSV and writes them with COPY in batches,
 * each batch its own short transaction: rows of an IMPORTING version are invisible to
 * readers, and other work can interleave between batches (PGlite has one session).
 * One batch is in flight while the next is being filled, so on a server the parse and
 * the COPY overlap; a failed batch fails the next add or flush.
 */
export class OfferWriter {
  private readonly offers = new CsvBatch();
  private readonly rejections = new CsvBatch();
  private storedRejections = 0;
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly versionId: string,
    private readonly batchRows = 20_000,
  ) {}

  async addOffer(offer: ParsedOffer, priceUsd: string | null): Promise<void> {
    this.offers.add([
      this.versionId,
      offer.providerId,
      offer.regionCode,
      offer.service,
      offer.serviceCategory,
      offer.resourceKind,
      offer.sku,
      offer.instanceType,
      offer.os,
      offer.purchaseOption,
      offer.unit,
      offer.unitRaw,
      offer.price,
      offer.currency,
      priceUsd,
      offer.tierStart ?? null,
      offer.tierEnd ?? null,
      offer.termCode ?? null,
      offer.effectiveDate ?? null,
      offer.description ?? null,
      offer.attributes ? JSON.stringify(offer.attributes) : null,
    ]);
    if (this.offers.rows >= this.batchRows || this.offers.bytes >= BATCH_BYTES)
      await this.send('offers', OFFER_COLUMNS, this.offers);
  }

  async addRejection(position: string, reason: string, excerpt: string | undefined): Promise<void> {
    if (this.storedRejections >= MAX_STORED_REJECTIONS) return;
    this.storedRejections++;
    this.rejections.add([this.versionId, this.storedRejections, position, reason, excerpt ?? null]);
    if (this.rejections.rows >= this.batchRows)
      await this.send('catalog_rejections', REJECTION_COLUMNS, this.rejections);
  }

  get rejectionsTruncated(): boolean {
    return this.storedRejections >= MAX_STORED_REJECTIONS;
  }

  /** Sends what is buffered and waits until every batch is written. */
  async flush(): Promise<void> {
    await this.send('offers', OFFER_COLUMNS, this.offers);
    await this.send('catalog_rejections', REJECTION_COLUMNS, this.rejections);
    await this.settle();
  }

  /** Waits for the batch in flight, if any, without sending more: the import failed. */
  async abandon(): Promise<void> {
    await this.settle().catch(() => undefined);
  }

  private async send(table: string, columns: readonly string[], batch: CsvBatch): Promise<void> {
    if (batch.rows === 0) return;
    const chunks = batch.take();
    await this.settle();
    const copying = this.copy(table, columns, chunks);
    // Observed by the next send or settle; until then it must not count as unhandled.
    copying.catch(() => undefined);
    this.inFlight = copying;
  }

  private async settle(): Promise<void> {
    const pending = this.inFlight;
    this.inFlight = null;
    await pending;
  }

  private async copy(table: string, columns: readonly string[], chunks: Buffer[]): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await copyCsv(runner, table, columns, chunks);
    } finally {
      await runner.release();
    }
  }
}

export { OFFER_COLUMNS };
