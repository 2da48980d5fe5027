import { euAdequacy, regimeCode } from '../../../domain/jurisdiction/regimes.js';
import type { ImportSource } from '../../importers/catalog-importer.js';
import { isCountryCode } from '../../importers/csv/csv-values.js';
import {
  REFERENCE_PROVIDER,
  type ReferenceContext,
  type ReferenceImporter,
  type ReferenceImportRecord,
} from '../reference-importer.js';
import { csvDetect, readCsvReference, RowProblem, SeenKeys, type TableRow } from './csv-reference.js';

const FORMAT = 'jurisdictions-csv';
const REQUIRED = ['country_iso2', 'country', 'eu_member', 'eea_member', 'eu_gdpr_adequacy', 'primary_regime'];

/**
 * Country → data-protection regime (../shared/data/jurisdiction/jurisdiction_seed.csv): EU and
 * EEA membership, EU adequacy (EEA / FULL / PARTIAL / NONE with its note), the regime's code
 * (src/domain/jurisdiction/regimes.ts) and its name as written.
 */
export class JurisdictionsCsvImporter implements ReferenceImporter {
  readonly format = FORMAT;
  readonly description =
    'Jurisdictions: country, EU/EEA membership, EU adequacy, primary data-protection regime';
  readonly kind = 'jurisdictions' as const;
  readonly providerId = REFERENCE_PROVIDER;

  detect(head: string): string | null {
    return csvDetect(head, REQUIRED);
  }

  read(source: ImportSource, _context: ReferenceContext): AsyncIterable<ReferenceImportRecord> {
    const seen = new SeenKeys();
    return readCsvReference(source, FORMAT, REQUIRED, (r) => {
      const countryCode = r.required('country_iso2').toUpperCase();
      if (!isCountryCode(countryCode)) throw new RowProblem(`invalid country_iso2: "${countryCode}"`);
      const euMember = bool(r, 'eu_member');
      const eeaMember = bool(r, 'eea_member');
      const adequacy = euAdequacy(r.required('eu_gdpr_adequacy'));
      if (!adequacy)
        throw new RowProblem(
          `invalid eu_gdpr_adequacy: "${r.get('eu_gdpr_adequacy')}" (n/a (EEA), full, partial or none)`,
        );
      if (eeaMember !== (adequacy.status === 'EEA'))
        throw new RowProblem(
          `eu_gdpr_adequacy "${r.get('eu_gdpr_adequacy')}" contradicts eea_member ${eeaMember}`,
        );
      if (euMember && !eeaMember) throw new RowProblem('an EU member is an EEA member');
      const regimeName = r.required('primary_regime');
      seen.check(countryCode, r.row, 'country');
      return [
        {
          countryCode,
          countryName: r.required('country'),
          euMember,
          eeaMember,
          euAdequacy: adequacy.status,
          euAdequacyNote: adequacy.note,
          regime: regimeCode(countryCode, regimeName),
          regimeName,
          note: r.get('localization_or_transfer_note') || null,
        },
      ];
    });
  }
}

function bool(r: TableRow, column: string): boolean {
  const value = r.required(column).toLowerCase();
  if (value !== 'true' && value !== 'false')
    throw new RowProblem(`invalid ${column}: "${r.get(column)}" (true or false)`);
  return value === 'true';
}
