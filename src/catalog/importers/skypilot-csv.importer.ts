import type { Decimal } from 'decimal.js';
import type { PurchaseOption, ResourceKind } from '../../domain/catalog/catalog-enums.js';
import {
  ImportFormatError,
  type CatalogImporter,
  type ImportContext,
  type ImportRecord,
  type ImportSource,
  type ParsedInstanceType,
  type ParsedOffer,
} from './catalog-importer.js';
import {
  CsvHeader,
  rowShapeRejection,
  notCsvReason,
  parseHeaderLine,
  readCsvRows,
  rowExcerpt,
  rowPosition,
} from './csv/csv-rows.js';
import { canonical, decimalCell } from './csv/csv-values.js';
import { archFromInstanceName } from './csv/instance-arch.js';
import {
  archCell,
  countCell,
  matchVariant,
  type SkypilotRow,
  type SkypilotVariant,
} from './csv/skypilot-variants.js';

const FORMAT = 'skypilot-csv';

/** The provider's own name for the service SkyPilot's rows price. */
const SERVICE_BY_PROVIDER: Record<string, string> = {
  aws: 'AmazonEC2',
  gcp: 'Compute Engine',
  azure: 'Virtual Machines',
};

/**
 * SkyPilot writes 700.0 where a TPU's SKU price is missing (a placeholder, not a price). A row
 * whose on-demand Price is the placeholder is rejected; a placeholder SpotPrice only drops the
 * spot offer (the row keeps its real on-demand price and says `spotPriceMissing`).
 */
const TPU_PLACEHOLDER_PRICE = '700';

type Outcome =
  | { offers: ParsedOffer[]; instanceTypes: ParsedInstanceType[]; sku: string; fingerprint: string }
  | { reason: string };

/**
 * SkyPilot catalog `vms.csv` (every known column layout): one row = one instance type (or,
 * on GCP, one accelerator) in one region or zone, with its on-demand and spot price and spec.
 */
export class SkypilotCsvImporter implements CatalogImporter {
  readonly format = FORMAT;
  readonly description =
    'SkyPilot catalog vms.csv (AWS v8, GCP v8, Azure v7, GCP 2022, AWS 2021, vSphere layouts): on-demand and spot prices with specs';

  detect(head: string): string | null {
    const notCsv = notCsvReason(head);
    if (notCsv) return notCsv;
    const columns = parseHeaderLine(head);
    if (!columns) return 'no header row';
    const match = matchVariant(columns);
    return 'problem' in match ? match.problem : null;
  }

  async *read(source: ImportSource, context: ImportContext): AsyncIterable<ImportRecord> {
    let header: CsvHeader | null = null;
    let variant: SkypilotVariant | null = null;
    let providerId = '';
    const seen = new Map<string, { row: number; fingerprint: string }>();
    for await (const { row, values } of readCsvRows(source, FORMAT)) {
      if (!header) {
        header = new CsvHeader(values.map((v) => v.trim()));
        const match = matchVariant(header.columns);
        if ('problem' in match) throw new ImportFormatError(FORMAT, source.name, match.problem);
        variant = match.variant;
        providerId = resolveProvider(variant, context, source.name);
        yield { kind: 'metadata', values: { skypilotLayout: variant.id } };
        continue;
      }
      const position = rowPosition(row);
      // A row of empty cells with the right count goes on (the variant rejects it by its columns).
      if (values.length !== header.columns.length) {
        yield rowShapeRejection(row, values, header.columns.length)!;
        continue;
      }
      const outcome = toOffers(variant!.read(header, values), providerId);
      if ('reason' in outcome) {
        yield { kind: 'rejected', position, reason: outcome.reason, excerpt: rowExcerpt(values) };
        continue;
      }
      const first = seen.get(outcome.sku);
      if (first) {
        const reason =
          first.fingerprint === outcome.fingerprint
            ? `duplicate row: ${outcome.sku} repeats row ${first.row}`
            : `conflicting duplicate: ${outcome.sku} is priced differently at row ${first.row}`;
        yield { kind: 'rejected', position, reason, excerpt: rowExcerpt(values) };
        continue;
      }
      seen.set(outcome.sku, { row, fingerprint: outcome.fingerprint });
      yield { kind: 'accepted', position, offers: outcome.offers, instanceTypes: outcome.instanceTypes };
    }
    if (!header) throw new ImportFormatError(FORMAT, source.name, 'the file is empty: no header row');
  }
}

function resolveProvider(variant: SkypilotVariant, context: ImportContext, sourceName: string): string {
  if (variant.provider && context.providerId && context.providerId !== variant.provider) {
    throw new ImportFormatError(
      FORMAT,
      sourceName,
      `the header is SkyPilot's ${variant.label} layout, which describes provider ${variant.provider}, not ${context.providerId}`,
    );
  }
  const provider = variant.provider ?? context.providerId;
  if (!provider) {
    throw new ImportFormatError(
      FORMAT,
      sourceName,
      `the ${variant.label} layout does not say which provider it describes: pass --provider`,
    );
  }
  return provider;
}

