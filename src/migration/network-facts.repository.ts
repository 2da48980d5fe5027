import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EgressTier } from '../domain/migration/egress-cost.js';

export interface SiteKey {
  readonly provider: string;
  readonly region: string;
}

export interface EgressQuote {
  readonly tiers: EgressTier[];
  /** Which rows priced it, shown in the plan. */
  readonly basis: string;
}

interface EgressRow {
  src_region: string;
  destination: string;
  dst_provider: string | null;
  dst_region: string | null;
  tier_start_gb: string;
  tier_end_gb: string | null;
  price_per_gb: string;
}

const toTier = (r: {
  tier_start_gb: string;
  tier_end_gb: string | null;
  price_per_gb: string;
}): EgressTier => ({
  startGb: Number(r.tier_start_gb),
  endGb: r.tier_end_gb === null ? null : Number(r.tier_end_gb),
  pricePerGbUsd: r.price_per_gb,
});

/** What moving data between two sites costs and how fast it goes (egress_prices, throughput_measurements). */
@Injectable()
export class NetworkFactsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The source's tiers towards the target, most specific first: the same provider's other region
   * (SAME_PROVIDER), the named region of another provider (OTHER_PROVIDER), then the internet; a
   * row for the exact source region wins over the provider-wide '*'. Sites that price their own
   * transfer (cumulus-csv `egress` rows, i.e. active DATA_TRANSFER offers) come last.
   */
  async egressTiers(source: SiteKey, target: SiteKey): Promise<EgressQuote> {
    const rows: EgressRow[] = await this.dataSource.query(
      `SELECT src_region, destination, dst_provider, dst_region, tier_start_gb::text AS tier_start_gb,
              tier_end_gb::text AS tier_end_gb, price_per_gb::text AS price_per_gb
       FROM egress_prices WHERE provider_id = $1 AND src_region IN ($2, '*') AND currency = 'USD'
       ORDER BY tier_start_gb`,
      [source.provider, source.region],
    );
    const exactFirst = (subset: EgressRow[]) => {
      const exact = subset.filter((r) => r.src_region === source.region);
      return exact.length > 0 ? exact : subset;
    };
    const candidates: [string, EgressRow[]][] =
      source.provider === target.provider
        ? [
            [
              'SAME_PROVIDER',
              rows.filter(
                (r) =>
                  r.destination === 'SAME_PROVIDER' &&
                  (r.dst_region === null || r.dst_region === target.region),
              ),
            ],
          ]
        : [
            [
              'OTHER_PROVIDER',
              rows.filter(
                (r) =>
                  r.destination === 'OTHER_PROVIDER' &&
                  r.dst_provider === target.provider &&
                  (r.dst_region === null || r.dst_region === target.region),
              ),
            ],
          ];
    candidates.push(['INTERNET', rows.filter((r) => r.destination === 'INTERNET')]);
    for (const [destination, subset] of candidates) {
      const chosen = exactFirst(subset);
      if (chosen.length > 0) {
        // A pair priced twice (e.g. SAME_PROVIDER per region and for any region) keeps the specific rows.
        const specific = chosen.some((r) => r.dst_region !== null)
          ? chosen.filter((r) => r.dst_region !== null)
          : chosen;
        return {
          tiers: specific.map(toTier),
          basis: `egress_prices ${source.provider}:${chosen[0].src_region} ${destination}${destination === 'INTERNET' ? '' : ` → ${target.provider}:${target.region}`}`,
        };
      }
    }
    const offers: { tier_start_gb: string | null; tier_end_gb: string | null; price_per_gb: string }[] =
      await this.dataSource.query(
        `SELECT o.tier_start::text AS tier_start_gb, o.tier_end::text AS tier_end_gb, o.price_usd::text AS price_per_gb
         FROM offers o
         WHERE o.catalog_version_id IN (SELECT id FROM catalog_versions WHERE status = 'ACTIVE')
           AND o.provider_id = $1 AND o.region_code = $2 AND o.resource_kind = 'DATA_TRANSFER' AND o.unit = 'GB'
           AND o.price_usd IS NOT NULL AND upper(o.attributes->>'destination') = 'INTERNET'
         ORDER BY o.tier_start NULLS FIRST, o.id`,
        [source.provider, source.region],
      );
    if (offers.length > 0) {
      return {
        tiers: offers.map((o) => toTier({ ...o, tier_start_gb: o.tier_start_gb ?? '0' })),
        basis: `egress offers of ${source.provider}:${source.region} INTERNET`,
      };
    }
    return { tiers: [], basis: 'none known' };
  }

  /** The measured rate from source to target (that direction only), Gbit/s, or null. */
  async measuredThroughput(source: SiteKey, target: SiteKey): Promise<number | null> {
    const [row] = await this.dataSource.query<{ gbit: number }[]>(
      `SELECT gbit_per_s::float8 AS gbit FROM throughput_measurements
       WHERE src_provider = $1 AND src_region = $2 AND dst_provider = $3 AND dst_region = $4
       ORDER BY source LIMIT 1`,
      [source.provider, source.region, target.provider, target.region],
    );
    return row ? row.gbit : null;
  }
}
