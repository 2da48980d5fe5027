import type { EgressDestination, EuAdequacy, ProviderKind } from '../../domain/catalog/catalog-enums.js';
import type { ImportSource } from '../importers/catalog-importer.js';

/**
 * The contract of a reference-data format (regions, aliases, jurisdictions, SLAs, latency,
 * throughput, egress, carbon, providers, FX rates). Like a CatalogImporter it knows its
 * format and nothing about the database; unlike offers, reference inputs are small, so the
 * service collects every record and replaces the rows in one transaction.
 */
export interface ReferenceImporter {
  /** Format id used by the CLI and GraphQL (`regions-csv`, `azure-rtt-matrix`, …). */
  readonly format: string;
  readonly description: string;
  /** Which rows the format replaces. */
  readonly kind: ReferenceKind;
  /** The provider the data is about (`aws` for AWS locations), or `reference` for shared data. */
  readonly providerId: string;
  /** Looks at the first bytes (≤ 64 KiB) and says why this is not the format, or null. */
  detect(head: string): string | null;
  /** Every input row, accepted (with the rows it yields) or rejected with its position and reason. */
  read(source: ImportSource, context: ReferenceContext): AsyncIterable<ReferenceImportRecord>;
}

export const REFERENCE_PROVIDER = 'reference';

export type ReferenceKind =
  | 'providers'
  | 'regions'
  | 'region-aliases'
  | 'jurisdictions'
  | 'slas'
  | 'latency'
  | 'throughput'
  | 'egress'
  | 'carbon'
  | 'fx-rates';

/** What the catalog already knows, for formats that name regions or need their provider. */
export interface ReferenceContext {
  readonly knownProviders: ReadonlySet<string>;
  /** The region code for a code, display name or alias of a provider's region (case-insensitive). */
  regionCode(providerId: string, nameOrCode: string): string | undefined;
}

export interface ProviderRow {
  readonly id: string;
  readonly name: string;
  readonly kind: ProviderKind;
  readonly headquartersCountry: string;
  readonly adapterId: string;
}

export interface RegionRow {
  readonly providerId: string;
  readonly code: string;
  readonly name: string;
  readonly countryCode: string;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly carbonGco2ePerKwh: string | null;
  readonly carbonSource: string | null;
}

export interface RegionAliasRow {
  readonly providerId: string;
  readonly alias: string;
  readonly regionCode: string;
}

export interface JurisdictionRow {
  readonly countryCode: string;
  readonly countryName: string;
  readonly euMember: boolean;
  readonly eeaMember: boolean;
  readonly euAdequacy: EuAdequacy;
  readonly euAdequacyNote: string | null;
  readonly regime: string;
  readonly regimeName: string;
  readonly note: string | null;
}

export interface SlaRow {
  readonly providerId: string;
  readonly service: string;
  readonly scope: string;
  readonly uptimePct: string;
  readonly creditTiers: { belowPct: number; creditPct: number }[];
  readonly verified: string | null;
  readonly source: string | null;
}

export interface RegionPair {
  readonly srcProvider: string;
  readonly srcRegion: string;
  readonly dstProvider: string;
  readonly dstRegion: string;
}

export interface LatencyRow extends RegionPair {
  readonly rttMs: string;
  /** What the source measured: p95, avg. */
  readonly statistic: string;
}

export interface ThroughputRow extends RegionPair {
  readonly gbitPerS: string;
}

export interface EgressRow {
  readonly providerId: string;
  readonly srcRegion: string;
  readonly destination: EgressDestination;
  readonly dstProvider: string | null;
  readonly dstRegion: string | null;
  readonly tierStartGb: string;
  readonly tierEndGb: string | null;
  readonly pricePerGb: string;
  readonly currency: string;
}

export interface CarbonRow {
  readonly providerId: string;
  readonly regionCode: string;
  readonly carbonGco2ePerKwh: string;
  /** Who published the figure; decides precedence (see carbon-precedence.ts). */
  readonly carbonSource: string;
}

export interface FxRateRow {
  readonly currency: string;
  readonly effectiveDate: string;
  readonly usdPerUnit: string;
  readonly source: string;
}

export interface ReferenceRowsByKind {
  providers: ProviderRow;
  regions: RegionRow;
  'region-aliases': RegionAliasRow;
  jurisdictions: JurisdictionRow;
  slas: SlaRow;
  latency: LatencyRow;
  throughput: ThroughputRow;
  egress: EgressRow;
  carbon: CarbonRow;
  'fx-rates': FxRateRow;
}

export type ReferenceRow = ReferenceRowsByKind[ReferenceKind];

/** One input record: a CSV row, a JSON entry, a matrix row (which yields many measurements). */
export type ReferenceImportRecord =
  | { readonly kind: 'accepted'; readonly position: string; readonly rows: readonly ReferenceRow[] }
  | {
      readonly kind: 'rejected';
      readonly position: string;
      readonly reason: string;
      readonly excerpt?: string;
    }
  | { readonly kind: 'metadata'; readonly values: Record<string, unknown> };
