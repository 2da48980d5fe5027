import {
  ARCHITECTURES,
  OPERATING_SYSTEMS,
  isOneOf,
  type ProviderKind,
  type PurchaseOption,
} from '../domain/catalog/catalog-enums.js';
import { hourlyEquivalentUsd } from '../domain/placement/compute-offers.js';
import type {
  CandidateRegion,
  ComputeOffer,
  CustomShapeRate,
  EgressTier,
  RegionSla,
  StoragePrice,
} from '../domain/placement/placement-types.js';
import type { GeoPoint } from '../domain/geo/haversine.js';
import type { RoundTrip } from '../domain/geo/latency-estimate.js';
import { HOME_COUNTRY_EXPOSURE } from '../domain/jurisdiction/regimes.js';
import { money } from '../domain/money.js';
import type { RegionView } from '../catalog/region-directory.service.js';
import { OfferIndex, type OfferIndexRow } from './offer-index.js';
import type {
  ComputeOfferRow,
  EgressRow,
  LatencyRow,
  PricedRow,
  SlaRow,
} from './placement-catalog.repository.js';

export type ExactPrice = Pick<ComputeOffer, 'unit' | 'priceUsd' | 'tcoPerHourUsd'>;

/** Everything placement scores against, built once per catalog activation and then read-only. */
export interface PlacementSnapshot {
  readonly builtAt: Date;
  readonly versionIds: readonly string[];
  readonly index: OfferIndex;
  readonly regions: readonly CandidateRegion[];
  /** Exact price of offers whose price a double would not print back exactly (terms, TCO, long decimals). */
  readonly exact: ReadonlyMap<string, ExactPrice>;
  readonly latency: ReadonlyMap<string, RoundTrip>;
  /** Mean position of the catalog's regions per country, for users given by country. */
  readonly countryPositions: ReadonlyMap<string, GeoPoint>;
  readonly stats: SnapshotStats;
}

export interface SnapshotStats {
  offersRead: number;
  offersIndexed: number;
  offersWithoutSpec: number;
  regionsWithoutCoordinates: number;
  indexBytesPerOffer: number;
  loadMs: number;
  indexBuildMs: number;
}

export interface ProviderInfo {
  readonly id: string;
  readonly name: string;
  readonly kind: ProviderKind;
  readonly headquartersCountry: string;
}

export interface SnapshotInputs {
  readonly versionIds: readonly string[];
  readonly providers: readonly ProviderInfo[];
  readonly regions: readonly RegionView[];
  readonly slas: readonly SlaRow[];
  readonly egressPrices: readonly EgressRow[];
  readonly egressOffers: readonly PricedRow[];
  readonly storage: readonly PricedRow[];
  readonly latencies: readonly LatencyRow[];
}

export const regionKeyOf = (providerId: string, regionCode: string) => `${providerId}/${regionCode}`;
export const pairKey = (a: string, b: string) => `${a}|${b}`;

/** Converts database rows into index rows, remembering exact prices the index's doubles cannot carry. */
export class IndexRowConverter {
  readonly exact = new Map<string, ExactPrice>();
  offersRead = 0;
  withoutSpec = 0;

  *rows(page: readonly ComputeOfferRow[]): Generator<OfferIndexRow> {
    for (const r of page) {
      this.offersRead++;
      const unit = r.unit === 'ONE_TIME' ? 'ONE_TIME' : 'HOUR';
      const purchaseOption = r.purchase_option as PurchaseOption;
      const hourly = hourlyEquivalentUsd(unit, purchaseOption, r.price_usd);
      if (hourly === null) continue;
      const isInstance = r.resource_kind === 'INSTANCE';
      if (isInstance && (r.vcpu === null || r.memory_gib === null)) {
        this.withoutSpec++;
        continue;
      }
      const pricePerHourUsd = hourly.toNumber();
      if (unit !== 'HOUR' || r.tco || !isInstance || String(pricePerHourUsd) !== trimZeros(r.price_usd)) {
        this.exact.set(r.id, {
          unit,
          priceUsd: r.price_usd,
          ...(r.tco?.fixed && r.tco.power
            ? { tcoPerHourUsd: { hardwareAndOperations: r.tco.fixed, power: r.tco.power } }
            : {}),
        });
      }
      yield {
        offerId: r.id,
        providerId: r.provider_id,
        regionCode: r.region_code,
        // Custom-shape rates (VCPU, MEMORY rows) are grouped by family, which the index reads from here.
        instanceType: isInstance ? r.instance_type : r.family,
        vcpu: r.vcpu ?? 0,
        memoryGib: r.memory_gib ?? 0,
        gpuModel: r.gpu_model,
        gpuCount: r.gpu_count ?? 0,
        arch: isOneOf(ARCHITECTURES, r.arch) ? r.arch : 'x86_64',
        os: isOneOf(OPERATING_SYSTEMS, r.os) ? r.os : null,
        purchaseOption,
        resourceKind: r.resource_kind as OfferIndexRow['resourceKind'],
        pricePerHourUsd,
        variant: r.variant,
      };
    }
  }
}

