import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { carbonMayReplace } from './carbon-precedence.js';
import { carbonOf, insertBatches } from './sql-batches.js';
import type {
  CarbonRow,
  EgressRow,
  FxRateRow,
  JurisdictionRow,
  LatencyRow,
  ProviderRow,
  RegionAliasRow,
  RegionRow,
  SlaRow,
  ThroughputRow,
} from './reference-importer.js';

/** What the catalog knows that reference formats resolve names against. */
export interface ReferenceLookups {
  providers: string[];
  regions: { providerId: string; code: string; name: string }[];
  aliases: { providerId: string; alias: string; regionCode: string }[];
}

/**
 * Writes reference data, each method replacing one kind's rows from one source inside the
 * caller's transaction (the one that activates the catalog version), so readers see the old
 * rows or the new ones, never a mix.
 */
@Injectable()
export class ReferenceRepository {
  async loadLookups(manager: EntityManager): Promise<ReferenceLookups> {
    const providers: { id: string }[] = await manager.query(`SELECT id FROM providers`);
    const regions: { provider_id: string; code: string; name: string }[] = await manager.query(
      `SELECT provider_id, code, name FROM regions`,
    );
    const aliases: { provider_id: string; alias: string; region_code: string }[] = await manager.query(
      `SELECT provider_id, alias, region_code FROM region_aliases`,
    );
    return {
      providers: providers.map((p) => p.id),
      regions: regions.map((r) => ({ providerId: r.provider_id, code: r.code, name: r.name })),
      aliases: aliases.map((a) => ({ providerId: a.provider_id, alias: a.alias, regionCode: a.region_code })),
    };
  }

  /** Upserts providers; never deletes one (that would cascade to its regions and instance types). */
  async upsertProvidersIn(
    manager: EntityManager,
    rows: readonly ProviderRow[],
    source: string,
  ): Promise<void> {
    await insertBatches(
      manager,
      'providers',
      ['id', 'name', 'kind', 'headquarters_country', 'adapter_id', 'source'],
      rows,
      (p) => [p.id, p.name, p.kind, p.headquartersCountry, p.adapterId, source],
      `ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, headquarters_country = EXCLUDED.headquarters_country,
        adapter_id = EXCLUDED.adapter_id, source = EXCLUDED.source, updated_at = now()`,
    );
  }

