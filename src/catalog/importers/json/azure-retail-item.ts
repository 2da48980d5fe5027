import type { Decimal } from 'decimal.js';
import type {
  OperatingSystem,
  PurchaseOption,
  ResourceKind,
  ServiceCategory,
  Unit,
} from '../../../domain/catalog/catalog-enums.js';
import { money, toNumericString } from '../../../domain/money.js';
import { excerpt, type ImportRecord, type ParsedOffer } from '../catalog-importer.js';
import { checkPrice, dateOnly, decimalText, isObject, text, type JsonObject } from './json-values.js';

/** Azure serviceFamily → FOCUS ServiceCategory. */
const FAMILIES: Record<string, ServiceCategory> = {
  compute: 'COMPUTE',
  containers: 'COMPUTE',
  storage: 'STORAGE',
  networking: 'NETWORKING',
  databases: 'DATABASES',
  'ai + machine learning': 'AI_AND_MACHINE_LEARNING',
  analytics: 'ANALYTICS',
  'internet of things': 'INTERNET_OF_THINGS',
  'management and governance': 'MANAGEMENT_AND_GOVERNANCE',
  security: 'SECURITY',
  identity: 'IDENTITY',
  web: 'WEB',
  'developer tools': 'DEVELOPER_TOOLS',
  integration: 'INTEGRATION',
  'mixed reality': 'OTHER',
  media: 'MEDIA',
  migration: 'MIGRATION',
  mobile: 'MOBILE',
  'azure arc': 'MULTICLOUD',
  'power platform': 'BUSINESS_APPLICATIONS',
  dynamics: 'BUSINESS_APPLICATIONS',
};

export interface AzureUnit {
  readonly unit: Unit;
  /** The source quantity the price is for ("100 Hours" → 100, "10K" → 10000). */
  readonly quantity: number;
  readonly note?: string;
}

/** "1 Hour", "100 Hours", "1 GB/Month", "10K", "1M", "1/Month", "1 GiB/Hour"; unknown → OTHER per the raw unit. */
export function azureUnit(raw: string | undefined): AzureUnit {
  const match = raw ? /^\s*(\d+(?:\.\d+)?)\s*([KM])?\s*(.*?)\s*$/i.exec(raw) : null;
  if (!match) return { unit: 'OTHER', quantity: 1 };
  const scale = match[2]?.toUpperCase() === 'K' ? 1_000 : match[2]?.toUpperCase() === 'M' ? 1_000_000 : 1;
  const quantity = Number(match[1]) * scale;
  const rest = match[3].toLowerCase();
  if (rest === 'hour' || rest === 'hours') return { unit: 'HOUR', quantity };
  if (rest === 'gb/month') return { unit: 'GB_MONTH', quantity };
  if (rest === 'gib/month') return { unit: 'GB_MONTH', quantity, note: 'GiB-month' };
  if (rest === 'gb') return { unit: 'GB', quantity };
  if (rest === 'gib') return { unit: 'GB', quantity, note: 'GiB' };
  if (rest === '/month') return { unit: 'MONTH', quantity };
  if (rest === 'gib/hour') return { unit: 'GIB_HOUR', quantity };
  if (rest === '' || /^(requests?|transactions?|calls?|operations?|executions?)$/.test(rest))
    return { unit: 'REQUEST', quantity };
  return { unit: 'OTHER', quantity: 1 };
}

const RESERVATION_TERMS: Record<string, PurchaseOption> = {
  '1 year': 'RESERVED_1Y',
  '3 years': 'RESERVED_3Y',
};
const SAVINGS_PLAN_TERMS: Record<string, PurchaseOption> = {
  '1 year': 'SAVINGS_PLAN_1Y',
  '3 years': 'SAVINGS_PLAN_3Y',
};

interface Classified {
  readonly purchaseOption: PurchaseOption;
  readonly variant: string | null;
}

function classify(item: JsonObject): Classified | string {
  const names = `${text(item.meterName) ?? ''} ${text(item.skuName) ?? ''}`;
  const discount = /\bspot\b/i.test(names) ? 'spot' : /low priority/i.test(names) ? 'low-priority' : null;
  switch (text(item.type)) {
    case 'Consumption':
      return {
        purchaseOption: discount === 'spot' ? 'SPOT' : discount ? 'LOW_PRIORITY' : 'ON_DEMAND',
        variant: null,
      };
    case 'DevTestConsumption':
      return { purchaseOption: 'DEV_TEST', variant: discount };
    case 'Reservation': {
      const term = text(item.reservationTerm);
      const option = term ? RESERVATION_TERMS[term.toLowerCase()] : undefined;
      return option
        ? { purchaseOption: option, variant: null }
        : `unsupported reservationTerm ${JSON.stringify(item.reservationTerm ?? null)}`;
    }
    case undefined:
    default:
      return `unknown price type ${JSON.stringify(item.type ?? null)}`;
  }
}

function resourceKindOf(item: JsonObject, unit: Unit): ResourceKind {
  const product = text(item.productName) ?? '';
  const service = text(item.serviceName) ?? '';
  if (/dedicated host/i.test(product)) return 'DEDICATED_HOST';
  if (service === 'Virtual Machines' && text(item.unitOfMeasure) === '1 Hour') return 'INSTANCE';
  if (service === 'Bandwidth' || /data transfer|bandwidth/i.test(`${product} ${text(item.meterName) ?? ''}`))
    return 'DATA_TRANSFER';
  if (unit === 'REQUEST') return 'REQUEST';
  if (/^storage$/i.test(text(item.serviceFamily) ?? '') || service === 'Storage') return 'STORAGE';
  return 'OTHER';
}

