import { Injectable } from '@nestjs/common';
import { InvalidInputError, NotFoundError } from '../common/errors.js';
import { money } from '../domain/money.js';
import { scoreOptions } from '../domain/placement/score-options.js';
import type { PlacementResult } from '../domain/placement/placement-result-types.js';
import type {
  ComputeNeed,
  ComputeOffer,
  ComputeOfferSource,
  PlacementCandidates,
  RegionRef,
  Weights,
} from '../domain/placement/placement-types.js';
import { hourlyEquivalentUsd, offerFits } from '../domain/placement/compute-offers.js';
import { ARCHITECTURES, isOneOf } from '../domain/catalog/catalog-enums.js';
import { PlacementInputError } from '../domain/placement/workload-input.js';
import { OfferRepository } from '../catalog/offer.repository.js';
import type { WorkloadSpec } from '../workloads/workload-spec.js';
import { WorkloadService, type Actor } from '../workloads/workload.service.js';
import { offerIndexSource } from './offer-index.js';
import type { PlacementTarget, PricedComponent, TargetPricing } from './placement-target.js';
import { pairKey, regionKeyOf, type PlacementSnapshot } from './placement-snapshot.js';
import { PlacementSnapshotService } from './placement-snapshot.service.js';
import { toDomainWorkload, weightsOf } from './placement-workload.js';

/** Distinct placement questions remembered per snapshot. */
const ANSWER_CACHE_SIZE = 500;

export interface PlacementQuery {
  readonly workload?: WorkloadSpec | null;
  readonly workloadId?: string | null;
  readonly weights?: Weights | null;
  readonly limit: number;
}

export interface PlacementAnswer extends PlacementResult {
  /** The active catalog versions the answer was computed from. */
  readonly catalogVersionIds: readonly string[];
}

/** Where should this workload run, and why there: loads the snapshot, calls the domain, maps errors. */
@Injectable()
export class PlacementService {
  /**
   * Answers are a pure function of the snapshot and the request, so repeated questions (a
   * dashboard refreshing, a script re-asking) are served from here until the catalog changes.
   */
  private readonly answers = new Map<string, PlacementAnswer>();
  private answersFor: PlacementSnapshot | null = null;

  constructor(
    private readonly snapshots: PlacementSnapshotService,
    private readonly workloads: WorkloadService,
    private readonly offers: OfferRepository,
  ) {}

