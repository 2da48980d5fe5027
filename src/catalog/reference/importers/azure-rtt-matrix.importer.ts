import { ImportFormatError, type ImportSource } from '../../importers/catalog-importer.js';
import {
  CsvHeader,
  rowShapeRejection,
  notCsvReason,
  parseHeaderLine,
  readCsvRows,
  rowExcerpt,
  rowPosition,
} from '../../importers/csv/csv-rows.js';
import { decimalCell } from '../../importers/csv/csv-values.js';
import type {
  LatencyRow,
  ReferenceContext,
  ReferenceImporter,
  ReferenceImportRecord,
} from '../reference-importer.js';

const FORMAT = 'azure-rtt-matrix';
const AZURE = 'azure';

/**
 * Microsoft's "Azure network round-trip latency statistics" table: a row per source region, a
 * column per destination, P95 RTT in ms over 30 days (diagonal empty). Display names become
 * region codes through the catalog's Azure aliases and names, or by their normal form
 * ("East US 2" → eastus2) when that is a known Azure region; a row whose source is unknown is
 * rejected with the name, a column whose destination is unknown is left out and listed in the
 * version's metadata.
 */
export class AzureRttMatrixImporter implements ReferenceImporter {
  readonly format = FORMAT;
  readonly description = 'Azure inter-region round-trip latency matrix (P95 ms, Microsoft docs)';
  readonly kind = 'latency' as const;
  readonly providerId = AZURE;

  detect(head: string): string | null {
    const notCsv = notCsvReason(head);
    if (notCsv) return notCsv;
    const columns = parseHeaderLine(head);
    if (!columns || columns[0] !== 'Source' || columns.length < 3)
      return 'expected a header "Source,<region>,<region>,…" (a latency matrix)';
    return null;
  }

  async *read(source: ImportSource, context: ReferenceContext): AsyncIterable<ReferenceImportRecord> {
    let header: CsvHeader | null = null;
    let destinations: (string | undefined)[] = [];
    for await (const { row, values } of readCsvRows(source, FORMAT)) {
      if (!header) {
        header = new CsvHeader(values.map((v) => v.trim()));
        if (header.columns[0] !== 'Source')
          throw new ImportFormatError(FORMAT, source.name, 'missing column Source (the first column)');
        destinations = header.columns.map((name, i) =>
          i === 0 ? undefined : context.regionCode(AZURE, name),
        );
        const unknown = header.columns.filter((_, i) => i > 0 && !destinations[i]);
        yield { kind: 'metadata', values: { unknownDestinations: unknown } };
        continue;
      }
      const position = rowPosition(row);
      const misshapen = rowShapeRejection(row, values, header.columns.length);
      if (misshapen) {
        yield misshapen;
        continue;
      }
      const name = values[0].trim();
      const srcRegion = context.regionCode(AZURE, name);
      if (!srcRegion) {
        yield {
          kind: 'rejected',
          position,
          reason: `unknown region: "${name}" is not a known Azure region name or alias`,
        };
        continue;
      }
      const measured = measurements(srcRegion, values, destinations, header.columns);
      if ('problem' in measured)
        yield { kind: 'rejected', position, reason: measured.problem, excerpt: rowExcerpt(values) };
      else yield { kind: 'accepted', position, rows: measured.rows };
    }
    if (!header) throw new ImportFormatError(FORMAT, source.name, 'the file is empty: no header row');
  }
}

function measurements(
  srcRegion: string,
  values: readonly string[],
  destinations: readonly (string | undefined)[],
  names: readonly string[],
): { rows: LatencyRow[] } | { problem: string } {
  const rows: LatencyRow[] = [];
  for (let i = 1; i < values.length; i++) {
    const dstRegion = destinations[i];
    const text = values[i].trim();
    if (!dstRegion || text === '' || dstRegion === srcRegion) continue;
    const cell = decimalCell(text, `RTT to ${names[i]}`, { min: 'zero' });
    if (!cell.ok) return { problem: cell.reason };
    rows.push({
      srcProvider: AZURE,
      srcRegion,
      dstProvider: AZURE,
      dstRegion,
      rttMs: cell.value.toFixed(),
      statistic: 'p95',
    });
  }
  return { rows };
}
