import {
  ImportFormatError,
  type CatalogImporter,
  type ImportContext,
  type ImportRecord,
  type ImportSource,
} from './catalog-importer.js';
import {
  CsvHeader,
  rowShapeRejection,
  notCsvReason,
  parseHeaderLine,
  readCsvRows,
  rowExcerpt,
  rowPosition,
} from './csv/csv-rows.js';
import {
  CumulusRow,
  headerProblem,
  RECORD_TYPES,
  RowProblem,
  type RecordType,
} from './csv/cumulus-columns.js';
import { CumulusFileState, type RowResult } from './csv/cumulus-records.js';

const FORMAT = 'cumulus-csv';

/**
 * Cumulus's own CSV for on-premise sites and hosting providers (docs/cumulus-csv.md): one
 * file, one provider; a `record` column says what each row is (provider, region, instance,
 * vcpu_rate, memory_rate, accelerator_rate, storage, egress). Rows are read top to bottom:
 * a row may only use the provider and regions defined above it.
 */
export class CumulusCsvImporter implements CatalogImporter {
  readonly format = FORMAT;
  readonly description =
    'Cumulus CSV for on-prem sites and hosting providers: provider, sites, instance types with hourly prices or an on-prem cost model, rates, storage, egress';

  detect(head: string): string | null {
    const notCsv = notCsvReason(head);
    if (notCsv) return notCsv;
    const columns = parseHeaderLine(head);
    if (!columns) return 'no header row';
    return headerProblem(columns);
  }

  async *read(source: ImportSource, context: ImportContext): AsyncIterable<ImportRecord> {
    let header: CsvHeader | null = null;
    const state = new CumulusFileState(context.providerId);
    for await (const { row, values } of readCsvRows(source, FORMAT)) {
      if (!header) {
        const columns = values.map((v) => v.trim().toLowerCase());
        const problem = headerProblem(columns);
        if (problem) throw new ImportFormatError(FORMAT, source.name, problem);
        header = new CsvHeader(columns);
        continue;
      }
      const position = rowPosition(row);
      const misshapen = rowShapeRejection(row, values, header.columns.length);
      if (misshapen) {
        yield misshapen;
        continue;
      }
      try {
        const result = readRow(state, new CumulusRow(header, values), row);
        yield { kind: 'accepted', position, ...result };
      } catch (error) {
        if (!(error instanceof RowProblem)) throw error;
        yield { kind: 'rejected', position, reason: error.message, excerpt: rowExcerpt(values) };
      }
    }
    if (!header) throw new ImportFormatError(FORMAT, source.name, 'the file is empty: no header row');
  }
}

function readRow(state: CumulusFileState, row: CumulusRow, rowNumber: number): RowResult {
  const type = row.text('record').toLowerCase() as RecordType;
  switch (type) {
    case 'provider':
      return state.provider(row, rowNumber);
    case 'region':
      return state.region(row, rowNumber);
    case 'instance':
      return state.instance(row, rowNumber);
    case 'vcpu_rate':
    case 'memory_rate':
    case 'accelerator_rate':
      return state.rate(row, rowNumber, type);
    case 'storage':
      return state.storage(row, rowNumber);
    case 'egress':
      return state.egress(row, rowNumber);
    default:
      throw new RowProblem(
        row.text('record')
          ? `unknown record type: "${row.text('record')}" (one of ${RECORD_TYPES.join(', ')})`
          : 'missing record',
      );
  }
}
