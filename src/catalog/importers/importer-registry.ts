import { AwsOfferFileImporter } from './aws-offer-file.importer.js';
import { AwsPricingPageImporter } from './aws-pricing-page.importer.js';
import { AwsSpotFeedImporter } from './aws-spot-feed.importer.js';
import { AzureRetailImporter } from './azure-retail.importer.js';
import type { CatalogImporter } from './catalog-importer.js';
import { GcpBillingSkusImporter } from './gcp-billing-skus.importer.js';

/** The JSON price formats (streamed by JsonEventStream). The CSV formats have their own list. */
export function createJsonImporters(): CatalogImporter[] {
  return [
    new AwsOfferFileImporter(),
    new AwsPricingPageImporter(),
    new AwsSpotFeedImporter(),
    new AzureRetailImporter(),
    new GcpBillingSkusImporter(),
  ];
}
