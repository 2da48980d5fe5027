import type {
  PlacementOption as DomainOption,
  ProviderExplanation,
} from '../../domain/placement/placement-result-types.js';
import type { PlacementAnswer } from '../placement.service.js';
import type { PlacementOption, PlacementOptions, RejectedProvider } from './placement.types.js';

export function toPlacementOption(o: DomainOption): PlacementOption {
  return {
    rank: o.rank,
    provider: o.providerId,
    providerName: o.providerName,
    providerKind: o.providerKind,
    regions: o.regions.map((r) => r.regionCode),
    score: o.score,
    pareto: o.pareto,
    availability: o.availabilityPct,
    availabilityBasis: o.availabilityBasis,
    latencyMs: o.latency.meanMs,
    maxUserLatencyMs: o.latency.maxUserMs,
    latencyBasis: o.latency.basis,
    carbonKgPerMonth: o.carbonKgCo2ePerMonth,
    carbonNote: o.carbonNote,
    regimes: [...o.regimes],
    monthlyCost: {
      compute: o.cost.computeUsd,
      storage: o.cost.storageUsd,
      egress: o.cost.egressUsd,
      total: o.cost.totalUsd,
      currency: 'USD',
      onPremTco: o.cost.onPremTco ? { ...o.cost.onPremTco } : null,
      unknownPrices: [...o.cost.unknownPrices],
    },
    components: o.components.map((c) => ({
      name: c.component,
      region: c.regionCode,
      instanceType: c.instanceType,
      count: c.count,
      vcpu: c.vcpu,
      memoryGib: c.memoryGib,
      gpuModel: c.gpuModel,
      gpuCount: c.gpuCount,
      purchaseOption: c.purchaseOption,
      pricing: c.pricing,
      offer: c.offerId,
      monthlyCost: c.monthlyUsd,
    })),
    trace: o.trace.map((t) => ({ ...t, note: t.note ?? null })),
    slaCreditExposure: o.slaCreditExposure ? { ...o.slaCreditExposure } : null,
  };
}

function toRejectedProvider(e: ProviderExplanation): RejectedProvider {
  return {
    provider: e.providerId,
    providerName: e.providerName,
    status: e.status,
    reason: e.reason,
    bestCandidate: e.closestRejected
      ? {
          regions: [...e.closestRejected.regionCodes],
          reasons: [...e.closestRejected.reasons],
          monthlyCost: e.closestRejected.monthlyCostUsd,
        }
      : null,
    bestOption: e.bestOption ? toPlacementOption(e.bestOption) : null,
  };
}

export function toPlacementOptions(answer: PlacementAnswer): PlacementOptions {
  return {
    options: answer.options.map(toPlacementOption),
    rejected: answer.whyNot.map(toRejectedProvider),
    notes: [...answer.notes],
    evaluatedAt: new Date(answer.evaluatedAt),
    candidateRegions: answer.candidateRegions,
    feasibleOptions: answer.feasibleOptions,
    catalogVersionIds: [...answer.catalogVersionIds],
  };
}
