import type { PurchaseOption } from '../../../domain/catalog/catalog-enums.js';
import { excerpt, type ImportRecord, type ParsedOffer } from '../catalog-importer.js';
import {
  checkPriceText,
  dateOnly,
  decimalText,
  isObject,
  text,
  type JsonObject,
} from '../json/json-values.js';
import { classifyTerm, unitOf } from './offer-file-mappings.js';
import type { ProductInfo } from './product-index.js';

export interface TermSite {
  /** OnDemand, Reserved, … : the key the term was filed under. */
  readonly termType: string;
  /** Position of the term, e.g. `terms.OnDemand["H7NG…"]["H7NG….JRTCKXETXF"]`. */
  readonly position: string;
  readonly termKey: string;
  /** The SKU the term's container names (offer files key terms by SKU; GetProducts does not). */
  readonly skuKey: string | null;
}

/** True when the value looks like a term (carries price dimensions); other keys under `terms` are ignored. */
export function isTerm(value: unknown): value is JsonObject {
  return isObject(value) && isObject(value.priceDimensions);
}

/** The string-valued members (all of them in AWS's files, so usually the object itself). */
function stringsOf(values: JsonObject | undefined): Record<string, string> | undefined {
  if (!values) return undefined;
  for (const value of Object.values(values)) {
    if (typeof value !== 'string')
      return Object.fromEntries(
        Object.entries(values).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      );
  }
  return values as Record<string, string>;
}

/** One record per price dimension of a term: accepted with its offers, or rejected with the reason. */
export function readTerm(
  site: TermSite,
  term: JsonObject,
  product: ProductInfo | undefined,
  providerId: string,
): ImportRecord[] {
  const dimensions = term.priceDimensions as JsonObject;
  const sku = text(term.sku) ?? site.skuKey ?? site.termKey.split('.')[0];
  const termAttributes = isObject(term.termAttributes) ? term.termAttributes : undefined;
  const termClass = classifyTerm(site.termType, termAttributes);
  // Shared by the term's price dimensions: one object per term, not per offer.
  const attributes: Record<string, unknown> = product
    ? { ...product.attributes, termType: site.termType, ...stringsOf(termAttributes) }
    : {};
  const records: ImportRecord[] = [];
  for (const [rateKey, dimension] of Object.entries(dimensions)) {
    const position = `${site.position}.priceDimensions[${JSON.stringify(rateKey)}]`;
    const reject = (reason: string): void => {
      records.push({ kind: 'rejected', position, reason, excerpt: excerpt(dimension) });
    };
    if (!product) {
      reject(`term for SKU "${sku}", which is not in products`);
    } else if (product.unknownLocation) {
      reject(`unknown AWS location "${product.unknownLocation}" (not in the region directory)`);
    } else if (!termClass.ok) {
      reject(termClass.reason);
    } else if (!isObject(dimension)) {
      reject('price dimension is not an object');
    } else {
      const offers = dimensionOffers(
        dimension,
        term,
        attributes,
        site,
        sku,
        product,
        termClass.purchaseOption,
        providerId,
      );
      if (typeof offers === 'string') reject(offers);
      else
        records.push({
          kind: 'accepted',
          position,
          offers,
          ...(product.spec ? { instanceTypes: [product.spec] } : {}),
        });
    }
  }
  return records;
}

/** The offers of one price dimension (one per currency), or why there are none. */
function dimensionOffers(
  dimension: JsonObject,
  term: JsonObject,
  termLevelAttributes: Record<string, unknown>,
  site: TermSite,
  sku: string,
  product: ProductInfo,
  termPurchaseOption: PurchaseOption,
  providerId: string,
): ParsedOffer[] | string {
  const prices = dimension.pricePerUnit;
  if (!isObject(prices) || Object.keys(prices).length === 0) return 'missing pricePerUnit';
  const unitRaw = text(dimension.unit) ?? null;
  const unit = unitOf(unitRaw ?? undefined);
  const purchaseOption =
    termPurchaseOption === 'ON_DEMAND' && product.capacityBlock ? 'CAPACITY_BLOCK' : termPurchaseOption;
  const appliesTo =
    Array.isArray(dimension.appliesTo) && dimension.appliesTo.length > 0 ? dimension.appliesTo : null;
  const attributes = appliesTo ? { ...termLevelAttributes, appliesTo } : termLevelAttributes;
  const endRange = text(dimension.endRange);
  const offers: ParsedOffer[] = [];
  for (const [currency, raw] of Object.entries(prices)) {
    const checked = checkPriceText(raw, `${currency} price`);
    if (!checked.ok) return checked.reason;
    offers.push({
      providerId,
      regionCode: product.regionCode,
      service: product.serviceCode,
      serviceCategory: product.serviceCategory,
      resourceKind: product.resourceKind === 'OTHER' && unit === 'REQUEST' ? 'REQUEST' : product.resourceKind,
      sku,
      instanceType: product.instanceType,
      os: product.os,
      purchaseOption,
      unit,
      unitRaw,
      price: checked.price,
      currency,
      tierStart: decimalText(dimension.beginRange),
      tierEnd: endRange === undefined || /^inf/i.test(endRange) ? null : decimalText(endRange),
      termCode: text(term.offerTermCode) ?? site.termKey.split('.')[1] ?? null,
      effectiveDate: dateOnly(term.effectiveDate),
      description: text(dimension.description) ?? null,
      attributes,
    });
  }
  return offers;
}
