import type { Readable } from 'node:stream';
import type {
  CatalogImporter,
  ImportContext,
  ImportRecord,
  ImportSource,
  JsonSelection,
} from './catalog-importer.js';
import { gcpSkuRecord } from './json/gcp-billing-sku.js';
import { JsonEventStream } from './json/json-stream.js';
import { hasKey, isObject, notJsonObject, requireContainer, text } from './json/json-values.js';

const FORMAT = 'gcp-billing-skus';

/** The next page of a `services/…/skus` listing: the first page's URL with pageToken set. */
export function nextPageUrl(sourceUrl: string, token: string): string {
  const url = new URL(sourceUrl);
  url.searchParams.set('pageToken', token);
  return url.toString();
}

/**
 * Cloud Billing Catalog `services/{id}/skus` responses (`{skus: […], nextPageToken}`), one
 * record per SKU and one offer per service region and price tier. From a URL the pages are
 * followed through `context.fetchPage`; from a file, reading stops and records the token.
 */
export class GcpBillingSkusImporter implements CatalogImporter {
  readonly format = FORMAT;
  readonly description = 'GCP Cloud Billing Catalog SKUs (skus[] + nextPageToken), per region and tier';
  readonly defaultProvider = 'gcp';
  readonly jsonSelection: JsonSelection = { paths: ['$.nextPageToken', '$.skus.*'] };

  detect(head: string): string | null {
    const notJson = notJsonObject(head);
    if (notJson) return notJson;
    if (
      hasKey(head, 'skus') &&
      (hasKey(head, 'skuId') || hasKey(head, 'pricingInfo') || hasKey(head, 'nextPageToken'))
    )
      return null;
    return 'no "skus" with "skuId"/"pricingInfo" in the first 64 KiB: not a Cloud Billing Catalog SKU listing';
  }

  async *read(source: ImportSource, context: ImportContext): AsyncIterable<ImportRecord> {
    const providerId = context.providerId ?? this.defaultProvider;
    const followable = context.fetchPage && /^https?:\/\//i.test(source.name);
    const seenTokens = new Set<string>();
    let pageName = source.name;
    let stream: Readable = source.open();
    let skus = 0;
    for (let page = 1; ; page++) {
      const json = new JsonEventStream(stream, {
        format: FORMAT,
        sourceName: pageName,
        ...this.jsonSelection,
      });
      let nextPageToken: string | undefined;
      for await (const batch of json.batches()) {
        const records: ImportRecord[] = [];
        for (const { path, value } of batch) {
          if (path[0] === 'nextPageToken') {
            nextPageToken = text(value);
            continue;
          }
          skus++;
          const skuId = (isObject(value) && text(value.skuId)) || '?';
          const position = `skus[${path[1]}] ${skuId}${page > 1 ? ` (page ${page})` : ''}`;
          records.push(gcpSkuRecord(value, position, providerId));
        }
        yield* records;
      }
      requireContainer(json.topLevel, 'skus', 'array', (d) => json.formatError(d), 'the SKUs');
      if (!nextPageToken || !followable || !context.fetchPage) {
        yield {
          kind: 'metadata',
          values: { pages: page, skus, ...(nextPageToken ? { nextPageToken } : {}) },
        };
        return;
      }
      if (seenTokens.has(nextPageToken))
        throw json.formatError(`nextPageToken of page ${page} repeats an earlier token`);
      seenTokens.add(nextPageToken);
      pageName = nextPageUrl(source.name, nextPageToken);
      stream = await context.fetchPage(pageName);
    }
  }
}
