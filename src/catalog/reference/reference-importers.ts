import { AwsLocationsImporter } from './importers/aws-locations.importer.js';
import { AwsTransferCostsImporter } from './importers/aws-transfer-costs.importer.js';
import { AzureLocationsImporter } from './importers/azure-locations.importer.js';
import { AzureRttMatrixImporter } from './importers/azure-rtt-matrix.importer.js';
import { CcfCarbonImporter } from './importers/ccf-carbon.importer.js';
import { FxRatesCsvImporter } from './importers/fx-rates-csv.importer.js';
import { GcpCarbonImporter } from './importers/gcp-carbon.importer.js';
import { JurisdictionsCsvImporter } from './importers/jurisdictions-csv.importer.js';
import { ProvidersCsvImporter } from './importers/providers-csv.importer.js';
import { RegionsCsvImporter } from './importers/regions-csv.importer.js';
import { SkyplaneEgressImporter } from './importers/skyplane-egress.importer.js';
import { SkyplaneLatencyImporter } from './importers/skyplane-latency.importer.js';
import { SkyplaneThroughputImporter } from './importers/skyplane-throughput.importer.js';
import { SlaCsvImporter } from './importers/sla-csv.importer.js';
import type { ReferenceImporter } from './reference-importer.js';

/** Every reference format. A new format is a new importer file and one entry here. */
export function createReferenceImporters(): ReferenceImporter[] {
  return [
    new ProvidersCsvImporter(),
    new RegionsCsvImporter(),
    new AwsLocationsImporter(),
    new AzureLocationsImporter(),
    new JurisdictionsCsvImporter(),
    new SlaCsvImporter(),
    new AzureRttMatrixImporter(),
    new SkyplaneLatencyImporter(),
    new SkyplaneThroughputImporter(),
    new SkyplaneEgressImporter(),
    new AwsTransferCostsImporter(),
    new GcpCarbonImporter(),
    new CcfCarbonImporter(),
    new FxRatesCsvImporter(),
  ];
}