  async placementOptions(actor: Actor, query: PlacementQuery, now = new Date()): Promise<PlacementAnswer> {
    if (Boolean(query.workload) === Boolean(query.workloadId)) {
      throw new InvalidInputError('give exactly one of workload or workloadId', 'placementOptions');
    }
    if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > 100) {
      throw new InvalidInputError('limit must be between 1 and 100', 'limit');
    }
    const spec = query.workload ?? (await this.workloads.get(actor, query.workloadId!)).spec;
    const snapshot = await this.snapshots.snapshot();
    if (this.answersFor !== snapshot) {
      this.answers.clear();
      this.answersFor = snapshot;
    }
    const key = JSON.stringify([spec, query.weights ?? null, query.limit]);
    const cached = this.answers.get(key);
    if (cached) {
      this.answers.delete(key);
      this.answers.set(key, cached);
      return cached;
    }
    const workload = toDomainWorkload(spec, snapshot.countryPositions);
    const result = domainCall(() =>
      scoreOptions(candidatesOf(snapshot), workload, weightsOf(spec, query.weights), now, {
        topK: query.limit,
      }),
    );
    const answer = { ...result, catalogVersionIds: snapshot.versionIds };
    this.answers.set(key, answer);
    if (this.answers.size > ANSWER_CACHE_SIZE) this.answers.delete(this.answers.keys().next().value!);
    return answer;
  }

  /**
   * What the workload costs per month at a given target, priced from the active catalog: the
   * target's regions as one option (N regions = N replicas), its purchase options, and the
   * offers picked per component if given. Other constraints do not apply: the user chose it.
   */
  async priceTarget(spec: WorkloadSpec, target: PlacementTarget, now = new Date()): Promise<TargetPricing> {
    if (target.regions.length === 0)
      throw new InvalidInputError('name at least one region', 'target.regions');
    const snapshot = await this.snapshots.snapshot();
    const wanted = new Set(target.regions.map((r) => regionKeyOf(target.provider, r)));
    const regions = snapshot.regions.filter((r) => wanted.has(regionKeyOf(r.providerId, r.regionCode)));
    if (regions.length !== wanted.size) {
      const known = new Set(regions.map((r) => r.regionCode));
      const missing = target.regions.filter((r) => !known.has(r));
      throw new NotFoundError(`no offers of ${target.provider} in region(s) ${missing.join(', ')}`, {
        path: 'target.regions',
      });
    }
    const base = toDomainWorkload(spec, snapshot.countryPositions);
    const workload = {
      ...base,
      regionsCount: target.regions.length,
      constraints: { purchaseOptions: base.constraints.purchaseOptions },
    };
    const pinned = await this.pinnedOffers(spec, target);
    const candidates: PlacementCandidates = { ...candidatesOf(snapshot, pinned), regions };
    const result = domainCall(() =>
      scoreOptions(candidates, workload, { cost: 1, latency: 0, availability: 0, carbon: 0 }, now, {
        topK: 1,
      }),
    );
    const option = result.options[0];
    if (!option) {
      const reasons = result.rejected.flatMap((r) => r.reasons);
      throw new InvalidInputError(
        `the workload cannot run at ${target.provider} ${target.regions.join('+')}: ${reasons.join('; ')}`,
        'target',
      );
    }
    const offerRows = await this.offers.findByIds(
      option.components.map((c) => c.offerId).filter((id): id is string => id !== null),
    );
    const byId = new Map(offerRows.map((o) => [o.id, o]));
    const components: PricedComponent[] = option.components.map((c) => {
      const offer = c.offerId ? byId.get(c.offerId) : undefined;
      const hours = spec.components.find((s) => s.name === c.component)?.hoursPerMonth ?? 730;
      const perHourUsd =
        offer?.unit === 'HOUR' && offer.priceUsd !== null
          ? money(offer.priceUsd)
          : money(c.monthlyUsd).div(c.count * hours);
      return {
        component: c.component,
        regionCode: c.regionCode,
        offerId: c.offerId,
        sku: offer?.sku ?? null,
        instanceType: c.instanceType,
        purchaseOption: c.purchaseOption,
        count: c.count,
        vcpu: c.vcpu,
        memoryGib: c.memoryGib,
        pricePerHourUsd: perHourUsd.toDecimalPlaces(10).toFixed(),
        pricePerHour: offer && offer.unit === 'HOUR' ? offer.price : perHourUsd.toDecimalPlaces(10).toFixed(),
        currency: offer && offer.unit === 'HOUR' ? offer.currency : 'USD',
        monthlyCostUsd: c.monthlyUsd,
      };
    });
    return {
      provider: option.providerId,
      providerKind: option.providerKind,
      regions: option.regions.map((r) => r.regionCode),
      monthlyCostUsd: option.cost.totalUsd,
      computeUsd: option.cost.computeUsd,
      storageUsd: option.cost.storageUsd,
      egressUsd: option.cost.egressUsd,
      components,
      unknownPrices: option.cost.unknownPrices,
    };
  }

  /** Offers the user picked per component (from a placementOptions result), as the cost model takes them. */
  private async pinnedOffers(spec: WorkloadSpec, target: PlacementTarget): Promise<PinnedOffer[]> {
    const picks = target.offers ?? [];
    picks.forEach(({ component, offerId }, i) => {
      if (!/^\d+$/.test(offerId))
        throw new InvalidInputError(`not an offer id: ${offerId}`, `target.offers[${i}].offerId`);
      if (!spec.components.some((c) => c.name === component)) {
        throw new InvalidInputError(`no component named ${component}`, `target.offers[${i}].component`);
      }
    });
    if (picks.length === 0) return [];
    const rows = new Map((await this.offers.findByIds(picks.map((p) => p.offerId))).map((o) => [o.id, o]));
    return picks.map(({ component, offerId }, i) => {
      const row = rows.get(offerId);
      if (!row || row.provider !== target.provider || !row.region || !target.regions.includes(row.region)) {
        throw new NotFoundError(
          `offer ${offerId} is not an offer of ${target.provider} in ${target.regions.join(', ')}`,
          {
            path: `target.offers[${i}]`,
          },
        );
      }
      if (
        row.vcpu === null ||
        row.memoryGib === null ||
        row.priceUsd === null ||
        (row.unit !== 'HOUR' && row.unit !== 'ONE_TIME')
      ) {
        throw new InvalidInputError(`offer ${offerId} is not a priced instance offer`, `target.offers[${i}]`);
      }
      const c = spec.components.find((x) => x.name === component)!;
      const hourly = hourlyEquivalentUsd(row.unit, row.purchaseOption, row.priceUsd);
      return {
        component: c,
        offer: {
          providerId: row.provider,
          regionCode: row.region,
          offerId: row.id,
          instanceType: row.instanceType,
          vcpu: row.vcpu,
          memoryGib: row.memoryGib,
          gpuModel: row.gpuModel,
          gpuCount: row.gpuCount ?? 0,
          arch: isOneOf(ARCHITECTURES, row.arch) ? row.arch : 'x86_64',
          os: row.os,
          purchaseOption: row.purchaseOption,
          unit: row.unit,
          priceUsd: row.priceUsd,
          pricePerHourUsd: hourly?.toNumber() ?? Number(row.priceUsd),
        },
      };
    });
  }
}