/** Item attributes worth keeping beside the typed columns. */
const KEPT = [
  'productName',
  'skuName',
  'meterName',
  'productId',
  'skuId',
  'meterId',
  'serviceId',
  'serviceFamily',
  'location',
];

/** One Retail Prices API item → one record (a reservation item prices the whole term: ONE_TIME). */
export function azureItemRecord(
  item: unknown,
  position: string,
  providerId: string,
  billingCurrency: string | undefined,
): ImportRecord {
  const reject = (reason: string): ImportRecord => ({
    kind: 'rejected',
    position,
    reason,
    excerpt: excerpt(item),
  });
  if (!isObject(item)) return reject('item is not an object');
  const classified = classify(item);
  if (typeof classified === 'string') return reject(classified);
  const price = checkPrice(item.retailPrice, 'retailPrice');
  if (!price.ok) return reject(price.reason);
  const currency = text(item.currencyCode) ?? billingCurrency;
  if (!currency) return reject('missing currencyCode');
  const meterId = text(item.meterId);
  if (!meterId) return reject('missing meterId');
  const reservation = classified.purchaseOption.startsWith('RESERVED');
  const unitRaw = text(item.unitOfMeasure) ?? null;
  const parsedUnit = azureUnit(unitRaw ?? undefined);
  const unit = reservation ? 'ONE_TIME' : parsedUnit.unit;
  const resourceKind = resourceKindOf(item, parsedUnit.unit);
  const armRegion = text(item.armRegionName);
  const global = !armRegion || /^global$/i.test(armRegion) || /\s/.test(armRegion);
  const attributes: Record<string, unknown> = {};
  for (const key of KEPT) if (text(item[key])) attributes[key] = text(item[key]);
  if (global) attributes.location = text(item.location) ?? armRegion ?? 'Global';
  if (item.isPrimaryMeterRegion === false) attributes.isPrimaryMeterRegion = false;
  if (text(item.effectiveEndDate)) attributes.effectiveEndDate = text(item.effectiveEndDate);
  if (reservation) attributes.reservationTerm = text(item.reservationTerm);
  if (parsedUnit.note && !reservation) attributes.unitNote = parsedUnit.note;
  const variant = variantOf(item, classified, resourceKind);
  if (variant) attributes.variant = variant;
  const base: ParsedOffer = {
    providerId,
    regionCode: global ? null : armRegion,
    service: text(item.serviceName) ?? 'unknown',
    serviceCategory: FAMILIES[(text(item.serviceFamily) ?? '').toLowerCase()] ?? 'OTHER',
    resourceKind,
    sku: `${text(item.skuId) ?? text(item.productId) ?? '?'}/${meterId}`,
    instanceType: resourceKind === 'INSTANCE' ? (text(item.armSkuName) ?? null) : null,
    os: resourceKind === 'INSTANCE' ? osOf(item) : null,
    purchaseOption: classified.purchaseOption,
    unit,
    unitRaw,
    price: perUnit(price.price, reservation ? 1 : parsedUnit.quantity),
    currency,
    tierStart: decimalText(item.tierMinimumUnits),
    effectiveDate: dateOnly(item.effectiveStartDate),
    description: text(item.meterName) ?? null,
    attributes,
  };
  if (resourceKind !== 'INSTANCE' && text(item.armSkuName)) attributes.armSkuName = text(item.armSkuName);
  const savingsPlans =
    classified.purchaseOption === 'ON_DEMAND' ? savingsPlanOffers(item, base, parsedUnit.quantity) : [];
  if (typeof savingsPlans === 'string') return reject(savingsPlans);
  return { kind: 'accepted', position, offers: [base, ...savingsPlans] };
}

function osOf(item: JsonObject): OperatingSystem {
  return /windows/i.test(text(item.productName) ?? '') ? 'WINDOWS' : 'LINUX';
}

function variantOf(item: JsonObject, classified: Classified, kind: ResourceKind): string | null {
  if (kind === 'DEDICATED_HOST') return 'host';
  if (/promo/i.test(text(item.productName) ?? '') || /expired/i.test(text(item.meterName) ?? ''))
    return 'promo';
  return classified.variant;
}

function perUnit(price: Decimal, quantity: number): string {
  return toNumericString(quantity === 1 ? price : money(price).div(quantity));
}

/** Items of API version 2023-01-01-preview carry `savingsPlan: [{retailPrice, term}]`: the same meter at plan prices. */
function savingsPlanOffers(item: JsonObject, base: ParsedOffer, quantity: number): ParsedOffer[] | string {
  if (!Array.isArray(item.savingsPlan)) return [];
  const offers: ParsedOffer[] = [];
  for (const plan of item.savingsPlan) {
    const term = isObject(plan) ? text(plan.term) : undefined;
    const option = term ? SAVINGS_PLAN_TERMS[term.toLowerCase()] : undefined;
    if (!isObject(plan) || !option) return `unsupported savingsPlan term ${JSON.stringify(term ?? null)}`;
    const price = checkPrice(plan.retailPrice, `savingsPlan ${term} retailPrice`);
    if (!price.ok) return price.reason;
    offers.push({ ...base, purchaseOption: option, price: perUnit(price.price, quantity) });
  }
  return offers;
}
