import type { ImportSource } from '../../importers/catalog-importer.js';
import {
  REFERENCE_PROVIDER,
  type ReferenceContext,
  type ReferenceImporter,
  type ReferenceImportRecord,
} from '../reference-importer.js';
import { csvDetect, readCsvReference, RowProblem, SeenKeys } from './csv-reference.js';
import { requirePremiumTier, skyplaneRegion } from './skyplane-ids.js';

const FORMAT = 'skyplane-throughput';
const REQUIRED = ['src_region', 'src_tier', 'dst_region', 'dst_tier', 'throughput_received', 'success'];
const BITS_PER_GBIT = 1_000_000_000;

/**
 * Skyplane's iperf3 grid (profiles/throughput.csv, 2022, 64 connections between large VMs):
 * the throughput received, in bits/s, stored as Gbit/s. Failed runs are rejected; a pair
 * measured twice keeps its first measurement.
 */
export class SkyplaneThroughputImporter implements ReferenceImporter {
  readonly format = FORMAT;
  readonly description = 'Skyplane throughput.csv: measured throughput (Gbit/s) between cloud regions';
  readonly kind = 'throughput' as const;
  readonly providerId = REFERENCE_PROVIDER;

  detect(head: string): string | null {
    return csvDetect(head, REQUIRED);
  }

  read(source: ImportSource, _context: ReferenceContext): AsyncIterable<ReferenceImportRecord> {
    const seen = new SeenKeys();
    return readCsvReference(source, FORMAT, REQUIRED, (r) => {
      if (r.get('success') !== 'True')
        throw new RowProblem(`failed measurement: success=${r.get('success') || '(empty)'}`);
      requirePremiumTier(r.required('src_tier'), r.required('dst_tier'));
      const src = skyplaneRegion(r.required('src_region'), 'src_region');
      const dst = skyplaneRegion(r.required('dst_region'), 'dst_region');
      const gbit = r.decimal('throughput_received', 'positive').div(BITS_PER_GBIT);
      seen.check(`${src.provider}:${src.region} → ${dst.provider}:${dst.region}`, r.row, 'pair');
      return [
        {
          srcProvider: src.provider,
          srcRegion: src.region,
          dstProvider: dst.provider,
          dstRegion: dst.region,
          gbitPerS: gbit.toFixed(),
        },
      ];
    });
  }
}
