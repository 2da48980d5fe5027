import type { JsonStreamOptions } from './json/json-stream.js';
import type { Readable } from 'node:stream';
import type {
  Arch,
  OperatingSystem,
  ProviderKind,
  PurchaseOption,
  ResourceKind,
  ServiceCategory,
  Unit,
} from '../../domain/catalog/catalog-enums.js';

/**
 * The contract every catalog source format implements. An importer knows its provider's
 * format and nothing about the database: it turns bytes into records, and the catalog
 * service streams those records into a catalog version.
 */
export type JsonSelection = Pick<JsonStreamOptions, 'paths' | 'allowJsonp'>;

export interface CatalogImporter {
  /** Format id used by the CLI and GraphQL (`aws-offer-file`, `azure-retail`, …). */
  readonly format: string;
  readonly description: string;
  /** The provider this format always describes, if fixed (`aws` for AWS formats). */
  readonly defaultProvider?: string;
  /**
   * Looks at the first bytes (at most 64 KiB, decoded as UTF-8) and says why this is not the
   * format, or null when it plausibly is. A file that fails here is rejected before anything
   * is written.
   */
  detect(head: string): string | null;
  /** JSON formats: the values read from the document, so the JSON parse can be measured on its own. */
  readonly jsonSelection?: JsonSelection;
  /** Streams every input record, each accepted or rejected with its position and reason. */
  read(source: ImportSource, context: ImportContext): AsyncIterable<ImportRecord>;
}

/** Bytes of one input: a file, an upload or the first page of a URL. */
export interface ImportSource {
  /** File path or URL, as the user gave it; used in positions and messages. */
  readonly name: string;
  /** A fresh stream of the whole input. */
  open(): Readable;
}

export interface ImportContext {
  /** `--provider` from the user, when given. */
  readonly providerId?: string;
  /** Region code for a provider's display name ("US East (N. Virginia)" → us-east-1). */
  regionCodeByName(providerId: string, name: string): string | undefined;
  /**
   * Fetches a follow-up page (Azure `NextPageLink`, GCP `nextPageToken`). Only URLs on the
   * configured allow-list are fetched; others throw. Undefined when importing a file:
   * importers then stop after the first page and record where paging stopped.
   */
  readonly fetchPage?: (url: string) => Promise<Readable>;
}

export interface ParsedInstanceType {
  readonly providerId: string;
  readonly name: string;
  readonly vcpu: string;
  readonly memoryGib: string;
  readonly gpuModel: string | null;
  readonly gpuCount: string;
  readonly gpuMemoryGib: string | null;
  readonly arch: Arch;
  readonly family: string | null;
}

export interface ParsedOffer {
  readonly providerId: string;
  /** Null for global prices (some data-transfer and licence SKUs). */
  readonly regionCode: string | null;
  /** The provider's own service name: AmazonEC2, Virtual Machines, Compute Engine. */
  readonly service: string;
  readonly serviceCategory: ServiceCategory;
  readonly resourceKind: ResourceKind;
  readonly sku: string;
  readonly instanceType: string | null;
  readonly os: OperatingSystem | null;
  readonly purchaseOption: PurchaseOption;
  readonly unit: Unit;
  /** The unit exactly as the source wrote it ("Hrs", "1 Hour", "GiBy.mo", "10K"). */
  readonly unitRaw: string | null;
  /** Decimal string, price per one `unit` (already divided by any "per 10K" quantity). */
  readonly price: string;
  /** ISO 4217. */
  readonly currency: string;
  readonly tierStart?: string | null;
  readonly tierEnd?: string | null;
  /** Groups price dimensions of one term (AWS offer term code, Azure reservation id). */
  readonly termCode?: string | null;
  /** YYYY-MM-DD. */
  readonly effectiveDate?: string | null;
  readonly description?: string | null;
  readonly attributes?: Record<string, unknown> | null;
}

/** A provider defined by the input itself (cumulus-csv: an on-prem site or hoster). */
export interface ParsedProvider {
  readonly id: string;
  readonly name: string;
  readonly kind: ProviderKind;
  readonly headquartersCountry: string;
  readonly adapterId?: string;
}

/** A region or site defined by the input itself. */
export interface ParsedRegion {
  readonly providerId: string;
  readonly code: string;
  readonly name: string;
  readonly countryCode: string;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly carbonGco2ePerKwh?: string | null;
  readonly pue?: string | null;
  readonly powerPricePerKwh?: string | null;
  readonly powerPriceCurrency?: string | null;
  readonly availabilityZones?: number | null;
  /** Availability the site is designed for, percent (on-prem sites have no published SLA). */
  readonly availabilityPct?: string | null;
  /** Capacity of an on-prem site, for overspill. */
  readonly capacityVcpu?: number | null;
  readonly capacityMemoryGib?: number | null;
}

/**
 * One input record (a price dimension, an Azure item, a GCP SKU, a CSV row, a spot cell,
 * a pricing-page entry) and everything it produced.
 */
export type ImportRecord =
  | {
      readonly kind: 'accepted';
      readonly position: string;
      readonly offers: readonly ParsedOffer[];
      readonly instanceTypes?: readonly ParsedInstanceType[];
      readonly provider?: ParsedProvider;
      readonly region?: ParsedRegion;
    }
  | {
      readonly kind: 'rejected';
      readonly position: string;
      readonly reason: string;
      /** A short piece of the offending input (≤ 200 chars). */
      readonly excerpt?: string;
    }
  | {
      /** Not a record: metadata about the input (file version, publication date, where paging stopped). */
      readonly kind: 'metadata';
      readonly values: Record<string, unknown>;
    };

/** The whole input is not what the format expects (wrong format, truncated JSON, no header). */
export class ImportFormatError extends Error {
  constructor(
    readonly format: string,
    readonly sourceName: string,
    detail: string,
  ) {
    super(`${sourceName} is not a valid ${format} input: ${detail}`);
  }
}

export function excerpt(value: unknown, max = 200): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
