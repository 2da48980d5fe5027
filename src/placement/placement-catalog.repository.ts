import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** An INSTANCE, VCPU or MEMORY offer of an active version, as the offer index takes it. */
export interface ComputeOfferRow {
  id: string;
  provider_id: string;
  region_code: string;
  instance_type: string | null;
  vcpu: number | null;
  memory_gib: number | null;
  gpu_model: string | null;
  gpu_count: number | null;
  arch: string | null;
  os: string | null;
  purchase_option: string;
  resource_kind: string;
  unit: string;
  price_usd: string;
  variant: string | null;
  family: string | null;
  tco: Record<string, string> | null;
}

export interface PricedRow {
  provider_id: string;
  region_code: string;
  label: string | null;
  price_usd: string;
  tier_start: string | null;
  tier_end: string | null;
  offer_id: string;
}

export interface EgressRow {
  provider_id: string;
  src_region: string;
  destination: string;
  tier_start_gb: string;
  tier_end_gb: string | null;
  price_per_gb: string;
  currency: string;
}

export interface SlaRow {
  provider_id: string;
  scope: string;
  uptime_pct: string;
  credit_tiers: { belowPct: number; creditPct: number }[];
}

export interface LatencyRow {
  src_provider: string;
  src_region: string;
  dst_provider: string;
  dst_region: string;
  rtt_ms: number;
  source: string;
}

const ACTIVE = `o.catalog_version_id IN (SELECT id FROM catalog_versions WHERE status = 'ACTIVE')`;

/** The reads that build a placement snapshot: everything scoring needs, once per catalog activation. */
@Injectable()
export class PlacementCatalogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Compute offers in id order, one page at a time (keyset), so a large catalog streams. */
  async *computeOffers(pageSize = 50_000): AsyncGenerator<ComputeOfferRow[]> {
    let after = '0';
    for (;;) {
      const rows: ComputeOfferRow[] = await this.dataSource.query(
        `SELECT o.id::text AS id, o.provider_id, o.region_code, o.instance_type,
                it.vcpu::float8 AS vcpu, it.memory_gib::float8 AS memory_gib, it.gpu_model,
                it.gpu_count::float8 AS gpu_count, COALESCE(it.arch, o.attributes->>'arch') AS arch, o.os,
                o.purchase_option, o.resource_kind, o.unit, o.price_usd::text AS price_usd,
                o.attributes->>'variant' AS variant, o.attributes->>'family' AS family,
                CASE WHEN o.attributes ? 'fixedPerHour' THEN jsonb_build_object(
                  'fixed', o.attributes->>'fixedPerHour', 'power', o.attributes->>'powerPerHour') END AS tco
         FROM offers o
         LEFT JOIN instance_types it ON it.provider_id = o.provider_id AND it.name = o.instance_type
         WHERE ${ACTIVE} AND o.id > $1::bigint
           AND o.resource_kind IN ('INSTANCE', 'VCPU', 'MEMORY')
           AND o.region_code IS NOT NULL AND o.price_usd IS NOT NULL AND o.unit IN ('HOUR', 'ONE_TIME')
         ORDER BY o.id
         LIMIT $2`,
        [after, pageSize],
      );
      if (rows.length === 0) return;
      yield rows;
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1].id;
    }
  }

  /** Storage prices per GB-month by class, the cheapest per (region, class). */
  storagePrices(): Promise<PricedRow[]> {
    return this.dataSource.query(
      `SELECT DISTINCT ON (o.provider_id, o.region_code, upper(o.attributes->>'storageClass'))
              o.provider_id, o.region_code, upper(o.attributes->>'storageClass') AS label,
              o.price_usd::text AS price_usd, NULL AS tier_start, NULL AS tier_end, o.id::text AS offer_id
       FROM offers o
       WHERE ${ACTIVE} AND o.resource_kind = 'STORAGE' AND o.unit = 'GB_MONTH' AND o.region_code IS NOT NULL
         AND o.price_usd IS NOT NULL AND o.attributes ? 'storageClass' AND o.purchase_option = 'ON_DEMAND'
       ORDER BY o.provider_id, o.region_code, upper(o.attributes->>'storageClass'), o.price_usd, o.id`,
    );
  }

  /** Internet egress offers of sites that price their own transfer (cumulus-csv `egress` rows). */
  egressOffers(): Promise<PricedRow[]> {
    return this.dataSource.query(
      `SELECT o.provider_id, o.region_code, o.attributes->>'destination' AS label, o.price_usd::text AS price_usd,
              o.tier_start::text AS tier_start, o.tier_end::text AS tier_end, o.id::text AS offer_id
       FROM offers o
       WHERE ${ACTIVE} AND o.resource_kind = 'DATA_TRANSFER' AND o.unit = 'GB' AND o.region_code IS NOT NULL
         AND o.price_usd IS NOT NULL AND o.attributes ? 'destination'
       ORDER BY o.provider_id, o.region_code, o.tier_start NULLS FIRST, o.id`,
    );
  }

  egressPrices(): Promise<EgressRow[]> {
    return this.dataSource.query(
      `SELECT provider_id, src_region, destination, tier_start_gb::text AS tier_start_gb,
              tier_end_gb::text AS tier_end_gb, price_per_gb::text AS price_per_gb, currency
       FROM egress_prices ORDER BY provider_id, src_region, destination, tier_start_gb`,
    );
  }

  slas(): Promise<SlaRow[]> {
    return this.dataSource.query(
      `SELECT provider_id, scope, uptime_pct::text AS uptime_pct, credit_tiers FROM slas`,
    );
  }

  latencies(): Promise<LatencyRow[]> {
    return this.dataSource.query(
      `SELECT src_provider, src_region, dst_provider, dst_region, rtt_ms::float8 AS rtt_ms, source FROM latency_measurements`,
    );
  }

  /** The active versions the snapshot is built from (its identity, shown in results). */
  async activeVersionIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id::text AS id FROM catalog_versions WHERE status = 'ACTIVE' ORDER BY id`,
    );
    return rows.map((r) => r.id);
  }
}