/** "0.0960000000" → "0.096": how a double prints the same value back. */
function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

const CLOUD_KINDS: readonly ProviderKind[] = ['PUBLIC_CLOUD'];

/** A provider's compute SLA: single instance and multi-zone uptime with their credit tiers. */
function slaFor(rows: readonly SlaRow[]): RegionSla | null {
  // Azure's single-instance SLA depends on the disks; Cumulus assumes premium SSD, the one a
  // production VM would use (the standard-SSD and HDD rows are lower).
  const single =
    rows.find((r) => r.scope === 'SINGLE_INSTANCE') ??
    rows.find((r) => r.scope === 'SINGLE_INSTANCE_PREMIUM_SSD');
  if (!single) return null;
  const multi = rows.find((r) => r.scope === 'MULTI_ZONE');
  return {
    singleInstancePct: Number(single.uptime_pct),
    multiZonePct: multi ? Number(multi.uptime_pct) : null,
    creditTiers: single.credit_tiers,
    ...(multi ? { multiZoneCreditTiers: multi.credit_tiers } : {}),
  };
}

function tiers(rows: readonly { start: string | null; end: string | null; price: string }[]): EgressTier[] {
  return rows
    .map((r) => ({
      startGb: Number(r.start ?? 0),
      endGb: r.end === null ? null : Number(r.end),
      pricePerGbUsd: r.price,
    }))
    .sort((a, b) => a.startGb - b.startGb);
}

function median(values: string[]): string | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => money(a).cmp(b));
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

