import { InvalidInputError } from '../common/errors.js';
import type { CatalogImporter } from './importers/catalog-importer.js';

/** Importers by format id. A new format is a new importer file and one entry in the list. */
export class ImporterRegistry {
  private readonly byFormat = new Map<string, CatalogImporter>();

  constructor(importers: readonly CatalogImporter[]) {
    for (const importer of importers) {
      if (this.byFormat.has(importer.format))
        throw new Error(`Two importers claim format ${importer.format}`);
      this.byFormat.set(importer.format, importer);
    }
  }

  has(format: string): boolean {
    return this.byFormat.has(format);
  }

  get(format: string): CatalogImporter {
    const importer = this.byFormat.get(format);
    if (!importer) {
      throw new InvalidInputError(
        `unknown format "${format}"; known formats: ${this.formats().join(', ')}`,
        'format',
      );
    }
    return importer;
  }

  formats(): string[] {
    return [...this.byFormat.keys()].sort();
  }

  list(): CatalogImporter[] {
    return [...this.byFormat.values()];
  }
}
