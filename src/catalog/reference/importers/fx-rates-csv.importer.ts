import type { ImportSource } from '../../importers/catalog-importer.js';
import { isCurrencyCode, isIsoDate } from '../../importers/csv/csv-values.js';
import {
  REFERENCE_PROVIDER,
  type ReferenceContext,
  type ReferenceImporter,
  type ReferenceImportRecord,
} from '../reference-importer.js';
import { csvDetect, readCsvReference, RowProblem, SeenKeys } from './csv-reference.js';

const FORMAT = 'fx-rates-csv';
const REQUIRED = ['currency', 'effective_date', 'usd_per_unit', 'source'];

/**
 * FX rates the user supplies (`currency,effective_date,usd_per_unit,source`): how many USD one
 * unit was worth from that date. Rates are upserted by (currency, date) and kept as history;
 * Cumulus ships none.
 */
export class FxRatesCsvImporter implements ReferenceImporter {
  readonly format = FORMAT;
  readonly description = 'FX rates: currency, effective date, USD per unit, source (user-supplied)';
  readonly kind = 'fx-rates' as const;
  readonly providerId = REFERENCE_PROVIDER;

  detect(head: string): string | null {
    return csvDetect(head, REQUIRED);
  }

  read(source: ImportSource, _context: ReferenceContext): AsyncIterable<ReferenceImportRecord> {
    const seen = new SeenKeys();
    return readCsvReference(source, FORMAT, REQUIRED, (r) => {
      const currency = r.required('currency').toUpperCase();
      if (!isCurrencyCode(currency)) throw new RowProblem(`invalid currency: "${r.get('currency')}"`);
      if (currency === 'USD') throw new RowProblem('USD is the base currency: it needs no rate');
      const effectiveDate = r.required('effective_date');
      if (!isIsoDate(effectiveDate))
        throw new RowProblem(`invalid effective_date: "${effectiveDate}" (YYYY-MM-DD)`);
      const usdPerUnit = r.decimal('usd_per_unit', 'positive');
      seen.check(`${currency} ${effectiveDate}`, r.row, 'rate');
      return [{ currency, effectiveDate, usdPerUnit: usdPerUnit.toFixed(), source: r.required('source') }];
    });
  }
}