export function buildCandidateRegions(
  inputs: SnapshotInputs,
  index: OfferIndex,
  exact: ReadonlyMap<string, ExactPrice>,
): { regions: CandidateRegion[]; withoutCoordinates: number } {
  const providers = new Map(inputs.providers.map((p) => [p.id, p]));
  const slaByProvider = new Map<string, SlaRow[]>();
  for (const s of inputs.slas)
    slaByProvider.set(s.provider_id, [...(slaByProvider.get(s.provider_id) ?? []), s]);
  const group = <T>(rows: readonly T[], key: (r: T) => string) => {
    const map = new Map<string, T[]>();
    for (const r of rows) map.set(key(r), [...(map.get(key(r)) ?? []), r]);
    return map;
  };
  const egress = group(
    inputs.egressPrices.filter((e) => e.currency === 'USD'),
    (e) => `${e.provider_id}/${e.src_region}/${e.destination}`,
  );
  const siteEgress = group(
    inputs.egressOffers.filter((e) => e.label === 'INTERNET'),
    (e) => regionKeyOf(e.provider_id, e.region_code),
  );
  const storage = group(inputs.storage, (s) => regionKeyOf(s.provider_id, s.region_code));
  const candidates: CandidateRegion[] = [];
  let withoutCoordinates = 0;
  for (const r of inputs.regions) {
    const provider = providers.get(r.provider);
    const key = index.regionKey(r.provider, r.code);
    if (!provider || key < 0) continue;
    if (r.latitude === null || r.longitude === null) {
      withoutCoordinates++;
      continue;
    }
    const internet =
      egress.get(`${r.provider}/${r.code}/INTERNET`) ?? egress.get(`${r.provider}/*/INTERNET`) ?? null;
    const sameProvider =
      egress.get(`${r.provider}/${r.code}/SAME_PROVIDER`) ??
      egress.get(`${r.provider}/*/SAME_PROVIDER`) ??
      [];
    const onPremSla: RegionSla | null =
      r.availabilityPct !== null
        ? { singleInstancePct: Number(r.availabilityPct), multiZonePct: null, creditTiers: [] }
        : null;
    const exactOf = (id: string, fallback: number) => exact.get(id)?.priceUsd ?? String(fallback);
    candidates.push({
      providerId: r.provider,
      providerName: provider.name,
      providerKind: provider.kind,
      headquartersCountry: provider.headquartersCountry,
      regionCode: r.code,
      regionName: r.name,
      countryCode: r.country,
      latitude: r.latitude,
      longitude: r.longitude,
      regimes: r.regimes,
      homeExposureRegimes: r.regimes.filter((g) => g === HOME_COUNTRY_EXPOSURE[provider.headquartersCountry]),
      carbonGco2ePerKwh: r.carbonGco2ePerKwh === null ? null : Number(r.carbonGco2ePerKwh),
      pue: r.pue === null ? null : Number(r.pue),
      sla: CLOUD_KINDS.includes(provider.kind)
        ? slaFor(slaByProvider.get(r.provider) ?? [])
        : (onPremSla ?? slaFor(slaByProvider.get(r.provider) ?? [])),
      egress: {
        internet: internet
          ? tiers(
              internet.map((e) => ({ start: e.tier_start_gb, end: e.tier_end_gb, price: e.price_per_gb })),
            )
          : siteEgress.get(regionKeyOf(r.provider, r.code))?.length
            ? tiers(
                siteEgress
                  .get(regionKeyOf(r.provider, r.code))!
                  .map((e) => ({ start: e.tier_start, end: e.tier_end, price: e.price_usd })),
              )
            : null,
        // One number per region: the median of its measured same-provider inter-region prices.
        interRegionPerGbUsd: median(
          sameProvider.filter((e) => Number(e.tier_start_gb) === 0).map((e) => e.price_per_gb),
        ),
      },
      storage: (storage.get(regionKeyOf(r.provider, r.code)) ?? []).map((s): StoragePrice => ({
        storageClass: s.label ?? '',
        pricePerGibMonthUsd: s.price_usd,
        offerId: s.offer_id,
      })),
      customShapes: index.customShapeRates(key).map((c): CustomShapeRate => ({
        label: c.family ?? 'custom',
        purchaseOption: c.purchaseOption,
        os: c.os,
        arch: c.arch,
        vcpuPerHourUsd: exactOf(c.vcpuOfferId, c.vcpuPerHourUsd),
        memoryGibPerHourUsd: exactOf(c.memoryOfferId, c.memoryGibPerHourUsd),
        vcpuOfferId: c.vcpuOfferId,
        memoryOfferId: c.memoryOfferId,
      })),
    });
  }
  return { regions: candidates, withoutCoordinates };
}

/** Measured round trips per ordered pair of regions; where two sources measured a pair, the higher one. */
export function buildLatencyMap(rows: readonly LatencyRow[]): Map<string, RoundTrip> {
  const map = new Map<string, RoundTrip>();
  for (const r of rows) {
    const a = regionKeyOf(r.src_provider, r.src_region);
    const b = regionKeyOf(r.dst_provider, r.dst_region);
    for (const key of [pairKey(a, b), pairKey(b, a)]) {
      const known = map.get(key);
      if (!known || known.rttMs < r.rtt_ms)
        map.set(key, { rttMs: r.rtt_ms, source: r.source, kind: 'MEASURED' });
    }
  }
  return map;
}

export function countryPositions(regions: readonly RegionView[]): Map<string, GeoPoint> {
  const sums = new Map<string, { lat: number; lon: number; n: number }>();
  for (const r of regions) {
    if (r.latitude === null || r.longitude === null) continue;
    const s = sums.get(r.country) ?? { lat: 0, lon: 0, n: 0 };
    sums.set(r.country, { lat: s.lat + r.latitude, lon: s.lon + r.longitude, n: s.n + 1 });
  }
  return new Map(
    [...sums].map(([country, s]) => [country, { latitude: s.lat / s.n, longitude: s.lon / s.n }]),
  );
}
