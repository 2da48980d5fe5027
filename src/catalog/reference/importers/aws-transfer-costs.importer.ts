import type { ImportSource } from '../../importers/catalog-importer.js';
import type { ReferenceContext, ReferenceImporter, ReferenceImportRecord } from '../reference-importer.js';
import { csvDetect, readCsvReference, RowProblem, SeenKeys } from './csv-reference.js';

const FORMAT = 'aws-transfer-costs';
const REQUIRED = ['src', 'dst', 'cost'];
const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;

/**
 * Skyplane's AWS data-transfer table (skyplane/data/aws_transfer_costs.csv): USD per GB from an
 * AWS region to the internet (`internet` → INTERNET, first tier) or to another AWS region
 * (SAME_PROVIDER).
 */
export class AwsTransferCostsImporter implements ReferenceImporter {
  readonly format = FORMAT;
  readonly description = 'AWS transfer costs (Skyplane): USD per GB to the internet and to other AWS regions';
  readonly kind = 'egress' as const;
  readonly providerId = 'aws';

  detect(head: string): string | null {
    return csvDetect(head, REQUIRED);
  }

  read(source: ImportSource, _context: ReferenceContext): AsyncIterable<ReferenceImportRecord> {
    const seen = new SeenKeys();
    return readCsvReference(source, FORMAT, REQUIRED, (r) => {
      const src = r.required('src');
      const dst = r.required('dst');
      if (!REGION.test(src)) throw new RowProblem(`invalid src: "${src}" is not an AWS region code`);
      const internet = dst === 'internet';
      if (!internet && !REGION.test(dst))
        throw new RowProblem(`invalid dst: "${dst}" (an AWS region code or internet)`);
      const price = r.decimal('cost');
      seen.check(`${src} → ${dst}`, r.row, 'pair');
      return [
        {
          providerId: 'aws',
          srcRegion: src,
          destination: internet ? 'INTERNET' : 'SAME_PROVIDER',
          dstProvider: internet ? null : 'aws',
          dstRegion: internet ? null : dst,
          tierStartGb: '0',
          tierEndGb: null,
          pricePerGb: price.toFixed(),
          currency: 'USD',
        },
      ];
    });
  }
}
