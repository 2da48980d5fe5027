import type { ImportSource } from '../../importers/catalog-importer.js';
import {
  REFERENCE_PROVIDER,
  type ReferenceContext,
  type ReferenceImporter,
  type ReferenceImportRecord,
} from '../reference-importer.js';
import { csvDetect, readCsvReference, SeenKeys } from './csv-reference.js';
import { requirePremiumTier, skyplaneRegion } from './skyplane-ids.js';

const FORMAT = 'skyplane-latency';
const REQUIRED = ['src_region', 'src_tier', 'dst_region', 'dst_tier', 'avg_rtt'];

/** Skyplane's ping profile (profiles/latency.csv, 2022): average RTT in ms between VMs, intra- and cross-cloud. */
export class SkyplaneLatencyImporter implements ReferenceImporter {
  readonly format = FORMAT;
  readonly description =
    'Skyplane latency.csv: measured average RTT (ms) between cloud regions, across clouds';
  readonly kind = 'latency' as const;
  readonly providerId = REFERENCE_PROVIDER;

  detect(head: string): string | null {
    return csvDetect(head, REQUIRED);
  }

  read(source: ImportSource, _context: ReferenceContext): AsyncIterable<ReferenceImportRecord> {
    const seen = new SeenKeys();
    return readCsvReference(source, FORMAT, REQUIRED, (r) => {
      requirePremiumTier(r.required('src_tier'), r.required('dst_tier'));
      const src = skyplaneRegion(r.required('src_region'), 'src_region');
      const dst = skyplaneRegion(r.required('dst_region'), 'dst_region');
      const rtt = r.decimal('avg_rtt');
      seen.check(`${src.provider}:${src.region} → ${dst.provider}:${dst.region}`, r.row, 'pair');
      return [
        {
          srcProvider: src.provider,
          srcRegion: src.region,
          dstProvider: dst.provider,
          dstRegion: dst.region,
          rttMs: rtt.toFixed(),
          statistic: 'avg',
        },
      ];
    });
  }
}
