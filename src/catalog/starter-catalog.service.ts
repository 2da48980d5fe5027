import { Inject, Injectable, Logger } from '@nestjs/common';
import fs from 'node:fs';
import path from 'node:path';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { projectRoot } from '../config/paths.js';
import { CatalogImportService } from './catalog-import.service.js';
import { CatalogLookupRepository } from './catalog-lookup.repository.js';
import type { ImportSummary } from './import-summary.js';

interface ManifestEntry {
  format: string;
  file: string;
  provider?: string;
  description?: string;
}

export function starterDir(): string {
  return path.join(projectRoot(), 'src', 'catalog', 'starter');
}

/**
 * The catalog shipped in the project (facts from ../shared/data with attribution, see
 * src/catalog/starter/ATTRIBUTION.md), loaded through the ordinary importers when the
 * catalog is empty so a new user can query real offers right after the first start.
 */
@Injectable()
export class StarterCatalogService {
  private readonly logger = new Logger(StarterCatalogService.name);

  constructor(
    private readonly imports: CatalogImportService,
    private readonly lookups: CatalogLookupRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  manifest(): ManifestEntry[] {
    const file = path.join(starterDir(), 'manifest.json');
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as ManifestEntry[]) : [];
  }

  async loadIfEmpty(): Promise<ImportSummary[] | null> {
    if (!this.config.loadStarterCatalog || !(await this.lookups.catalogIsEmpty())) return null;
    return this.load();
  }

  async load(): Promise<ImportSummary[]> {
    const entries = this.manifest();
    const started = Date.now();
    const results: ImportSummary[] = [];
    for (const entry of entries) {
      const summary = await this.imports.import({
        format: entry.format,
        providerId: entry.provider,
        files: [path.join(starterDir(), entry.file)],
        createdBy: 'starter-catalog',
        urlAllowList: [],
      });
      results.push(summary);
    }
    const offers = results.reduce((n, r) => n + r.offers, 0);
    this.logger.log(
      `Starter catalog loaded: ${entries.length} files, ${offers} offers in ${Date.now() - started} ms`,
    );
    return results;
  }
}
