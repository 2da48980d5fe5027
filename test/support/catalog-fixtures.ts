import type { CatalogImportService } from '../../src/catalog/catalog-import.service.js';

/** Imports cumulus-csv fixture files; a file that is not ACTIVE with no rejections fails the setup, named by `label`. */
export async function importCumulusCsvFixtures(
  imports: CatalogImportService,
  files: readonly string[],
  label: string,
): Promise<void> {
  for (const file of files) {
    const summary = await imports.import({
      format: 'cumulus-csv',
      files: [file],
      createdBy: 'test',
      urlAllowList: [],
    });
    if (summary.status !== 'ACTIVE' || summary.rejected > 0)
      throw new Error(`${label}: ${JSON.stringify(summary)}`);
  }
}
