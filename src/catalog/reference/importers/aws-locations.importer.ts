import { excerpt, ImportFormatError, type ImportSource } from '../../importers/catalog-importer.js';
import type {
  RegionAliasRow,
  ReferenceContext,
  ReferenceImporter,
  ReferenceImportRecord,
} from '../reference-importer.js';
import { readJson } from './csv-reference.js';

const FORMAT = 'aws-locations';

interface AwsLocation {
  name?: unknown;
  code?: unknown;
  type?: unknown;
  label?: unknown;
}

/**
 * The aws.amazon.com pricing pages' locations.json: display name → {code, type, label}. Only
 * `AWS Region` entries become aliases of provider aws (both the name, "EU (Frankfurt)", and
 * the newer label, "Europe (Frankfurt)"); Local and Wavelength Zones are not regions.
 */
export class AwsLocationsImporter implements ReferenceImporter {
  readonly format = FORMAT;
  readonly description = 'AWS pricing-page locations.json: region display names → region codes (aliases)';
  readonly kind = 'region-aliases' as const;
  readonly providerId = 'aws';

  detect(head: string): string | null {
    const text = head.trimStart();
    if (!text.startsWith('{')) return 'not a JSON object of AWS locations';
    return /"type"\s*:\s*"AWS (Region|Local Zone|Wavelength Zone)"/.test(text)
      ? null
      : 'no entry with "type": "AWS Region"';
  }

  async *read(source: ImportSource, _context: ReferenceContext): AsyncIterable<ReferenceImportRecord> {
    const json = await readJson(source, FORMAT);
    if (!json || typeof json !== 'object' || Array.isArray(json))
      throw new ImportFormatError(FORMAT, source.name, 'expected an object keyed by location name');
    for (const [key, value] of Object.entries(json as Record<string, AwsLocation>)) {
      const position = `locations["${key}"]`;
      const entry = value ?? {};
      if (typeof entry.code !== 'string' || entry.code === '') {
        yield { kind: 'rejected', position, reason: 'missing code', excerpt: excerpt(entry) };
        continue;
      }
      if (entry.type !== 'AWS Region') {
        yield {
          kind: 'rejected',
          position,
          reason: `not an AWS Region: ${String(entry.type)} ${entry.code}`,
        };
        continue;
      }
      const names = new Set(
        [key, entry.name, entry.label].filter((n): n is string => typeof n === 'string' && n !== ''),
      );
      const rows: RegionAliasRow[] = [...names].map((alias) => ({
        providerId: 'aws',
        alias,
        regionCode: entry.code as string,
      }));
      yield { kind: 'accepted', position, rows };
    }
  }
}
