import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { ServiceCategory } from '../catalog/catalog-enums.js';
import { ExactSum } from './exact-sum.js';
import type { SpendRow } from './spend.js';
import { serviceCategoryFromFocusName } from './spend.js';
import {
  chargeFrequency,
  optionalDecimal,
  parseTags,
  requiredDecimal,
  RowRejection,
  utcTimestamp,
  type ChargeFrequency,
  type FieldReader,
} from './focus-import-fields.js';

/** One line of a provider's FOCUS bill, as Cumulus keeps it: an ACTUAL cost. */
export interface ActualCostRecord extends SpendRow {
  /** Spreadsheet row: the header is row 1, the first data row 2. */
  readonly rowNumber: number;
  readonly basis: 'ACTUAL';
  readonly publisherName: string | null;
  readonly invoiceIssuerName: string | null;
  readonly billingAccountId: string | null;
  readonly billingAccountName: string | null;
  readonly subAccountId: string | null;
  readonly subAccountName: string | null;
  readonly chargeCategory: ChargeCategory;
  readonly chargeClass: 'Correction' | null;
  readonly chargeFrequency: ChargeFrequency | null;
  readonly chargeDescription: string | null;
  readonly billingPeriodStart: string | null;
  readonly billingPeriodEnd: string | null;
  readonly serviceName: string | null;
  readonly availabilityZone: string | null;
  readonly skuId: string | null;
  readonly skuPriceId: string | null;
  readonly resourceId: string | null;
  readonly resourceName: string | null;
  readonly resourceType: string | null;
  readonly contractedCost: string | null;
  readonly pricingQuantity: string | null;
  readonly pricingUnit: string | null;
  readonly listUnitPrice: string | null;
  readonly pricingCategory: string | null;
  readonly commitmentDiscountId: string | null;
  /** Things accepted but not quite FOCUS (a lower-case allowed value, a charge outside its billing period). */
  readonly warnings: readonly string[];
}

export type ChargeCategory = 'Usage' | 'Purchase' | 'Tax' | 'Credit' | 'Adjustment';

export interface RejectedCostRow {
  readonly rowNumber: number;
  readonly reason: string;
}

export type FocusImportItem =
  | { readonly kind: 'record'; readonly record: ActualCostRecord }
  | ({ readonly kind: 'rejected' } & RejectedCostRow);

export class FocusFormatError extends Error {}

export interface FocusImportOptions {
  /** How the file writes null besides the empty field; the FOCUS sample data writes NULL. */
  readonly nullToken?: string;
}

/** Without these a row cannot be a cost at all; a file lacking one is not a FOCUS cost file. */
const REQUIRED_HEADERS = [
  'BilledCost',
  'EffectiveCost',
  'BillingCurrency',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'ChargeCategory',
  'ProviderName',
  'ServiceCategory',
];
const CHARGE_CATEGORIES: readonly ChargeCategory[] = ['Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment'];

/**
 * Streams a FOCUS 1.0–1.2 cost CSV into actual-cost records. Bounded memory: one row at a
 * time. A row that cannot be a trustworthy cost (money or currency missing or malformed, no
 * charge period, inverted period, an unknown ChargeCategory or ServiceCategory, unreadable
 * Tags) is yielded as rejected with its row number and reason; a file without the required
 * header columns throws FocusFormatError. Money stays the exact decimal text of the file.
 */
