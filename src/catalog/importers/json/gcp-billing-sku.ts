import type { Decimal } from 'decimal.js';
import type {
  PurchaseOption,
  ResourceKind,
  ServiceCategory,
  Unit,
} from '../../../domain/catalog/catalog-enums.js';
import { money, toNumericString } from '../../../domain/money.js';
import { excerpt, type ImportRecord, type ParsedOffer } from '../catalog-importer.js';
import { checkPrice, dateOnly, decimalText, isObject, text, type JsonObject } from './json-values.js';

const USAGE_TYPES: Record<string, PurchaseOption> = {
  OnDemand: 'ON_DEMAND',
  Preemptible: 'SPOT',
  Commit1Yr: 'RESERVED_1Y',
  Commit3Yr: 'RESERVED_3Y',
};

const UNITS: Record<string, { unit: Unit; note?: string }> = {
  h: { unit: 'HOUR' },
  'GiBy.h': { unit: 'GIB_HOUR' },
  'GiBy.mo': { unit: 'GB_MONTH', note: 'GiB-month' },
  GiBy: { unit: 'GB', note: 'GiB' },
};

const RESOURCE_GROUPS: Record<string, ResourceKind> = { CPU: 'VCPU', RAM: 'MEMORY', GPU: 'ACCELERATOR' };
const RESOURCE_FAMILIES: Record<string, readonly [ServiceCategory, ResourceKind]> = {
  Compute: ['COMPUTE', 'OTHER'],
  Storage: ['STORAGE', 'STORAGE'],
  Network: ['NETWORKING', 'DATA_TRANSFER'],
  License: ['OTHER', 'OTHER'],
};

/** A GCP region code (europe-west4, us-central1); anything else ('global', 'us', 'europe', dual regions) is a wider location. */
const REGION_CODE = /^[a-z]+-[a-z]+\d+$/;

/** "Nvidia Tesla A100 GPU running in Americas" → "A100"; "Nvidia H100 80GB GPU …" → "H100 80GB". */
export function gpuModelOf(description: string): string | null {
  const beforeGpu = description.split(/\bGPU\b/i)[0].replace(/\b(nvidia|tesla)\b/gi, ' ');
  const match = /\b([A-Z]{1,2}\d{1,4}[A-Za-z]?)\b(?:\s+(\d+\s?GB)\b)?/.exec(beforeGpu);
  return match ? (match[2] ? `${match[1]} ${match[2]}` : match[1]) : null;
}

/** "A2 Instance Core running in Americas" → "a2"; "T2D AMD Instance Ram …" → "t2d"; null when unnamed. */
export function machineFamilyOf(description: string): string | null {
  const match =
    /\b([A-Z]\d+[A-Z]?)\b(?:\s+(?:AMD|Arm|Intel))?\s+(?:Custom\s+|Predefined\s+|Sole Tenancy\s+)?Instance\b/i.exec(
      description,
    );
  return match ? match[1].toLowerCase() : null;
}

function variantOf(description: string): string | null {
  if (/sole tenancy/i.test(description)) return 'sole-tenant';
  if (/extended/i.test(description)) return 'extended-memory';
  if (/\bcustom\b/i.test(description)) return 'custom';
  if (/virtual workstation/i.test(description)) return 'virtual-workstation';
  return null;
}

/** units + nanos × 10⁻⁹, exactly; proto3 leaves out zero fields, so either may be missing. */
function unitPrice(value: unknown): { price: Decimal; currency: string | undefined } | string {
  if (!isObject(value)) return 'missing unitPrice';
  const units = checkPrice(value.units ?? '0', 'unitPrice.units');
  const nanosText = value.nanos ?? '0';
  if (typeof nanosText !== 'string' || !/^-?\d+$/.test(nanosText))
    return `non-numeric unitPrice.nanos ${JSON.stringify(value.nanos)}`;
  if (!units.ok) return units.reason;
  const nanos = money(nanosText);
  if (nanos.isNegative() && !nanos.isZero()) return `negative unitPrice.nanos ${JSON.stringify(value.nanos)}`;
  return { price: units.price.plus(nanos.div(1_000_000_000)), currency: text(value.currencyCode) };
}