function toOffers(row: SkypilotRow, providerId: string): Outcome {
  if (!row.region) return { reason: 'missing region' };
  const isAccelerator = !row.instanceType && Boolean(row.acceleratorName);
  if (!row.instanceType && !isAccelerator)
    return { reason: 'no instance type or accelerator: InstanceType and AcceleratorName are both empty' };

  const price = decimalCell(row.price, 'price', { min: 'zero' });
  if (!price.ok) return { reason: price.reason };
  const placeholder = (value: Decimal) =>
    isAccelerator &&
    providerId === 'gcp' &&
    row.acceleratorName.startsWith('tpu') &&
    value.eq(TPU_PLACEHOLDER_PRICE);
  if (placeholder(price.value)) {
    return {
      reason: `price placeholder: 700.0 is SkyPilot's stand-in for a missing ${row.acceleratorName} SKU price, not a price`,
    };
  }
  let spot: Decimal | null = null;
  const attributes: Record<string, unknown> = { ...row.attributes };
  if (row.zone) attributes.availabilityZone = row.zone;
  if (row.spotPrice) {
    const cell = decimalCell(row.spotPrice, 'spot price', { min: 'zero' });
    if (!cell.ok) return { reason: cell.reason };
    if (placeholder(cell.value)) attributes.spotPriceMissing = true;
    else spot = cell.value;
  }

  let instanceTypes: ParsedInstanceType[] = [];
  let name: string;
  let kind: ResourceKind;
  if (isAccelerator) {
    const count = countCell(row.acceleratorCount);
    if (!count) return { reason: `invalid AcceleratorCount: "${row.acceleratorCount}"` };
    attributes.acceleratorName = row.acceleratorName;
    attributes.acceleratorCount = count;
    name = `${row.acceleratorName}x${count}`;
    kind = 'ACCELERATOR';
  } else {
    const spec = toSpec(row, providerId);
    if ('reason' in spec) return spec;
    instanceTypes = spec.types;
    name = row.instanceType;
    kind = 'INSTANCE';
  }

  const sku = [name, row.region, row.zone].filter(Boolean).join('/');
  const offer = (purchaseOption: PurchaseOption, value: Decimal): ParsedOffer => ({
    providerId,
    regionCode: row.region,
    service: SERVICE_BY_PROVIDER[providerId] ?? 'Compute',
    serviceCategory: 'COMPUTE',
    resourceKind: kind,
    sku,
    instanceType: isAccelerator ? null : row.instanceType,
    os: 'LINUX',
    purchaseOption,
    unit: 'HOUR',
    unitRaw: null,
    price: canonical(value),
    currency: 'USD',
    attributes,
  });
  const offers = [offer('ON_DEMAND', price.value)];
  if (spot) offers.push(offer('SPOT', spot));
  const fingerprint = `${canonical(price.value)}|${spot ? canonical(spot) : ''}`;
  return { offers, instanceTypes, sku, fingerprint };
}

function toSpec(row: SkypilotRow, providerId: string): { types: ParsedInstanceType[] } | { reason: string } {
  // The GCP 2022 layout has no vCPU column: its rows carry prices, not specs.
  if (!row.vcpus && !row.memoryGib) return { types: [] };
  const vcpu = decimalCell(row.vcpus, 'vCPUs', { min: 'positive' });
  if (!vcpu.ok) return { reason: vcpu.reason };
  const memory = decimalCell(row.memoryGib, 'MemoryGiB', { min: 'zero' });
  if (!memory.ok) return { reason: memory.reason };
  const arch = archCell(row.arch);
  if ('problem' in arch) return { reason: arch.problem };
  let gpuCount = '0';
  if (row.acceleratorName) {
    const count = countCell(row.acceleratorCount);
    if (!count) return { reason: `invalid AcceleratorCount: "${row.acceleratorCount}"` };
    gpuCount = count;
  }
  return {
    types: [
      {
        providerId,
        name: row.instanceType,
        vcpu: canonical(vcpu.value),
        memoryGib: canonical(memory.value),
        gpuModel: row.acceleratorName || null,
        gpuCount,
        gpuMemoryGib: row.acceleratorName ? row.gpuMemoryGib : null,
        arch: arch.arch ?? archFromInstanceName(providerId, row.instanceType) ?? 'x86_64',
        family: familyOf(providerId, row.instanceType),
      },
    ],
  };
}

/** The series a type belongs to, where the provider's naming makes it plain (m5, n2, a2). */
function familyOf(providerId: string, name: string): string | null {
  if (providerId === 'aws') return name.split('.')[0] || null;
  if (providerId === 'gcp') return name.includes('-') ? name.split('-')[0] : null;
  return null;
}