export async function* readFocusCsv(
  source: Readable,
  options: FocusImportOptions = {},
): AsyncGenerator<FocusImportItem> {
  const nullToken = options.nullToken ?? 'NULL';
  const parser = source.pipe(parse({ bom: true, relax_column_count: true, info: true }));
  let header: string[] | null = null;
  let rowNumber = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { records: number } }>) {
      rowNumber = item.info.records;
      if (header === null) {
        header = item.record.map((name) => name.trim());
        const missing = REQUIRED_HEADERS.filter((name) => !header?.includes(name));
        if (missing.length > 0)
          throw new FocusFormatError(`not a FOCUS cost file: header lacks ${missing.join(', ')}`);
        continue;
      }
      if (item.record.length !== header.length) {
        yield {
          kind: 'rejected',
          rowNumber,
          reason: `${item.record.length} fields, the header has ${header.length}`,
        };
        continue;
      }
      const fields = new Map<string, string | null>();
      header.forEach((name, i) => {
        const raw = item.record[i] ?? '';
        fields.set(name, raw === '' || raw === nullToken ? null : raw);
      });
      let record: ActualCostRecord;
      try {
        record = mapRow(rowNumber, (name) => fields.get(name) ?? null);
      } catch (error) {
        if (!(error instanceof RowRejection)) throw error;
        yield { kind: 'rejected', rowNumber, reason: error.message };
        continue;
      }
      yield { kind: 'record', record };
    }
  } catch (error) {
    if (error instanceof FocusFormatError || !isCsvParseError(error)) throw error;
    // A quote that never closes leaves no later row trustworthy: the file is refused, not the row.
    throw new FocusFormatError(
      `unreadable CSV after row ${rowNumber}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** One row → a record; throws RowRejection with the reason it cannot be one. */
function mapRow(rowNumber: number, get: FieldReader): ActualCostRecord {
  const warnings: string[] = [];
  const billedCost = requiredDecimal(get, 'BilledCost');
  const effectiveCost = requiredDecimal(get, 'EffectiveCost');
  const listCost = optionalDecimal(get, 'ListCost');
  if (listCost === null) warnings.push('ListCost is null');

  const currency = get('BillingCurrency');
  if (currency === null) throw new RowRejection('BillingCurrency is null');
  if (!/^[A-Z]{3}$/.test(currency)) throw new RowRejection(`BillingCurrency "${currency}" is not ISO 4217`);
  const providerName = get('ProviderName');
  if (providerName === null) throw new RowRejection('ProviderName is null');

  const start = utcTimestamp(get('ChargePeriodStart'));
  const end = utcTimestamp(get('ChargePeriodEnd'));
  if (start === null || end === null) {
    throw new RowRejection(
      `charge period "${get('ChargePeriodStart')}" – "${get('ChargePeriodEnd')}" is not a pair of UTC timestamps`,
    );
  }
  if (!(Date.parse(start) < Date.parse(end)))
    throw new RowRejection(`ChargePeriodStart ${start} is not before ChargePeriodEnd ${end}`);
  const billingStart = utcTimestamp(get('BillingPeriodStart'));
  const billingEnd = utcTimestamp(get('BillingPeriodEnd'));
  if (
    billingStart !== null &&
    billingEnd !== null &&
    (Date.parse(start) < Date.parse(billingStart) || Date.parse(end) > Date.parse(billingEnd))
  ) {
    warnings.push(
      `charge period ${start} – ${end} lies outside billing period ${billingStart} – ${billingEnd}`,
    );
  }

  const chargeCategory = CHARGE_CATEGORIES.find((c) => c === get('ChargeCategory'));
  if (!chargeCategory)
    throw new RowRejection(`ChargeCategory "${get('ChargeCategory')}" is not a FOCUS value`);
  const categoryName = get('ServiceCategory');
  const serviceCategory: ServiceCategory | null =
    categoryName === null ? null : serviceCategoryFromFocusName(categoryName);
  if (serviceCategory === null)
    throw new RowRejection(`ServiceCategory "${categoryName}" is not a FOCUS value`);
  const chargeClass = get('ChargeClass');
  if (chargeClass !== null && chargeClass !== 'Correction')
    throw new RowRejection(`ChargeClass "${chargeClass}" is not a FOCUS value`);

  return {
    rowNumber,
    basis: 'ACTUAL',
    chargePeriodStart: start,
    chargePeriodEnd: end,
    billingPeriodStart: billingStart,
    billingPeriodEnd: billingEnd,
    providerName,
    publisherName: get('PublisherName'),
    invoiceIssuerName: get('InvoiceIssuerName'),
    billingAccountId: get('BillingAccountId'),
    billingAccountName: get('BillingAccountName'),
    subAccountId: get('SubAccountId'),
    subAccountName: get('SubAccountName'),
    chargeCategory,
    chargeClass,
    chargeFrequency: chargeFrequency(get('ChargeFrequency'), warnings),
    chargeDescription: get('ChargeDescription'),
    regionId: get('RegionId'),
    regionName: get('RegionName'),
    availabilityZone: get('AvailabilityZone'),
    workloadId: null,
    serviceCategory,
    serviceName: get('ServiceName'),
    skuId: get('SkuId'),
    skuPriceId: get('SkuPriceId'),
    resourceId: get('ResourceId'),
    resourceName: get('ResourceName'),
    resourceType: get('ResourceType'),
    tags: parseTags(get('Tags')),
    billingCurrency: currency,
    billedCost,
    effectiveCost,
    listCost,
    contractedCost: optionalDecimal(get, 'ContractedCost'),
    pricingQuantity: optionalDecimal(get, 'PricingQuantity'),
    pricingUnit: get('PricingUnit'),
    listUnitPrice: optionalDecimal(get, 'ListUnitPrice'),
    pricingCategory: get('PricingCategory'),
    commitmentDiscountId: get('CommitmentDiscountId'),
    warnings,
  };
}

export interface FocusImportResult {
  readonly records: ActualCostRecord[];
  readonly rejected: RejectedCostRow[];
  /** Exact totals of accepted rows per billing currency. */
  readonly totals: Readonly<Record<string, { billedCost: string; effectiveCost: string; listCost: string }>>;
}

/** Reads a whole file into memory: for tests and small uploads; the ledger writer should stream readFocusCsv. */
export async function importFocusCsv(
  source: Readable,
  options: FocusImportOptions = {},
): Promise<FocusImportResult> {
  const records: ActualCostRecord[] = [];
  const rejected: RejectedCostRow[] = [];
  const sums = new Map<string, { billed: ExactSum; effective: ExactSum; list: ExactSum }>();
  for await (const item of readFocusCsv(source, options)) {
    if (item.kind === 'rejected') {
      rejected.push({ rowNumber: item.rowNumber, reason: item.reason });
      continue;
    }
    const { record } = item;
    records.push(record);
    const sum = sums.get(record.billingCurrency) ?? {
      billed: new ExactSum(),
      effective: new ExactSum(),
      list: new ExactSum(),
    };
    sum.billed.add(record.billedCost);
    sum.effective.add(record.effectiveCost);
    if (record.listCost !== null) sum.list.add(record.listCost);
    sums.set(record.billingCurrency, sum);
  }
  const totals = Object.fromEntries(
    [...sums].map(([currency, s]) => [
      currency,
      { billedCost: s.billed.toString(), effectiveCost: s.effective.toString(), listCost: s.list.toString() },
    ]),
  );
  return { records, rejected, totals };
}

/** csv-parse's own errors carry a CSV_* code; anything else (a read error) surfaces as it is. */
function isCsvParseError(error: unknown): boolean {
  const code: unknown = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('CSV_');
}
