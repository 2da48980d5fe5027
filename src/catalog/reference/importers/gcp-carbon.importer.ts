import type { ImportSource } from '../../importers/catalog-importer.js';
import { notCsvReason, parseHeaderLine } from '../../importers/csv/csv-rows.js';
import { carbonSourceGcp } from '../carbon-precedence.js';
import type { ReferenceContext, ReferenceImporter, ReferenceImportRecord } from '../reference-importer.js';
import { readCsvReference, RowProblem, SeenKeys } from './csv-reference.js';

const FORMAT = 'gcp-carbon';
const REGION = 'Google Cloud Region';
const GRID = 'Grid carbon intensity (gCO2eq / kWh)';
const CFE = 'Google CFE';
const LIFECYCLE = 'Lifecycle grid carbon intensity (gCO2eq / kWh)';

/**
 * Google's yearly region carbon data (GoogleCloudPlatform/region-carbon-info, data/yearly/<year>.csv):
 * sets the grid carbon of existing GCP regions; never creates regions. The 2019–2020 files
 * give a lifecycle intensity, not comparable with the grid figures every other source gives,
 * and are refused.
 */
export class GcpCarbonImporter implements ReferenceImporter {
  readonly format = FORMAT;
  readonly description =
    'Google Cloud region carbon info (yearly CSV): grid carbon intensity of existing GCP regions';
  readonly kind = 'carbon' as const;
  readonly providerId = 'gcp';

  detect(head: string): string | null {
    const notCsv = notCsvReason(head);
    if (notCsv) return notCsv;
    const columns = parseHeaderLine(head) ?? [];
    if (columns.includes(LIFECYCLE))
      return `the 2019–2020 files give "${LIFECYCLE}", a lifecycle basis Cumulus does not mix with grid intensity`;
    const missing = [REGION, GRID].filter((c) => !columns.includes(c));
    return missing.length ? `missing column(s) ${missing.join(', ')} in the header` : null;
  }

  async *read(source: ImportSource, context: ReferenceContext): AsyncIterable<ReferenceImportRecord> {
    const year = /(?:^|[^0-9])((?:19|20)\d\d)\.csv$/.exec(source.name)?.[1] ?? null;
    const carbonSource = carbonSourceGcp(year);
    const seen = new SeenKeys();
    const googleCfe: Record<string, string> = {};
    yield* readCsvReference(source, FORMAT, [REGION, GRID], (r) => {
      const name = r.required(REGION);
      const code = context.regionCode('gcp', name);
      if (!code)
        throw new RowProblem(
          `unknown region: gcp ${name} is not in the catalog (carbon updates existing regions only)`,
        );
      const carbon = r.decimal(GRID);
      seen.check(code, r.row, 'region');
      if (r.get(CFE)) googleCfe[code] = r.decimal(CFE).toFixed();
      return [{ providerId: 'gcp', regionCode: code, carbonGco2ePerKwh: carbon.toFixed(), carbonSource }];
    });
    yield { kind: 'metadata', values: { carbonSource, googleCfe } };
  }
}
