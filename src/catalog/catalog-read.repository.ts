import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CatalogRejectionEntity } from './entities/catalog-rejection.entity.js';
import { JurisdictionEntity } from './entities/jurisdiction.entity.js';
import { ProviderEntity } from './entities/provider.entity.js';
import { SlaEntity } from './entities/reference.entities.js';
import { RegionEntity } from './entities/region.entity.js';

/** Reads of the (small) reference tables: providers, regions, jurisdictions, SLAs. */
@Injectable()
export class CatalogReadRepository {
  constructor(private readonly dataSource: DataSource) {}

  findProviders(): Promise<ProviderEntity[]> {
    return this.dataSource.getRepository(ProviderEntity).find({ order: { id: 'ASC' } });
  }

  findProvidersByIds(ids: readonly string[]): Promise<ProviderEntity[]> {
    return this.dataSource
      .getRepository(ProviderEntity)
      .createQueryBuilder('p')
      .where('p.id = ANY(:ids)', { ids: [...ids] })
      .getMany();
  }

  findRegions(filter: { provider?: string; country?: string } = {}): Promise<RegionEntity[]> {
    const where: { providerId?: string; countryCode?: string } = {};
    if (filter.provider) where.providerId = filter.provider;
    if (filter.country) where.countryCode = filter.country;
    return this.dataSource
      .getRepository(RegionEntity)
      .find({ where, order: { providerId: 'ASC', code: 'ASC' } });
  }

  findJurisdictions(): Promise<JurisdictionEntity[]> {
    return this.dataSource.getRepository(JurisdictionEntity).find({ order: { countryCode: 'ASC' } });
  }

  findSlas(provider?: string): Promise<SlaEntity[]> {
    return this.dataSource.getRepository(SlaEntity).find({
      where: provider ? { providerId: provider } : {},
      order: { providerId: 'ASC', service: 'ASC', scope: 'ASC' },
    });
  }

  findRejections(versionId: string, first: number): Promise<CatalogRejectionEntity[]> {
    return this.dataSource
      .getRepository(CatalogRejectionEntity)
      .find({ where: { catalogVersionId: versionId }, order: { seq: 'ASC' }, take: first });
  }
}
