import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ParsedInstanceType, ParsedProvider, ParsedRegion } from './importers/catalog-importer.js';

/** Rows an offer import defines besides offers, written in its activation transaction. */
@Injectable()
export class CatalogWriteRepository {
  async upsertProvidersIn(
    manager: EntityManager,
    providers: readonly ParsedProvider[],
    source: string,
  ): Promise<void> {
    for (const p of providers) {
      await manager.query(
        `INSERT INTO providers (id, name, kind, headquarters_country, adapter_id, source)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind,
           headquarters_country = EXCLUDED.headquarters_country, adapter_id = EXCLUDED.adapter_id,
           source = EXCLUDED.source, updated_at = now()`,
        [p.id, p.name, p.kind, p.headquartersCountry, p.adapterId ?? 'simulated', source],
      );
    }
  }

  async upsertRegionsIn(
    manager: EntityManager,
    regions: readonly ParsedRegion[],
    source: string,
  ): Promise<void> {
    for (const r of regions) {
      await manager.query(
        `INSERT INTO regions (provider_id, code, name, country_code, latitude, longitude, carbon_gco2e_per_kwh,
           carbon_source, pue, power_price_per_kwh, power_price_currency, availability_zones, capacity_vcpu,
           capacity_memory_gib, source, availability_pct)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
         ON CONFLICT (provider_id, code) DO UPDATE SET name = EXCLUDED.name, country_code = EXCLUDED.country_code,
           latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude,
           carbon_gco2e_per_kwh = COALESCE(EXCLUDED.carbon_gco2e_per_kwh, regions.carbon_gco2e_per_kwh),
           carbon_source = COALESCE(EXCLUDED.carbon_source, regions.carbon_source),
           pue = EXCLUDED.pue, power_price_per_kwh = EXCLUDED.power_price_per_kwh,
           power_price_currency = EXCLUDED.power_price_currency, availability_zones = EXCLUDED.availability_zones,
           capacity_vcpu = EXCLUDED.capacity_vcpu, capacity_memory_gib = EXCLUDED.capacity_memory_gib,
           source = EXCLUDED.source, availability_pct = EXCLUDED.availability_pct`,
        [
          r.providerId,
          r.code,
          r.name,
          r.countryCode,
          r.latitude,
          r.longitude,
          r.carbonGco2ePerKwh ?? null,
          r.carbonGco2ePerKwh ? source : null,
          r.pue ?? null,
          r.powerPricePerKwh ?? null,
          r.powerPriceCurrency ?? null,
          r.availabilityZones ?? null,
          r.capacityVcpu ?? null,
          r.capacityMemoryGib ?? null,
          source,
          r.availabilityPct ?? null,
        ],
      );
    }
  }

  /** Latest spec wins: a type's spec is a fact about the type, not about one price list. */
  async upsertInstanceTypesIn(
    manager: EntityManager,
    types: readonly ParsedInstanceType[],
    source: string,
  ): Promise<void> {
    const batchSize = 500;
    for (let start = 0; start < types.length; start += batchSize) {
      const batch = types.slice(start, start + batchSize);
      const values: unknown[] = [];
      const tuples = batch.map((t, i) => {
        values.push(
          t.providerId,
          t.name,
          t.vcpu,
          t.memoryGib,
          t.gpuModel,
          t.gpuCount,
          t.gpuMemoryGib,
          t.arch,
          t.family,
          source,
        );
        const b = i * 10;
        return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8}, $${b + 9}, $${b + 10})`;
      });
      await manager.query(
        `INSERT INTO instance_types (provider_id, name, vcpu, memory_gib, gpu_model, gpu_count, gpu_memory_gib, arch, family, source)
         VALUES ${tuples.join(', ')}
         ON CONFLICT (provider_id, name) DO UPDATE SET vcpu = EXCLUDED.vcpu, memory_gib = EXCLUDED.memory_gib,
           gpu_model = COALESCE(EXCLUDED.gpu_model, instance_types.gpu_model),
           gpu_count = GREATEST(EXCLUDED.gpu_count, instance_types.gpu_count),
           gpu_memory_gib = COALESCE(EXCLUDED.gpu_memory_gib, instance_types.gpu_memory_gib),
           arch = EXCLUDED.arch, family = COALESCE(EXCLUDED.family, instance_types.family),
           source = EXCLUDED.source, updated_at = now()`,
        values,
      );
    }
  }
}
