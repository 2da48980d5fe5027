import type { DataSource } from 'typeorm';
import { copyCsv, csvLine } from '../database/bulk-copy.js';
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

/**
 * Buffers a version's offers and rejections as CSV and writes them with COPY in batches,
 * each batch its own short transaction: rows of an IMPORTING version are invisible to
 * readers, and other work can interleave between batches (PGlite has one session).
 */
export class OfferWriter {
  private offers = '';
  private offerCount = 0;
  private rejections = '';
  private rejectionCount = 0;
  private storedRejections = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly versionId: string,
    private readonly batchRows = 20_000,
  ) {}

  async addOffer(offer: ParsedOffer, priceUsd: string | null): Promise<void> {
    this.offers += csvLine([
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
    if (++this.offerCount >= this.batchRows) await this.flushOffers();
  }

  async addRejection(position: string, reason: string, excerpt: string | undefined): Promise<void> {
    if (this.storedRejections >= MAX_STORED_REJECTIONS) return;
    this.storedRejections++;
    this.rejections += csvLine([this.versionId, this.storedRejections, position, reason, excerpt ?? null]);
    if (++this.rejectionCount >= this.batchRows) await this.flushRejections();
  }

  get rejectionsTruncated(): boolean {
    return this.storedRejections >= MAX_STORED_REJECTIONS;
  }

  async flush(): Promise<void> {
    await this.flushOffers();
    await this.flushRejections();
  }

  private async flushOffers(): Promise<void> {
    if (this.offerCount === 0) return;
    const csv = this.offers;
    this.offers = '';
    this.offerCount = 0;
    await this.copy('offers', OFFER_COLUMNS, csv);
  }

  private async flushRejections(): Promise<void> {
    if (this.rejectionCount === 0) return;
    const csv = this.rejections;
    this.rejections = '';
    this.rejectionCount = 0;
    await this.copy('catalog_rejections', REJECTION_COLUMNS, csv);
  }

  private async copy(table: string, columns: readonly string[], csv: string): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await copyCsv(runner, table, columns, csv);
    } finally {
      await runner.release();
    }
  }
}

export { OFFER_COLUMNS };
