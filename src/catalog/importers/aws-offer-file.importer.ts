import type {
  CatalogImporter,
  ImportContext,
  ImportRecord,
  ImportSource,
  JsonSelection,
} from './catalog-importer.js';
import { ProductIndex } from './aws-offer-file/product-index.js';
import { isTerm, readTerm } from './aws-offer-file/term-reader.js';
import { JsonEventStream, type JsonEvent } from './json/json-stream.js';
import {
  formatJsonPath,
  hasKey,
  isObject,
  notJsonObject,
  requireContainer,
  text,
} from './json/json-values.js';

const FORMAT = 'aws-offer-file';
const METADATA_KEYS = new Set(['formatVersion', 'offerCode', 'version', 'publicationDate', 'serviceCode']);
const MAX_IGNORED_LISTED = 20;

/**
 * AWS Price List bulk offer file (`products`, then `terms.OnDemand` / `terms.Reserved`), one
 * record per price dimension. Also reads one Pricing API GetProducts element
 * (`{product, serviceCode, terms}`) and a GetProducts response (`PriceList` of JSON strings).
 * Products come before terms in AWS's files: a compact record per SKU is kept
 * (see ProductIndex) and terms are streamed SKU by SKU, so memory does not grow with terms.
 */
export class AwsOfferFileImporter implements CatalogImporter {
  readonly format = FORMAT;
  readonly description = 'AWS Price List bulk offer file (products + terms.OnDemand/Reserved), streamed';
  readonly defaultProvider = 'aws';
  readonly jsonSelection: JsonSelection = {
    paths: [
      ...[...METADATA_KEYS].map((key) => `$.${key}`),
      '$.products.*',
      '$.product',
      '$.terms.*.*',
      '$.PriceList.*',
    ],
  };

  detect(head: string): string | null {
    const notJson = notJsonObject(head);
    if (notJson) return notJson;
    if (hasKey(head, 'offers') && hasKey(head, 'currentVersionUrl') && !hasKey(head, 'products')) {
      return 'this is the AWS offer index (offers → currentVersionUrl), not an offer file: import the file it points to';
    }
    if (hasKey(head, 'offerCode') && (hasKey(head, 'products') || hasKey(head, 'terms'))) return null;
    if (hasKey(head, 'product') && hasKey(head, 'productFamily')) return null;
    if (/"PriceList"\s*:\s*\[/.test(head)) return null;
    return 'no "offerCode" with "products" in the first 64 KiB: not an AWS Price List offer file';
  }

  async *read(source: ImportSource, context: ImportContext): AsyncIterable<ImportRecord> {
    const providerId = context.providerId ?? this.defaultProvider;
    const run = new OfferFileRun(new ProductIndex(providerId, context), providerId);
    const json = new JsonEventStream(source.open(), {
      format: FORMAT,
      sourceName: source.name,
      ...this.jsonSelection,
    });
    for await (const batch of json.batches()) {
      for (const event of batch) yield* run.handle(event, (detail) => json.formatError(detail));
    }
    if (!run.sawPriceListElement) {
      requireContainer(
        json.topLevel,
        'products',
        'object',
        (d) => json.formatError(d),
        'products keyed by SKU',
      );
      requireContainer(
        json.topLevel,
        'terms',
        'object',
        (d) => json.formatError(d),
        'terms.OnDemand / terms.Reserved',
      );
    }
    yield { kind: 'metadata', values: run.metadata() };
  }
}

/** The state of reading one file: the product index, file metadata, keys that were not terms. */
class OfferFileRun {
  sawPriceListElement = false;
  private readonly meta: Record<string, unknown> = {};
  private readonly ignored: string[] = [];
  private ignoredCount = 0;

  constructor(
    private readonly index: ProductIndex,
    private readonly providerId: string,
  ) {}

  handle(event: JsonEvent, formatError: (detail: string) => Error): ImportRecord[] {
    const [first, second, third] = event.path;
    if (event.path.length === 1 && typeof first === 'string' && METADATA_KEYS.has(first)) {
      this.meta[first] = event.value;
      return [];
    }
    if (first === 'products' && typeof second === 'string') {
      if (!this.index.add(second, event.value)) this.ignore(formatJsonPath(event.path));
      return [];
    }
    if (first === 'product' && event.path.length === 1) {
      this.sawPriceListElement = true;
      if (!this.index.add(isObject(event.value) ? (text(event.value.sku) ?? '') : '', event.value))
        this.ignore('product');
      return [];
    }
    if (first === 'terms' && typeof second === 'string' && typeof third === 'string') {
      return this.terms(second, third, event.value, '');
    }
    if (first === 'PriceList' && typeof second === 'number') {
      this.sawPriceListElement = true;
      return this.priceListElement(second, event.value, formatError);
    }
    return [];
  }

  /** `terms.<type>.<key>`: in an offer file the key is a SKU holding its terms; in GetProducts it is the term itself. */
  private terms(termType: string, key: string, value: unknown, prefix: string): ImportRecord[] {
    const base = `${prefix}${formatJsonPath(['terms', termType])}[${JSON.stringify(key)}]`;
    if (isTerm(value)) {
      const sku = text(value.sku) ?? key.split('.')[0];
      return readTerm(
        { termType, position: base, termKey: key, skuKey: null },
        value,
        this.index.get(sku),
        this.providerId,
      );
    }
    if (!isObject(value)) {
      this.ignore(base);
      return [];
    }
    const records: ImportRecord[] = [];
    for (const [termKey, term] of Object.entries(value)) {
      if (!isTerm(term)) {
        this.ignore(`${base}[${JSON.stringify(termKey)}]`);
        continue;
      }
      const site = { termType, position: `${base}[${JSON.stringify(termKey)}]`, termKey, skuKey: key };
      records.push(...readTerm(site, term, this.index.get(text(term.sku) ?? key), this.providerId));
    }
    return records;
  }

  /** One GetProducts PriceList entry: a JSON string (or object) holding one product and its terms. */
  private priceListElement(
    i: number,
    value: unknown,
    formatError: (detail: string) => Error,
  ): ImportRecord[] {
    let element: unknown = value;
    if (typeof value === 'string') {
      try {
        element = JSON.parse(value);
      } catch (error) {
        throw formatError(`PriceList[${i}] is not a JSON document: ${(error as Error).message}`);
      }
    }
    if (!isObject(element) || !isObject(element.product) || !isObject(element.terms)) {
      throw formatError(`PriceList[${i}] has no product and terms`);
    }
    this.index.add(text(element.product.sku) ?? '', element.product);
    const records: ImportRecord[] = [];
    for (const [termType, terms] of Object.entries(element.terms)) {
      if (!isObject(terms)) continue;
      for (const [key, term] of Object.entries(terms))
        records.push(...this.terms(termType, key, term, `PriceList[${i}].`));
    }
    return records;
  }

  private ignore(position: string): void {
    this.ignoredCount++;
    if (this.ignored.length < MAX_IGNORED_LISTED) this.ignored.push(position);
  }

  metadata(): Record<string, unknown> {
    return {
      ...this.meta,
      products: this.index.size,
      ...(this.ignoredCount > 0 ? { ignoredKeys: this.ignored, ignoredKeyCount: this.ignoredCount } : {}),
    };
  }
}
