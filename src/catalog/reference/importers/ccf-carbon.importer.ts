import type { ImportSource } from '../../importers/catalog-importer.js';
import { CARBON_SOURCE_CCF } from '../carbon-precedence.js';
import {
  REFERENCE_PROVIDER,
  type ReferenceContext,
  type ReferenceImporter,
  type ReferenceImportRecord,
} from '../reference-importer.js';
import { csvDetect, readCsvReference, RowProblem, SeenKeys } from './csv-reference.js';

const FORMAT = 'ccf-carbon';
const REQUIRED = ['provider', 'basis', 'region', 'gCO2e_per_kWh'];
const PROVIDERS: Record<string, string> = { AWS: 'aws', Azure: 'azure', GCP: 'gcp', Alibaba: 'alibaba' };

/**
 * Cloud Carbon Footprint's emission factors per region (basis `grid` only; GCP's CFE-adjusted
 * factors and the "Unknown" averages are rejected). Sets the grid carbon of existing regions
 * where no stronger source (the provider's own figure) has set it; never creates regions.
 */
export class CcfCarbonImporter implements ReferenceImporter {
  readonly format = FORMAT;
  readonly description =
    'Cloud Carbon Footprint grid emission factors by region (gCO2e/kWh) for existing regions';
  readonly kind = 'carbon' as const;
  readonly providerId = REFERENCE_PROVIDER;

  detect(head: string): string | null {
    return csvDetect(head, REQUIRED);
  }

  read(source: ImportSource, context: ReferenceContext): AsyncIterable<ReferenceImportRecord> {
    const seen = new SeenKeys();
    return readCsvReference(source, FORMAT, REQUIRED, (r) => {
      const basis = r.required('basis');
      if (basis !== 'grid') throw new RowProblem(`not grid basis: ${basis}`);
      const providerId = PROVIDERS[r.required('provider')];
      if (!providerId || !context.knownProviders.has(providerId))
        throw new RowProblem(`unknown provider: ${r.get('provider')}`);
      const name = r.required('region');
      if (name === 'Unknown')
        throw new RowProblem(`not a region: "Unknown" is CCF's average over ${r.get('provider')} regions`);
      const code = context.regionCode(providerId, name);
      if (!code)
        throw new RowProblem(
          `unknown region: ${providerId} ${name} is not in the catalog (carbon updates existing regions only)`,
        );
      const carbon = r.decimal('gCO2e_per_kWh');
      seen.check(`${providerId}/${code}`, r.row, 'region');
      return [
        {
          providerId,
          regionCode: code,
          carbonGco2ePerKwh: carbon.toFixed(),
          carbonSource: CARBON_SOURCE_CCF,
        },
      ];
    });
  }
}
