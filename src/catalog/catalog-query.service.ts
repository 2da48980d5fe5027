import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors.js';
import { money } from '../domain/money.js';
import { CatalogReadRepository } from './catalog-read.repository.js';
import { CatalogVersionRepository } from './catalog-version.repository.js';
import type { CatalogVersionEntity } from './entities/catalog-version.entity.js';
import {
  OfferRepository,
  type OfferPage,
  type OfferQuery,
  type OfferRow,
  type OfferSort,
} from './offer.repository.js';
import { RegionDirectoryService, type RegionView } from './region-directory.service.js';

export interface OfferSearch extends Omit<OfferQuery, 'regionKeys'> {
  country?: string;
  regime?: string;
}

export interface PriceChangeRow {
  key: string;
  before: OfferRow;
  after: OfferRow;
  oldPrice: string;
  newPrice: string;
  changePct: number | null;
}

export interface PriceChangeSet {
  fromVersion: string;
  toVersion: string;
  added: OfferRow[];
  removed: OfferRow[];
  changed: PriceChangeRow[];
  unchangedCount: number;
}

/** What identifies one price across two versions of a scope. */
export function priceKey(o: OfferRow): string {
  return [
    o.sku,
    o.region ?? '*',
    o.purchaseOption,
    o.os ?? '*',
    o.unit,
    o.termCode ?? '*',
    o.tierStart ?? '0',
  ].join('|');
}

@Injectable()
export class CatalogQueryService {
  constructor(
    private readonly reads: CatalogReadRepository,
    private readonly versions: CatalogVersionRepository,
    private readonly offers: OfferRepository,
    private readonly regions: RegionDirectoryService,
  ) {}

  providers() {
    return this.reads.findProviders();
  }

  async regionList(filter: { provider?: string; country?: string; regime?: string }): Promise<RegionView[]> {
    const all = await this.regions.regions();
    return all.filter(
      (r) =>
        (!filter.provider || r.provider === filter.provider) &&
        (!filter.country || r.country === filter.country) &&
        (!filter.regime || r.regimes.includes(filter.regime)),
    );
  }

  jurisdictions() {
    return this.reads.findJurisdictions();
  }

  slas(provider?: string) {
    return this.reads.findSlas(provider);
  }

  catalogVersions(provider?: string): Promise<CatalogVersionEntity[]> {
    return this.versions.list({ providerId: provider });
  }

  async catalogVersion(id: string): Promise<CatalogVersionEntity> {
    const version = await this.versions.findById(id);
    if (!version) throw new NotFoundError(`catalog version ${id} not found`, { id });
    return version;
  }

  rejections(versionId: string, first: number) {
    return this.reads.findRejections(versionId, first);
  }

  async searchOffers(
    search: OfferSearch,
    page: { first: number; after?: string | null; sort: OfferSort },
  ): Promise<OfferPage & { totalCount: number }> {
    const query = await this.toQuery(search);
    const [result, totalCount] = await Promise.all([
      this.offers.findOffers(query, page),
      this.offers.countOffers(query),
    ]);
    return { ...result, totalCount };
  }

  /** Pages through every matching offer (the CLI prints them as one JSON array, without holding them all). */
  async *allOffers(
    search: OfferSearch,
    sort: OfferSort = 'PRICE_ASC',
    pageSize = 5_000,
  ): AsyncGenerator<OfferRow> {
    const query = await this.toQuery(search);
    let after: string | null = null;
    for (;;) {
      const page = await this.offers.findOffers(query, { first: pageSize, after, sort });
      yield* page.rows;
      if (!page.hasNextPage) return;
      after = page.cursors[page.cursors.length - 1] ?? null;
    }
  }

  async priceChanges(provider: string, fromVersion: string, toVersion: string): Promise<PriceChangeSet> {
    const [from, to] = await Promise.all([this.catalogVersion(fromVersion), this.catalogVersion(toVersion)]);
    for (const v of [from, to]) {
      if (v.providerId !== provider)
        throw new NotFoundError(`catalog version ${v.id} belongs to ${v.providerId}, not ${provider}`);
    }
    const [before, after] = await Promise.all([
      this.offers.findVersionOffers(fromVersion),
      this.offers.findVersionOffers(toVersion),
    ]);
    const old = new Map(before.map((o) => [priceKey(o), o]));
    const result: PriceChangeSet = {
      fromVersion,
      toVersion,
      added: [],
      removed: [],
      changed: [],
      unchangedCount: 0,
    };
    for (const offer of after) {
      const key = priceKey(offer);
      const previous = old.get(key);
      old.delete(key);
      if (!previous) {
        result.added.push(offer);
      } else if (!money(previous.price).equals(offer.price) || previous.currency !== offer.currency) {
        const oldPrice = money(previous.price);
        result.changed.push({
          key,
          before: previous,
          after: offer,
          oldPrice: previous.price,
          newPrice: offer.price,
          changePct: oldPrice.isZero()
            ? null
            : money(offer.price).minus(oldPrice).div(oldPrice).mul(100).toNumber(),
        });
      } else {
        result.unchangedCount++;
      }
    }
    result.removed = [...old.values()];
    return result;
  }

  private async toQuery(search: OfferSearch): Promise<OfferQuery> {
    const { country, regime, ...rest } = search;
    if (!country && !regime) return rest;
    const regions = await this.regionList({ country, regime, provider: search.provider });
    return { ...rest, regionKeys: regions.map((r) => `${r.provider}/${r.code}`) };
  }
}
