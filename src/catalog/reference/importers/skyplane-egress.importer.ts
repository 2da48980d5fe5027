import type { ImportSource } from '../../importers/catalog-importer.js';
import {
  REFERENCE_PROVIDER,
  type ReferenceContext,
  type ReferenceImporter,
  type ReferenceImportRecord,
} from '../reference-importer.js';
import { csvDetect, readCsvReference, SeenKeys } from './csv-reference.js';
import { requirePremiumTier, skyplaneRegion } from './skyplane-ids.js';

const FORMAT = 'skyplane-egress';
const REQUIRED = ['src', 'dest', 'src_tier', 'dest_tier', 'cost'];

/**
 * Skyplane's egress price table (profiles/cost.csv): USD per GB from a region to a region of the
 * same cloud (SAME_PROVIDER) or of another cloud (OTHER_PROVIDER), first tier, 2022 list prices.
 */
export class SkyplaneEgressImporter implements ReferenceImporter {
  readonly format = FORMAT;
  readonly description = 'Skyplane egress_cost_per_gb.csv: USD per GB between regions, same and other cloud';
  readonly kind = 'egress' as const;
  readonly providerId = REFERENCE_PROVIDER;

  detect(head: string): string | null {
    return csvDetect(head, REQUIRED);
  }

  read(source: ImportSource, _context: ReferenceContext): AsyncIterable<ReferenceImportRecord> {
    const seen = new SeenKeys();
    return readCsvReference(source, FORMAT, REQUIRED, (r) => {
      requirePremiumTier(r.required('src_tier'), r.required('dest_tier'));
      const src = skyplaneRegion(r.required('src'), 'src');
      const dst = skyplaneRegion(r.required('dest'), 'dest');
      const price = r.decimal('cost');
      seen.check(`${src.provider}:${src.region} → ${dst.provider}:${dst.region}`, r.row, 'pair');
      const sameProvider = src.provider === dst.provider;
      return [
        {
          providerId: src.provider,
          srcRegion: src.region,
          destination: sameProvider ? 'SAME_PROVIDER' : 'OTHER_PROVIDER',
          dstProvider: dst.provider,
          dstRegion: dst.region,
          tierStartGb: '0',
          tierEndGb: null,
          pricePerGb: price.toFixed(),
          currency: 'USD',
        },
      ];
    });
  }
}
