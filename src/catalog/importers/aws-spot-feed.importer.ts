import type { OperatingSystem } from '../../domain/catalog/catalog-enums.js';
import { toNumericString } from '../../domain/money.js';
import {
  excerpt,
  type CatalogImporter,
  type ImportContext,
  type ImportRecord,
  type ImportSource,
  type JsonSelection,
  type ParsedOffer,
} from './catalog-importer.js';
import { ec2Variant } from './json/aws-ec2-vocabulary.js';
import { JsonEventStream } from './json/json-stream.js';
import {
  checkPrice,
  hasKey,
  isObject,
  notJsonObject,
  requireContainer,
  text,
  type JsonObject,
} from './json/json-values.js';

const FORMAT = 'aws-spot-feed';

/** Region names of the feed before 2014 (spot.js still used them for years). */
const LEGACY_REGIONS: Record<string, string> = {
  'us-east': 'us-east-1',
  'us-west': 'us-west-1',
  'us-west-2': 'us-west-2',
  'eu-ireland': 'eu-west-1',
  'eu-frankfurt': 'eu-central-1',
  'apac-sin': 'ap-southeast-1',
  'apac-syd': 'ap-southeast-2',
  'apac-tokyo': 'ap-northeast-1',
  'ap-northeast-1': 'ap-northeast-1',
  'sa-east-1': 'sa-east-1',
};

const OS_COLUMNS: Record<string, OperatingSystem> = { linux: 'LINUX', mswin: 'WINDOWS' };

/**
 * The EC2 spot price feed (website.spot.ec2.aws.a2z.com/spot.json, or spot.js as JSONP):
 * `config.regions[].instanceTypes[].sizes[].valueColumns[{name, prices}]`. One region/size/OS
 * cell is one record. Prices only: specs are joined by instance type name elsewhere.
 */
export class AwsSpotFeedImporter implements CatalogImporter {
  readonly format = FORMAT;
  readonly description = 'EC2 spot price feed (spot.json / spot.js JSONP): region × size × OS cells';
  readonly defaultProvider = 'aws';
  readonly jsonSelection: JsonSelection = {
    paths: ['$.vers', '$.config.rate', '$.config.regions.*'],
    allowJsonp: true,
  };

  detect(head: string): string | null {
    const notJson = notJsonObject(head, true);
    if (notJson) return notJson;
    if (hasKey(head, 'config') && hasKey(head, 'regions') && hasKey(head, 'valueColumns')) return null;
    return 'no "config" with "regions" and "valueColumns" in the first 64 KiB: not the EC2 spot price feed';
  }

  async *read(source: ImportSource, context: ImportContext): AsyncIterable<ImportRecord> {
    const providerId = context.providerId ?? this.defaultProvider;
    const json = new JsonEventStream(source.open(), {
      format: FORMAT,
      sourceName: source.name,
      ...this.jsonSelection,
    });
    const meta: Record<string, unknown> = {};
    let regions = 0;
    for await (const batch of json.batches()) {
      for (const { path, value } of batch) {
        if (path[0] === 'vers') meta.feedVersion = value;
        else if (path[1] === 'rate') meta.rate = value;
        else {
          regions++;
          yield* regionRecords(value, path[2] as number, providerId, text(meta.rate) ?? null, (d) =>
            json.formatError(d),
          );
        }
      }
    }
    requireContainer(json.topLevel, 'config', 'object', (d) => json.formatError(d), 'config.regions[]');
    if (regions === 0) throw json.formatError('no config.regions[] entries: not the EC2 spot price feed');
    yield { kind: 'metadata', values: { ...meta, regions } };
  }
}

function regionRecords(
  region: unknown,
  index: number,
  providerId: string,
  rate: string | null,
  formatError: (detail: string) => Error,
): ImportRecord[] {
  const name = isObject(region) ? text(region.region) : undefined;
  if (!isObject(region) || !name || !Array.isArray(region.instanceTypes)) {
    // No cell inside can be named: the file is not the shape this importer reads.
    throw formatError(`config.regions[${index}] has no region name or instanceTypes: ${excerpt(region)}`);
  }
  const regionCode = LEGACY_REGIONS[name] ?? name;
  const records: ImportRecord[] = [];
  const seen = new Map<string, number>();
  for (const group of region.instanceTypes) {
    if (!isObject(group) || !Array.isArray(group.sizes)) continue;
    for (const size of group.sizes) {
      const sizeName = isObject(size) ? text(size.size) : undefined;
      if (!isObject(size) || !sizeName || !Array.isArray(size.valueColumns)) continue;
      const occurrence = (seen.get(sizeName) ?? 0) + 1;
      seen.set(sizeName, occurrence);
      for (const column of size.valueColumns) {
        const columnName = isObject(column) ? (text(column.name) ?? '?') : '?';
        const position =
          `config.regions[${JSON.stringify(name)}].sizes[${JSON.stringify(sizeName)}].${columnName}` +
          (occurrence > 1 ? ` (occurrence ${occurrence})` : '');
        records.push(
          occurrence > 1
            ? {
                kind: 'rejected',
                position,
                reason: `duplicate: ${sizeName} is listed ${occurrence} times in ${name}`,
                excerpt: excerpt(column),
              }
            : cellRecord({
                providerId,
                regionCode,
                group: text(group.type) ?? null,
                sizeName,
                column,
                position,
                rate,
              }),
        );
      }
    }
  }
  return records;
}

interface CellInput {
  readonly providerId: string;
  readonly regionCode: string;
  readonly group: string | null;
  readonly sizeName: string;
  readonly column: unknown;
  readonly position: string;
  readonly rate: string | null;
}

function cellRecord(input: CellInput): ImportRecord {
  const { column, position } = input;
  const reject = (reason: string): ImportRecord => ({
    kind: 'rejected',
    position,
    reason,
    excerpt: excerpt(column),
  });
  if (!isObject(column)) return reject('value column is not an object');
  const os = OS_COLUMNS[text(column.name) ?? ''];
  if (!os) return reject(`unknown OS column ${JSON.stringify(column.name)} (expected linux or mswin)`);
  const prices: JsonObject = isObject(column.prices) ? column.prices : {};
  if (Object.keys(prices).length === 0) return reject('missing price');
  const variant = ec2Variant({ instanceType: input.sizeName });
  const offers: ParsedOffer[] = [];
  for (const [currency, raw] of Object.entries(prices)) {
    if (typeof raw === 'string' && /^n\/a/i.test(raw.trim()))
      return reject(`no spot price: ${JSON.stringify(raw)}`);
    const price = checkPrice(raw, `${currency} price`);
    if (!price.ok) return reject(price.reason);
    offers.push({
      providerId: input.providerId,
      regionCode: input.regionCode,
      service: 'AmazonEC2',
      serviceCategory: 'COMPUTE',
      resourceKind: 'INSTANCE',
      sku: `spot/${input.regionCode}/${input.sizeName}/${text(column.name)}`,
      instanceType: input.sizeName,
      os,
      purchaseOption: 'SPOT',
      unit: 'HOUR',
      unitRaw: input.rate,
      price: toNumericString(price.price),
      currency,
      effectiveDate: null,
      attributes: { instanceGroup: input.group, ...(variant ? { variant } : {}) },
    });
  }
  return { kind: 'accepted', position, offers };
}
