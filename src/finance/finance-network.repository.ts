import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ProviderKind } from '../domain/catalog/catalog-enums.js';
import type { EgressTier } from '../domain/migration/egress-cost.js';

export interface Site {
  readonly provider: string;
  readonly region: string;
}

interface EgressRow {
  src_region: string;
  destination: 'INTERNET' | 'SAME_PROVIDER' | 'OTHER_PROVIDER';
  dst_provider: string | null;
  dst_region: string | null;
  tier_start_gb: string;
  tier_end_gb: string | null;
  price_per_gb: string;
}

/**
 * The facts a savings estimate needs about moving between two sites: the source's egress
 * tiers towards the target, a measured throughput, the providers' kinds.
 */
@Injectable()
export class FinanceNetworkRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Tiers from the source region towards the target, most specific first (another region of the
   * same provider, the named other provider, then the internet); a row for the exact source
   * region wins over the provider-wide '*'. Empty when nothing is known.
   */
  async egressTiers(source: Site, target: Site): Promise<EgressTier[]> {
    const rows: EgressRow[] = await this.dataSource.query(
      `SELECT src_region, destination, dst_provider, dst_region, tier_start_gb::text AS tier_start_gb,
              tier_end_gb::text AS tier_end_gb, price_per_gb::text AS price_per_gb
       FROM egress_prices WHERE provider_id = $1 AND src_region IN ($2, '*') AND currency = 'USD'
       ORDER BY tier_start_gb`,
      [source.provider, source.region],
    );
    const towards = (r: EgressRow) => r.dst_region === null || r.dst_region === target.region;
    const candidates =
      source.provider === target.provider
        ? [rows.filter((r) => r.destination === 'SAME_PROVIDER' && towards(r))]
        : [
            rows.filter(
              (r) => r.destination === 'OTHER_PROVIDER' && r.dst_provider === target.provider && towards(r),
            ),
          ];
    candidates.push(rows.filter((r) => r.destination === 'INTERNET'));
    for (const subset of candidates) {
      const exact = subset.filter((r) => r.src_region === source.region);
      const chosen = exact.length > 0 ? exact : subset;
      if (chosen.length > 0)
        return chosen.map((r) => ({
          startGb: Number(r.tier_start_gb),
          endGb: r.tier_end_gb === null ? null : Number(r.tier_end_gb),
          pricePerGbUsd: r.price_per_gb,
        }));
    }
    return [];
  }

  async measuredThroughputGbitPerS(source: Site, target: Site): Promise<number | null> {
    const [row] = await this.dataSource.query<{ gbit: number }[]>(
      `SELECT gbit_per_s::float8 AS gbit FROM throughput_measurements
       WHERE src_provider = $1 AND src_region = $2 AND dst_provider = $3 AND dst_region = $4
       ORDER BY source LIMIT 1`,
      [source.provider, source.region, target.provider, target.region],
    );
    return row ? row.gbit : null;
  }

  async providerKinds(ids: readonly string[]): Promise<Map<string, ProviderKind>> {
    const rows: { id: string; kind: ProviderKind }[] = await this.dataSource.query(
      `SELECT id, kind FROM providers WHERE id = ANY($1::text[])`,
      [[...ids]],
    );
    return new Map(rows.map((r) => [r.id, r.kind]));
  }
}
