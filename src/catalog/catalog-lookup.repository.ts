import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface RegionDirectory {
  /** Region codes known per provider. */
  readonly codes: Map<string, Set<string>>;
  /** provider → lower-cased display name or alias → code. */
  readonly byName: Map<string, Map<string, string>>;
}

export interface FxRate {
  readonly currency: string;
  readonly effectiveDate: string;
  readonly usdPerUnit: string;
}

/** Read-only lookups an import needs up front (regions, aliases, FX), loaded once per import. */
@Injectable()
export class CatalogLookupRepository {
  constructor(private readonly dataSource: DataSource) {}

  async loadRegionDirectory(): Promise<RegionDirectory> {
    const codes = new Map<string, Set<string>>();
    const byName = new Map<string, Map<string, string>>();
    const names = (provider: string) => {
      let map = byName.get(provider);
      if (!map) byName.set(provider, (map = new Map()));
      return map;
    };
    const regions: { provider_id: string; code: string; name: string }[] = await this.dataSource.query(
      `SELECT provider_id, code, name FROM regions`,
    );
    for (const r of regions) {
      let set = codes.get(r.provider_id);
      if (!set) codes.set(r.provider_id, (set = new Set()));
      set.add(r.code);
      names(r.provider_id).set(r.name.toLowerCase(), r.code);
    }
    const aliases: { provider_id: string; alias: string; region_code: string }[] =
      await this.dataSource.query(`SELECT provider_id, alias, region_code FROM region_aliases`);
    for (const a of aliases) names(a.provider_id).set(a.alias.toLowerCase(), a.region_code);
    return { codes, byName };
  }

  async loadFxRates(): Promise<FxRate[]> {
    const rows: { currency: string; effective_date: string; usd_per_unit: string }[] =
      await this.dataSource.query(
        `SELECT currency, effective_date::text AS effective_date, usd_per_unit::text AS usd_per_unit
       FROM fx_rates ORDER BY currency, effective_date`,
      );
    return rows.map((r) => ({
      currency: r.currency,
      effectiveDate: r.effective_date,
      usdPerUnit: r.usd_per_unit,
    }));
  }

  async providerExists(id: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM providers WHERE id = $1`, [id]);
    return rows.length > 0;
  }

  async catalogIsEmpty(): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM catalog_versions LIMIT 1`);
    return rows.length === 0;
  }
}