interface PinnedOffer {
  readonly component: WorkloadSpec['components'][number];
  readonly offer: ComputeOffer & RegionRef;
}

/** A component's own need: pinned offers apply to the component they were picked for, where they fit. */
function pinnedFor(
  pinned: readonly PinnedOffer[],
  region: RegionRef,
  need: ComputeNeed,
): ComputeOffer | null {
  for (const p of pinned) {
    const c = p.component;
    if (p.offer.providerId !== region.providerId || p.offer.regionCode !== region.regionCode) continue;
    if (c.vcpu !== need.vcpu || c.memoryGib !== need.memoryGib || (c.gpuModel ?? null) !== need.gpuModel)
      continue;
    if (offerFits(p.offer, need)) return p.offer;
  }
  return null;
}

function domainCall<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof PlacementInputError)
      throw new InvalidInputError(error.message.replace(`${error.path}: `, ''), error.path);
    throw error;
  }
}

/** The snapshot as the domain's candidates; offers pinned by the user win where they fit their component. */
export function candidatesOf(
  snapshot: PlacementSnapshot,
  pinned: readonly PinnedOffer[] = [],
): PlacementCandidates {
  const memo = pinned.length === 0 ? candidatesMemo.get(snapshot) : undefined;
  if (memo) return memo;
  const base = offerIndexSource(snapshot.index, (id) => snapshot.exact.get(id));
  const offers: ComputeOfferSource =
    pinned.length === 0
      ? base
      : {
          cheapestFitting: (region, need) =>
            pinnedFor(pinned, region, need) ?? base.cheapestFitting(region, need),
        };
  const candidates: PlacementCandidates = {
    regions: snapshot.regions,
    offers,
    regionLatency: (a, b) =>
      snapshot.latency.get(
        pairKey(regionKeyOf(a.providerId, a.regionCode), regionKeyOf(b.providerId, b.regionCode)),
      ) ?? null,
  };
  if (pinned.length === 0) candidatesMemo.set(snapshot, candidates);
  return candidates;
}

/** One offer source per snapshot: its region-key lookups are cached across queries. */
const candidatesMemo = new WeakMap<PlacementSnapshot, PlacementCandidates>();
