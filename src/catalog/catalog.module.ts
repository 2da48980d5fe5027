import { Module } from '@nestjs/common';
import { CatalogEventsService } from './catalog-events.service.js';
import { CatalogImportService } from './catalog-import.service.js';
import { CatalogLookupRepository } from './catalog-lookup.repository.js';
import { CatalogQueryService } from './catalog-query.service.js';
import { CatalogReadRepository } from './catalog-read.repository.js';
import { CatalogVersionRepository } from './catalog-version.repository.js';
import { CatalogWriteRepository } from './catalog-write.repository.js';
import { CatalogResolver, CatalogVersionResolver } from './graphql/catalog.resolver.js';
import { ImportResolver } from './graphql/import.resolver.js';
import { OffersResolver } from './graphql/offers.resolver.js';
import { ImporterRegistry } from './importer-registry.service.js';
import { createCsvImporters } from './importers/csv-importer-registry.js';
import { createJsonImporters } from './importers/importer-registry.js';
import { OfferImportService } from './offer-import.service.js';
import { OfferRepository } from './offer.repository.js';
import { ReferenceImportService } from './reference/reference-import.service.js';
import { ReferenceRepository } from './reference/reference.repository.js';
import { RegionDirectoryService } from './region-directory.service.js';
import { StarterCatalogService } from './starter-catalog.service.js';

export function createImporterRegistry(): ImporterRegistry {
  return new ImporterRegistry([...createJsonImporters(), ...createCsvImporters()]);
}

@Module({
  providers: [
    { provide: ImporterRegistry, useFactory: createImporterRegistry },
    CatalogVersionRepository,
    CatalogLookupRepository,
    CatalogWriteRepository,
    CatalogReadRepository,
    OfferRepository,
    ReferenceRepository,
    OfferImportService,
    ReferenceImportService,
    CatalogImportService,
    CatalogQueryService,
    RegionDirectoryService,
    CatalogEventsService,
    StarterCatalogService,
    CatalogResolver,
    CatalogVersionResolver,
    OffersResolver,
    ImportResolver,
  ],
  exports: [
    CatalogImportService,
    CatalogQueryService,
    CatalogVersionRepository,
    CatalogEventsService,
    RegionDirectoryService,
    StarterCatalogService,
    CatalogReadRepository,
    OfferRepository,
  ],
})
export class CatalogModule {}
