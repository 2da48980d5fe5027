import { PROVIDER_KINDS, isOneOf } from '../../../domain/catalog/catalog-enums.js';
import type { ImportSource } from '../../importers/catalog-importer.js';
import { isCountryCode } from '../../importers/csv/csv-values.js';
import {
  REFERENCE_PROVIDER,
  type ReferenceContext,
  type ReferenceImporter,
  type ReferenceImportRecord,
} from '../reference-importer.js';
import { csvDetect, readCsvReference, RowProblem, SeenKeys } from './csv-reference.js';

const FORMAT = 'providers-csv';
const REQUIRED = ['id', 'name', 'kind', 'headquarters_country'];

/**
 * Cumulus's list of providers: `id,name,kind,headquarters_country,adapter_id` (adapter_id
 * optional, default `simulated`). Providers are upserted, never deleted by a re-import:
 * deleting one would cascade to its regions and instance types.
 */
export class ProvidersCsvImporter implements ReferenceImporter {
  readonly format = FORMAT;
  readonly description =
    'Providers: id, name, kind (PUBLIC_CLOUD | PRIVATE_CLOUD | HOSTING), headquarters country, adapter id';
  readonly kind = 'providers' as const;
  readonly providerId = REFERENCE_PROVIDER;

  detect(head: string): string | null {
    return csvDetect(head, REQUIRED);
  }

  read(source: ImportSource, _context: ReferenceContext): AsyncIterable<ReferenceImportRecord> {
    const seen = new SeenKeys();
    return readCsvReference(source, FORMAT, REQUIRED, (r) => {
      const id = r.required('id');
      if (!/^[a-z0-9][a-z0-9-]*$/.test(id))
        throw new RowProblem(`invalid id: "${id}" (lower-case letters, digits and '-')`);
      const kind = r.required('kind').toUpperCase();
      if (!isOneOf(PROVIDER_KINDS, kind))
        throw new RowProblem(`invalid kind: "${r.get('kind')}" (one of ${PROVIDER_KINDS.join(', ')})`);
      const country = r.required('headquarters_country').toUpperCase();
      if (!isCountryCode(country)) throw new RowProblem(`invalid headquarters_country: "${country}"`);
      seen.check(id, r.row, 'provider');
      return [
        {
          id,
          name: r.required('name'),
          kind,
          headquartersCountry: country,
          adapterId: r.get('adapter_id') || 'simulated',
        },
      ];
    });
  }
}