/** One Cloud Billing Catalog SKU → one record with an offer per service region and price tier. */
export function gcpSkuRecord(sku: unknown, position: string, providerId: string): ImportRecord {
  const reject = (reason: string): ImportRecord => ({
    kind: 'rejected',
    position,
    reason,
    excerpt: excerpt(sku),
  });
  if (!isObject(sku)) return reject('SKU is not an object');
  const skuId = text(sku.skuId);
  if (!skuId) return reject('missing skuId');
  const category: JsonObject = isObject(sku.category) ? sku.category : {};
  const usageType = text(category.usageType) ?? '';
  const purchaseOption = USAGE_TYPES[usageType];
  if (!purchaseOption) return reject(`unsupported usageType ${JSON.stringify(category.usageType ?? null)}`);
  const pricing = Array.isArray(sku.pricingInfo) ? sku.pricingInfo[sku.pricingInfo.length - 1] : undefined;
  if (!isObject(pricing) || !isObject(pricing.pricingExpression))
    return reject('missing pricingInfo[].pricingExpression');
  const expression = pricing.pricingExpression;
  const rates = Array.isArray(expression.tieredRates) ? expression.tieredRates : [];
  if (rates.length === 0) return reject('no tieredRates');
  const regions = Array.isArray(sku.serviceRegions)
    ? sku.serviceRegions.map(text).filter((r): r is string => !!r)
    : [];
  if (regions.length === 0) return reject('no serviceRegions');
  const description = text(sku.description) ?? '';
  const usageUnit = text(expression.usageUnit) ?? null;
  const unit = UNITS[usageUnit ?? ''] ?? { unit: 'OTHER' as const };
  const group = text(category.resourceGroup) ?? '';
  const [serviceCategory, familyKind] = RESOURCE_FAMILIES[text(category.resourceFamily) ?? ''] ?? [
    'OTHER',
    'OTHER',
  ];
  const resourceKind = RESOURCE_GROUPS[group] ?? familyKind;
  const attributes: Record<string, unknown> = {
    resourceFamily: text(category.resourceFamily) ?? null,
    resourceGroup: group || null,
    usageType,
  };
  const family = machineFamilyOf(description);
  if (family) attributes.family = family;
  if (resourceKind === 'ACCELERATOR') attributes.gpuModel = gpuModelOf(description);
  if (unit.note) attributes.unitNote = unit.note;
  const variant = variantOf(description);
  if (variant) attributes.variant = variant;
  if (text(pricing.currencyConversionRate) && text(pricing.currencyConversionRate) !== '1') {
    attributes.currencyConversionRate = text(pricing.currencyConversionRate);
  }
  const offers: ParsedOffer[] = [];
  for (let i = 0; i < rates.length; i++) {
    const rate = rates[i];
    const price = unitPrice(isObject(rate) ? rate.unitPrice : undefined);
    if (typeof price === 'string') return reject(`tieredRates[${i}]: ${price}`);
    if (!price.currency) return reject(`tieredRates[${i}]: missing unitPrice.currencyCode`);
    const next = rates[i + 1];
    for (const region of regions) {
      const regional = REGION_CODE.test(region);
      offers.push({
        providerId,
        regionCode: regional ? region : null,
        service: text(category.serviceDisplayName) ?? 'unknown',
        serviceCategory,
        resourceKind,
        sku: skuId,
        instanceType: null,
        os: null,
        purchaseOption,
        unit: unit.unit,
        unitRaw: usageUnit,
        price: toNumericString(price.price),
        currency: price.currency,
        tierStart: isObject(rate) ? (decimalText(rate.startUsageAmount ?? '0') ?? null) : null,
        tierEnd: isObject(next) ? (decimalText(next.startUsageAmount) ?? null) : null,
        effectiveDate: dateOnly(pricing.effectiveTime ?? pricing.EffectiveTime),
        description,
        attributes: regional ? attributes : { ...attributes, location: region },
      });
    }
  }
  return { kind: 'accepted', position, offers };
}
