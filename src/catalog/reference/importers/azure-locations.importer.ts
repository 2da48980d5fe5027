import { excerpt, ImportFormatError, type ImportSource } from '../../importers/catalog-importer.js';
import type { ReferenceContext, ReferenceImporter, ReferenceImportRecord } from '../reference-importer.js';
import { readJson } from './csv-reference.js';

const FORMAT = 'azure-locations';

interface AzureLocation {
  name?: unknown;
  displayName?: unknown;
  metadata?: { regionType?: unknown; pairedRegion?: { name?: unknown }[] | null } | null;
}

/**
 * `az account list-locations` output: each physical region's display name ("West Europe")
 * becomes an alias of its code (westeurope); paired regions go into the version's metadata.
 * Logical locations (geographies such as "Europe", staging locations) are not regions.
 */
export class AzureLocationsImporter implements ReferenceImporter {
  readonly format = FORMAT;
  readonly description =
    'Azure list-locations JSON: region display names → region codes (aliases), paired regions';
  readonly kind = 'region-aliases' as const;
  readonly providerId = 'azure';

  detect(head: string): string | null {
    const text = head.trimStart();
    if (!text.startsWith('[')) return 'not a JSON array of Azure locations';
    return /"regionType"\s*:/.test(text) && /"displayName"\s*:/.test(text)
      ? null
      : 'no "displayName"/"regionType" fields of az account list-locations';
  }

  async *read(source: ImportSource, _context: ReferenceContext): AsyncIterable<ReferenceImportRecord> {
    const json = await readJson(source, FORMAT);
    if (!Array.isArray(json))
      throw new ImportFormatError(FORMAT, source.name, 'expected a JSON array of locations');
    const pairedRegions: Record<string, string[]> = {};
    for (const [index, value] of (json as AzureLocation[]).entries()) {
      const entry = value ?? {};
      const position = `[${index}]${typeof entry.name === 'string' ? ` ${entry.name}` : ''}`;
      if (
        typeof entry.name !== 'string' ||
        typeof entry.displayName !== 'string' ||
        !entry.name ||
        !entry.displayName
      ) {
        yield { kind: 'rejected', position, reason: 'missing name or displayName', excerpt: excerpt(entry) };
        continue;
      }
      const regionType = entry.metadata?.regionType;
      if (regionType !== 'Physical') {
        yield {
          kind: 'rejected',
          position,
          reason: `not a physical region: ${String(regionType)} location "${entry.displayName}"`,
        };
        continue;
      }
      const paired = (entry.metadata?.pairedRegion ?? [])
        .map((p) => p?.name)
        .filter((n): n is string => typeof n === 'string');
      if (paired.length) pairedRegions[entry.name] = paired;
      yield {
        kind: 'accepted',
        position,
        rows: [{ providerId: 'azure', alias: entry.displayName, regionCode: entry.name }],
      };
    }
    yield { kind: 'metadata', values: { pairedRegions } };
  }
}
