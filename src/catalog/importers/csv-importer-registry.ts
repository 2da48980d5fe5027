import type { CatalogImporter } from './catalog-importer.js';
import { CumulusCsvImporter } from './cumulus-csv.importer.js';
import { SkypilotCsvImporter } from './skypilot-csv.importer.js';

/** The CSV offer formats; the JSON ones come from importer-registry.ts. */
export function createCsvImporters(): CatalogImporter[] {
  return [new SkypilotCsvImporter(), new CumulusCsvImporter()];
}
