import type { CatalogImportService } from '../catalog/catalog-import.service.js';
import type { ImportSummary } from '../catalog/import-summary.js';
import type { CatalogSource } from './provider-port.js';

/**
 * The CatalogSource every provider has: its price files go through the catalog's importers
 * (versioned, atomic activation). Adapters that can list prices live would add their own.
 */
export class ImporterCatalogSource implements CatalogSource {
  constructor(
    readonly providerId: string,
    private readonly imports: CatalogImportService,
  ) {}

  formats(): readonly string[] {
    return this.imports.formats();
  }

  importFiles(format: string, files: readonly string[], createdBy: string): Promise<ImportSummary> {
    return this.imports.import({ format, providerId: this.providerId, files, createdBy, urlAllowList: [] });
  }
}