  /**
   * Upserts the regions of this source and deletes those it no longer lists. Carbon follows
   * carbon-precedence.ts: a region keeps a stronger source's figure.
   */
  async replaceRegionsIn(
    manager: EntityManager,
    rows: readonly RegionRow[],
    source: string,
  ): Promise<{ deleted: number }> {
    const existing = await carbonOf(manager);
    const merged = rows.map((r) => {
      const current = existing.get(`${r.providerId}/${r.code}`);
      const keep = current && (!r.carbonSource || !carbonMayReplace(r.carbonSource, current.source));
      return keep ? { ...r, carbonGco2ePerKwh: current.carbon, carbonSource: current.source } : r;
    });
    await insertBatches(
      manager,
      'regions',
      [
        'provider_id',
        'code',
        'name',
        'country_code',
        'latitude',
        'longitude',
        'carbon_gco2e_per_kwh',
        'carbon_source',
        'source',
      ],
      merged,
      (r) => [
        r.providerId,
        r.code,
        r.name,
        r.countryCode,
        r.latitude,
        r.longitude,
        r.carbonGco2ePerKwh,
        r.carbonSource,
        source,
      ],
      `ON CONFLICT (provider_id, code) DO UPDATE SET name = EXCLUDED.name, country_code = EXCLUDED.country_code,
        latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude, carbon_gco2e_per_kwh = EXCLUDED.carbon_gco2e_per_kwh,
        carbon_source = EXCLUDED.carbon_source, source = EXCLUDED.source`,
    );
    const keys = rows.map((r) => `${r.providerId}/${r.code}`);
    const [deleted] = await manager.query<{ n: number }[]>(
      `WITH gone AS (DELETE FROM regions WHERE source = $1 AND NOT (provider_id || '/' || code = ANY($2::text[])) RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [source, keys],
    );
    return { deleted: deleted.n };
  }

  async replaceRegionAliasesIn(
    manager: EntityManager,
    rows: readonly RegionAliasRow[],
    source: string,
  ): Promise<void> {
    await manager.query(`DELETE FROM region_aliases WHERE source = $1`, [source]);
    await insertBatches(
      manager,
      'region_aliases',
      ['provider_id', 'alias', 'region_code', 'source'],
      rows,
      (a) => [a.providerId, a.alias, a.regionCode, source],
      `ON CONFLICT (provider_id, alias) DO UPDATE SET region_code = EXCLUDED.region_code, source = EXCLUDED.source`,
    );
  }

  async replaceJurisdictionsIn(
    manager: EntityManager,
    rows: readonly JurisdictionRow[],
    source: string,
  ): Promise<void> {
    await manager.query(`DELETE FROM jurisdictions WHERE source = $1`, [source]);
    const columns = [
      'country_code',
      'country_name',
      'eu_member',
      'eea_member',
      'eu_adequacy',
      'eu_adequacy_note',
      'regime',
      'regime_name',
      'note',
      'source',
    ];
    await insertBatches(
      manager,
      'jurisdictions',
      columns,
      rows,
      (j) => [
        j.countryCode,
        j.countryName,
        j.euMember,
        j.eeaMember,
        j.euAdequacy,
        j.euAdequacyNote,
        j.regime,
        j.regimeName,
        j.note,
        source,
      ],
      `ON CONFLICT (country_code) DO UPDATE SET ${columns
        .slice(1)
        .map((c) => `${c} = EXCLUDED.${c}`)
        .join(', ')}`,
    );
  }

  /** Replaces the SLAs of every provider the file lists (other providers' SLAs stay). */
  async replaceSlasIn(manager: EntityManager, rows: readonly SlaRow[]): Promise<void> {
    await manager.query(`DELETE FROM slas WHERE provider_id = ANY($1::text[])`, [
      [...new Set(rows.map((s) => s.providerId))],
    ]);
    await insertBatches(
      manager,
      'slas',
      ['provider_id', 'service', 'scope', 'uptime_pct', 'credit_tiers', 'verified', 'source'],
      rows,
      (s) => [
        s.providerId,
        s.service,
        s.scope,
        s.uptimePct,
        JSON.stringify(s.creditTiers),
        s.verified,
        s.source,
      ],
    );
  }

  async replaceLatencyIn(manager: EntityManager, rows: readonly LatencyRow[], source: string): Promise<void> {
    await manager.query(`DELETE FROM latency_measurements WHERE source = $1`, [source]);
    await insertBatches(
      manager,
      'latency_measurements',
      ['src_provider', 'src_region', 'dst_provider', 'dst_region', 'rtt_ms', 'statistic', 'source'],
      rows,
      (l) => [l.srcProvider, l.srcRegion, l.dstProvider, l.dstRegion, l.rttMs, l.statistic, source],
    );
  }

  async replaceThroughputIn(
    manager: EntityManager,
    rows: readonly ThroughputRow[],
    source: string,
  ): Promise<void> {
    await manager.query(`DELETE FROM throughput_measurements WHERE source = $1`, [source]);
    await insertBatches(
      manager,
      'throughput_measurements',
      ['src_provider', 'src_region', 'dst_provider', 'dst_region', 'gbit_per_s', 'source'],
      rows,
      (t) => [t.srcProvider, t.srcRegion, t.dstProvider, t.dstRegion, t.gbitPerS, source],
    );
  }

  async replaceEgressPricesIn(
    manager: EntityManager,
    rows: readonly EgressRow[],
    source: string,
  ): Promise<void> {
    await manager.query(`DELETE FROM egress_prices WHERE source = $1`, [source]);
    const columns = [
      'provider_id',
      'src_region',
      'destination',
      'dst_provider',
      'dst_region',
      'tier_start_gb',
      'tier_end_gb',
      'price_per_gb',
      'currency',
      'source',
    ];
    await insertBatches(manager, 'egress_prices', columns, rows, (e) => [
      e.providerId,
      e.srcRegion,
      e.destination,
      e.dstProvider,
      e.dstRegion,
      e.tierStartGb,
      e.tierEndGb,
      e.pricePerGb,
      e.currency,
      source,
    ]);
  }

  /** Sets the carbon of existing regions where precedence allows; returns how many changed and how many kept a stronger figure. */
  async updateRegionCarbonIn(
    manager: EntityManager,
    rows: readonly CarbonRow[],
  ): Promise<{ updated: number; keptStronger: number }> {
    const existing = await carbonOf(manager);
    let updated = 0;
    let keptStronger = 0;
    for (const row of rows) {
      const current = existing.get(`${row.providerId}/${row.regionCode}`);
      if (current && !carbonMayReplace(row.carbonSource, current.source)) {
        keptStronger++;
        continue;
      }
      const [result] = await manager.query<{ n: number }[]>(
        `WITH changed AS (UPDATE regions SET carbon_gco2e_per_kwh = $3, carbon_source = $4 WHERE provider_id = $1 AND code = $2 RETURNING 1)
         SELECT count(*)::int AS n FROM changed`,
        [row.providerId, row.regionCode, row.carbonGco2ePerKwh, row.carbonSource],
      );
      updated += result.n;
    }
    return { updated, keptStronger };
  }

  /** Rates are history: upserted by (currency, date), never deleted by a re-import. */
  async upsertFxRatesIn(manager: EntityManager, rows: readonly FxRateRow[]): Promise<void> {
    await insertBatches(
      manager,
      'fx_rates',
      ['currency', 'effective_date', 'usd_per_unit', 'source'],
      rows,
      (f) => [f.currency, f.effectiveDate, f.usdPerUnit, f.source],
      `ON CONFLICT (currency, effective_date) DO UPDATE SET usd_per_unit = EXCLUDED.usd_per_unit, source = EXCLUDED.source`,
    );
  }

  async saveRejectionsIn(
    manager: EntityManager,
    versionId: string,
    rejections: readonly { position: string; reason: string; excerpt?: string }[],
  ): Promise<void> {
    await insertBatches(
      manager,
      'catalog_rejections',
      ['catalog_version_id', 'seq', 'position', 'reason', 'excerpt'],
      rejections.map((r, i) => ({ ...r, seq: i + 1 })),
      (r) => [versionId, r.seq, r.position, r.reason, r.excerpt ?? null],
    );
  }
}
