import type { ImportSource } from '../../importers/catalog-importer.js';
import { isCountryCode } from '../../importers/csv/csv-values.js';
import { CARBON_SOURCE_CCF, carbonSourceGcp } from '../carbon-precedence.js';
import {
  REFERENCE_PROVIDER,
  type ReferenceContext,
  type ReferenceImporter,
  type ReferenceImportRecord,
} from '../reference-importer.js';
import { csvDetect, readCsvReference, RowProblem, SeenKeys, type TableRow } from './csv-reference.js';

const FORMAT = 'regions-csv';
const REQUIRED = ['provider', 'region', 'display_name', 'lat', 'lon', 'country_iso2'];
const CCF_COLUMN = 'ccf_grid_gco2e_per_kwh';
const GCP_COLUMN = /^gcp_grid_gco2_per_kwh_(\d{4})$/;

/**
 * Cloud regions with coordinates and country (../shared/data/regions/region_catalog_seed.csv
 * and trimmed copies with the same columns). Grid carbon comes from Google's own figure for
 * GCP regions (`gcp_grid_gco2_per_kwh_<year>`) and from Cloud Carbon Footprint otherwise.
 * The provider must exist first (import providers-csv).
 */
export class RegionsCsvImporter implements ReferenceImporter {
  readonly format = FORMAT;
  readonly description =
    'Cloud regions: provider, code, name, coordinates, country, grid carbon (region_catalog_seed.csv columns)';
  readonly kind = 'regions' as const;
  readonly providerId = REFERENCE_PROVIDER;

  detect(head: string): string | null {
    return csvDetect(head, REQUIRED);
  }

  read(source: ImportSource, context: ReferenceContext): AsyncIterable<ReferenceImportRecord> {
    const seen = new SeenKeys();
    return readCsvReference(source, FORMAT, REQUIRED, (r) => {
      const providerId = r.required('provider');
      if (!context.knownProviders.has(providerId))
        throw new RowProblem(`unknown provider: "${providerId}" (import providers-csv first)`);
      const code = r.required('region');
      const country = r.required('country_iso2').toUpperCase();
      if (!isCountryCode(country)) throw new RowProblem(`invalid country_iso2: "${country}"`);
      const latitude = coordinate(r, 'lat', 90);
      const longitude = coordinate(r, 'lon', 180);
      seen.check(`${providerId}/${code}`, r.row, 'region');
      return [
        {
          providerId,
          code,
          name: r.required('display_name'),
          countryCode: country,
          latitude,
          longitude,
          ...carbonOf(r),
        },
      ];
    });
  }
}

function coordinate(r: TableRow, column: string, limit: number): number | null {
  if (r.get(column) === '') return null;
  const value = r.decimal(column, 'any').toNumber();
  if (Math.abs(value) > limit) throw new RowProblem(`${column} out of range: ${r.get(column)}`);
  return value;
}

/** Google's own figure for a GCP region (the newest `gcp_grid_gco2_per_kwh_<year>` column), else CCF's. */
function carbonOf(r: TableRow): { carbonGco2ePerKwh: string | null; carbonSource: string | null } {
  const gcpColumn = r
    .columnNames()
    .filter((c) => GCP_COLUMN.test(c) && r.get(c) !== '')
    .sort()
    .at(-1);
  if (gcpColumn)
    return {
      carbonGco2ePerKwh: r.decimal(gcpColumn).toFixed(),
      carbonSource: carbonSourceGcp(GCP_COLUMN.exec(gcpColumn)![1]),
    };
  if (r.get(CCF_COLUMN) !== '')
    return { carbonGco2ePerKwh: r.decimal(CCF_COLUMN).toFixed(), carbonSource: CARBON_SOURCE_CCF };
  return { carbonGco2ePerKwh: null, carbonSource: null };
}
