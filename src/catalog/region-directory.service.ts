import { Injectable } from '@nestjs/common';
import { regionRegimes } from '../domain/jurisdiction/regimes.js';
import { CatalogReadRepository } from './catalog-read.repository.js';
import type { RegionEntity } from './entities/region.entity.js';

export interface RegionView {
  provider: string;
  code: string;
  name: string;
  country: string;
  latitude: number | null;
  longitude: number | null;
  regimes: string[];
  carbonGco2ePerKwh: string | null;
  pue: string | null;
  powerPricePerKwh: string | null;
  powerPriceCurrency: string | null;
  availabilityZones: number | null;
  availabilityPct: string | null;
  capacityVcpu: number | null;
  capacityMemoryGib: number | null;
}

/**
 * Regions with their regimes (country regime + provider home exposure), computed in one
 * pass over three small tables instead of per region.
 */
@Injectable()
export class RegionDirectoryService {
  constructor(private readonly reads: CatalogReadRepository) {}

  async regions(): Promise<RegionView[]> {
    const [regions, providers, jurisdictions] = await Promise.all([
      this.reads.findRegions(),
      this.reads.findProviders(),
      this.reads.findJurisdictions(),
    ]);
    const hq = new Map(providers.map((p) => [p.id, p.headquartersCountry]));
    const byCountry = new Map(jurisdictions.map((j) => [j.countryCode, j]));
    return regions.map((r) =>
      toView(r, regionRegimes(byCountry.get(r.countryCode) ?? null, hq.get(r.providerId) ?? null)),
    );
  }
}

function toView(r: RegionEntity, regimes: string[]): RegionView {
  return {
    provider: r.providerId,
    code: r.code,
    name: r.name,
    country: r.countryCode,
    latitude: r.latitude,
    longitude: r.longitude,
    regimes,
    carbonGco2ePerKwh: r.carbonGco2ePerKwh,
    pue: r.pue,
    powerPricePerKwh: r.powerPricePerKwh,
    powerPriceCurrency: r.powerPriceCurrency,
    availabilityZones: r.availabilityZones,
    availabilityPct: r.availabilityPct,
    capacityVcpu: r.capacityVcpu,
    capacityMemoryGib: r.capacityMemoryGib,
  };
}
