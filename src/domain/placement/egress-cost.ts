import type { DraftLine } from './cost-model.js';
import type { CandidateRegion, EgressTier } from './placement-types.js';
import type { ResolvedWorkload } from './workload-input.js';

/**
 * Data transfer cost of one region's replica (see cost-model.ts for the model): internet
 * egress through the region's tiers, and the inter-component traffic a replica forwards to
 * the others at the provider's inter-region rate.
 */

/** GB per tier for `gb` transferred in a month; GB past a bounded last tier pay the last tier's price. */
export function splitByTiers(tiers: readonly EgressTier[], gb: number): { tier: EgressTier; gb: number }[] {
  const sorted = [...tiers].sort((a, b) => a.startGb - b.startGb);
  const parts: { tier: EgressTier; gb: number }[] = [];
  for (const [i, tier] of sorted.entries()) {
    const last = i === sorted.length - 1;
    const end = last ? Number.POSITIVE_INFINITY : (tier.endGb ?? Number.POSITIVE_INFINITY);
    const inTier = Math.min(gb, end) - tier.startGb;
    if (inTier > 0) parts.push({ tier, gb: inTier });
  }
  return parts;
}

export function egressLines(
  region: CandidateRegion,
  workload: ResolvedWorkload,
  unknown: string[],
): DraftLine[] {
  const n = workload.regionsCount;
  const lines: DraftLine[] = [];
  const internetGib = workload.components.reduce((s, c) => s + c.egressInternetGibPerMonth, 0) / n;
  if (internetGib > 0) {
    const tiers = region.egress.internet;
    if (!tiers || tiers.length === 0)
      unknown.push(`internet egress from ${region.regionCode} (${internetGib} GiB)`);
    else {
      for (const { tier, gb } of splitByTiers(tiers, internetGib)) {
        lines.push({
          kind: 'EGRESS_INTERNET',
          regionCode: region.regionCode,
          component: null,
          offerId: null,
          describe: () => `internet egress, tier ${tier.startGb}–${tier.endGb ?? '∞'} GB`,
          quantity: gb,
          quantityUnit: 'GB',
          unitPriceUsd: tier.pricePerGbUsd,
          divisor: 1,
        });
      }
    }
  }
  const replicatedGib =
    (workload.components.reduce((s, c) => s + c.egressToComponentsGibPerMonth, 0) * (n - 1)) / n;
  if (replicatedGib > 0) {
    const rate = region.egress.interRegionPerGbUsd;
    if (rate === null) unknown.push(`inter-region egress from ${region.regionCode} (${replicatedGib} GiB)`);
    else
      lines.push({
        kind: 'EGRESS_INTER_REGION',
        regionCode: region.regionCode,
        component: null,
        offerId: null,
        describe: () => `inter-component traffic forwarded to ${n - 1} other replica(s)`,
        quantity: replicatedGib,
        quantityUnit: 'GB',
        unitPriceUsd: rate,
        divisor: 1,
      });
  }
  return lines;
}
