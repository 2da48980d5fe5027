import { Injectable } from '@nestjs/common';
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { InvalidInputError } from '../common/errors.js';
import type { ImportSummary } from './import-summary.js';
import { fetchStream, urlSource } from './import-sources.js';
import { fileSource } from './importers/file-source.js';
import type { ImportSource } from './importers/catalog-importer.js';
import { OfferImportService, type ImportProgress } from './offer-import.service.js';
import { ReferenceImportService } from './reference/reference-import.service.js';

export interface ImportInputs {
  readonly format: string;
  readonly providerId?: string;
  /** Local paths (CLI, starter) or spooled uploads. */
  readonly files?: readonly string[];
  /** http(s) URLs, each checked against the allow-list, as are the pages they link to. */
  readonly urls?: readonly string[];
  readonly createdBy: string | null;
  readonly urlAllowList: readonly string[];
  readonly onProgress?: (progress: ImportProgress) => void;
}

/** One entry point for every format: provider price files and reference data alike. */
@Injectable()
export class CatalogImportService {
  constructor(
    private readonly offers: OfferImportService,
    private readonly references: ReferenceImportService,
  ) {}

  formats(): string[] {
    return [...this.offers.formats(), ...this.references.formats()].sort();
  }

  async import(inputs: ImportInputs): Promise<ImportSummary> {
    const files = inputs.files ?? [];
    const urls = inputs.urls ?? [];
    if (files.length + urls.length === 0)
      throw new InvalidInputError('give at least one file or URL to import');
    if (files.length > 0 && urls.length > 0)
      throw new InvalidInputError('import either files or URLs, not both at once');
    for (const file of files) {
      if (!fs.existsSync(file)) throw new InvalidInputError(`no such file: ${file}`, 'file');
      if (!fs.statSync(file).isFile()) throw new InvalidInputError(`not a file: ${file}`, 'file');
    }
    const sources: ImportSource[] = files.length
      ? files.map((f) => fileSource(f))
      : urls.map((u) => urlSource(u, inputs.urlAllowList));

    if (this.references.handles(inputs.format)) {
      if (sources.length !== 1)
        throw new InvalidInputError(`${inputs.format} imports one file at a time`, 'files');
      return this.references.importReference({
        format: inputs.format,
        source: sources[0],
        createdBy: inputs.createdBy,
      });
    }
    return this.offers.import({
      format: inputs.format,
      providerId: inputs.providerId,
      sources,
      rereadable: files.length > 0,
      createdBy: inputs.createdBy,
      fetchPage:
        urls.length > 0
          ? (url: string): Promise<Readable> => fetchStream(url, inputs.urlAllowList)
          : undefined,
      onProgress: inputs.onProgress,
    });
  }
}
