import type { Readable } from 'node:stream';
import type {
  CatalogImporter,
  ImportContext,
  ImportRecord,
  ImportSource,
  JsonSelection,
} from './catalog-importer.js';
import { azureItemRecord } from './json/azure-retail-item.js';
import { JsonEventStream } from './json/json-stream.js';
import { hasKey, notJsonObject, requireContainer, text } from './json/json-values.js';

const FORMAT = 'azure-retail';

/**
 * Azure Retail Prices API pages (`{BillingCurrency, Items: […], NextPageLink, Count}`), one
 * record per item. From a URL, NextPageLink is followed page after page through
 * `context.fetchPage`; from a file, reading stops after the page and says where.
 */
export class AzureRetailImporter implements CatalogImporter {
  readonly format = FORMAT;
  readonly description = 'Azure Retail Prices API pages (Items + NextPageLink), following pages when fetched';
  readonly defaultProvider = 'azure';
  readonly jsonSelection: JsonSelection = { paths: ['$.BillingCurrency', '$.NextPageLink', '$.Items.*'] };

  detect(head: string): string | null {
    const notJson = notJsonObject(head);
    if (notJson) return notJson;
    if (
      hasKey(head, 'Items') &&
      (hasKey(head, 'retailPrice') || hasKey(head, 'NextPageLink') || hasKey(head, 'BillingCurrency'))
    )
      return null;
    return 'no "Items" with "retailPrice" in the first 64 KiB: not an Azure Retail Prices API page';
  }

  async *read(source: ImportSource, context: ImportContext): AsyncIterable<ImportRecord> {
    const providerId = context.providerId ?? this.defaultProvider;
    const visited = new Set<string>([source.name]);
    let pageName = source.name;
    let stream: Readable = source.open();
    let items = 0;
    let billingCurrency: string | undefined;
    for (let page = 1; ; page++) {
      const json = new JsonEventStream(stream, {
        format: FORMAT,
        sourceName: pageName,
        ...this.jsonSelection,
      });
      let nextPageLink: string | undefined;
      for await (const batch of json.batches()) {
        const records: ImportRecord[] = [];
        for (const { path, value } of batch) {
          if (path[0] === 'BillingCurrency') billingCurrency = text(value);
          else if (path[0] === 'NextPageLink') nextPageLink = text(value);
          else {
            items++;
            records.push(
              azureItemRecord(value, `Items[${path[1]}] (page ${page})`, providerId, billingCurrency),
            );
          }
        }
        yield* records;
      }
      requireContainer(json.topLevel, 'Items', 'array', (d) => json.formatError(d), 'the price items');
      if (!nextPageLink) {
        yield { kind: 'metadata', values: { pages: page, items, billingCurrency: billingCurrency ?? null } };
        return;
      }
      if (!context.fetchPage) {
        yield {
          kind: 'metadata',
          values: { pages: page, items, billingCurrency: billingCurrency ?? null, nextPageLink },
        };
        return;
      }
      if (visited.has(nextPageLink))
        throw json.formatError(
          `NextPageLink of page ${page} points back to an earlier page: ${nextPageLink}`,
        );
      visited.add(nextPageLink);
      pageName = nextPageLink;
      stream = await context.fetchPage(nextPageLink);
    }
  }
}
