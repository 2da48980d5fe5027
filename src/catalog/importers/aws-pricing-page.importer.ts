import { toNumericString } from '../../domain/money.js';
import {
  excerpt,
  type CatalogImporter,
  type ImportContext,
  type ImportRecord,
  type ImportSource,
  type JsonSelection,
  type ParsedInstanceType,
} from './catalog-importer.js';
import {
  archFromInstanceName,
  ec2InstanceSpec,
  ec2Variant,
  osFromAwsName,
} from './json/aws-ec2-vocabulary.js';
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

const FORMAT = 'aws-pricing-page';

/** The page gives no GPU count: a spec for these families would claim "0 GPUs", so none is emitted. */
const ACCELERATED_FAMILIES = /gpu|accelerat|asic|fpga|machine learning|media accelerator/i;

/** Source fields kept in attributes; the rest are in typed columns or the instance spec. */
const KEPT_FIELDS = [
  'Instance Family',
  'plc:InstanceFamily',
  'Storage',
  'Network Performance',
  'License Model',
  'Pre Installed S/W',
];

/**
 * The feed behind aws.amazon.com's EC2 pricing page:
 * `{manifest, regions: {"<region name>": {"<entry key>": {rateCode, price, "Instance Type", vCPU, Memory, …}}}}`.
 * One entry is one record: an on-demand hourly price with its instance spec.
 */
export class AwsPricingPageImporter implements CatalogImporter {
  readonly format = FORMAT;
  readonly description = 'aws.amazon.com EC2 pricing-page feed (regions → entries with price, vCPU, Memory)';
  readonly defaultProvider = 'aws';
  readonly jsonSelection: JsonSelection = { paths: ['$.manifest', '$.regions.*.*'] };

  detect(head: string): string | null {
    const notJson = notJsonObject(head);
    if (notJson) return notJson;
    if (
      hasKey(head, 'regions') &&
      (hasKey(head, 'manifest') || hasKey(head, 'rateCode')) &&
      hasKey(head, 'price')
    )
      return null;
    return 'no "manifest"/"regions" with "rateCode" and "price" in the first 64 KiB: not the AWS pricing-page feed';
  }

  async *read(source: ImportSource, context: ImportContext): AsyncIterable<ImportRecord> {
    const providerId = context.providerId ?? this.defaultProvider;
    const json = new JsonEventStream(source.open(), {
      format: FORMAT,
      sourceName: source.name,
      ...this.jsonSelection,
    });
    const regionCodes = new Map<string, string | undefined>();
    const specs = new Map<string, ParsedInstanceType | null>();
    let manifest: JsonObject = {};
    let entries = 0;
    for await (const batch of json.batches()) {
      for (const { path, value } of batch) {
        if (path[0] === 'manifest') {
          if (isObject(value)) manifest = value;
          continue;
        }
        const [, regionName, key] = path as [string, string, string];
        entries++;
        if (!regionCodes.has(regionName))
          regionCodes.set(regionName, context.regionCodeByName(providerId, regionName));
        yield entryRecord({
          providerId,
          regionName,
          regionCode: regionCodes.get(regionName),
          key,
          value,
          manifest,
          specs,
        });
      }
    }
    requireContainer(json.topLevel, 'regions', 'object', (d) => json.formatError(d), 'region name → entries');
    yield {
      kind: 'metadata',
      values: {
        entries,
        currencyCode: text(manifest.currencyCode) ?? 'USD',
        publicationDate: text(manifest.hawkFilePublicationDate) ?? null,
        feed: text(manifest.source) ?? null,
      },
    };
  }
}

interface EntryInput {
  readonly providerId: string;
  readonly regionName: string;
  readonly regionCode: string | undefined;
  readonly key: string;
  readonly value: unknown;
  readonly manifest: JsonObject;
  readonly specs: Map<string, ParsedInstanceType | null>;
}

function entryRecord(input: EntryInput): ImportRecord {
  const position = `regions[${JSON.stringify(input.regionName)}][${JSON.stringify(input.key)}]`;
  const entry = input.value;
  if (!isObject(entry))
    return { kind: 'rejected', position, reason: 'entry is not an object', excerpt: excerpt(entry) };
  const reject = (reason: string): ImportRecord => ({
    kind: 'rejected',
    position,
    reason,
    excerpt: excerpt(entry),
  });
  const instanceType = text(entry['Instance Type']);
  if (!instanceType) return reject('missing "Instance Type"');
  if (!input.regionCode)
    return reject(`unknown AWS location "${input.regionName}" (not in the region directory)`);
  const price = checkPrice(entry.price);
  if (!price.ok) return reject(price.reason);
  const os = osFromAwsName(text(entry['Operating System']));
  const variant = ec2Variant({
    instanceType,
    tenancy: text(entry.Tenancy),
    licenseModel: text(entry['License Model']),
    preInstalledSw: text(entry['Pre Installed S/W']),
    osVariant: os.variant,
  });
  const attributes: Record<string, unknown> = {};
  for (const field of KEPT_FIELDS) if (text(entry[field])) attributes[field] = text(entry[field]);
  const rateCode = text(entry.rateCode);
  if (rateCode) attributes.rateCode = rateCode;
  if (variant) attributes.variant = variant;
  const spec = instanceSpec(input, instanceType, entry);
  if (!spec) Object.assign(attributes, { vCPU: text(entry.vCPU), Memory: text(entry.Memory) });
  return {
    kind: 'accepted',
    position,
    offers: [
      {
        providerId: input.providerId,
        regionCode: input.regionCode,
        service: 'AmazonEC2',
        serviceCategory: 'COMPUTE',
        resourceKind: 'INSTANCE',
        sku: rateCode?.split('.')[0] ?? input.key,
        instanceType,
        os: os.os,
        purchaseOption: 'ON_DEMAND',
        unit: 'HOUR',
        unitRaw: null,
        price: toNumericString(price.price),
        currency: text(input.manifest.currencyCode) ?? 'USD',
        termCode: rateCode?.split('.')[1] ?? null,
        effectiveDate: null,
        description: input.key,
        attributes,
      },
    ],
    ...(spec ? { instanceTypes: [spec] } : {}),
  };
}

function instanceSpec(input: EntryInput, name: string, entry: JsonObject): ParsedInstanceType | null {
  if (input.specs.has(name)) return input.specs.get(name) ?? null;
  const accelerated = ACCELERATED_FAMILIES.test(
    `${text(entry['Instance Family']) ?? ''} ${text(entry['plc:InstanceFamily']) ?? ''}`,
  );
  const spec = accelerated
    ? null
    : ec2InstanceSpec({
        providerId: input.providerId,
        name,
        vcpu: text(entry.vCPU),
        memory: text(entry.Memory),
        arch: archFromInstanceName(name),
      });
  input.specs.set(name, spec);
  return spec;
}
