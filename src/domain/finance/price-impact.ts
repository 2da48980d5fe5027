import { HOURS_PER_MONTH, money, toNumericString } from '../money.js';
import type { Deployment, PriceChange } from './finance-types.js';
import { pricedSegments, priceTimelines, runningInterval, type PriceTimelines } from './price-segments.js';
import { isoInstant, toMs, type Instant } from './utc-time.js';

export interface PriceStep {
  readonly effectiveFrom: string;
  readonly pricePerUnit: string;
  readonly pricePerUnitUsd: string | null;
}

/** A running deployment whose price in force now differs from the price it was started at. */
export interface PriceImpact {
  readonly deploymentId: string;
  readonly workloadId: string;
  readonly component: string;
  readonly providerId: string;
  readonly regionCode: string;
  readonly sku: string;
  readonly count: number;
  readonly currency: string;
  readonly startedAt: string;
  readonly startedPricePerUnit: string;
  readonly startedPricePerUnitUsd: string | null;
  readonly currentPricePerUnit: string;
  readonly currentPricePerUnitUsd: string | null;
  /** Every change that took effect since the start, oldest first (the last one is in force). */
  readonly changes: readonly PriceStep[];
  /** (current − started) USD price × count × 730 h; null when either USD price is unknown. */
  readonly monthlyImpactUsd: string | null;
  /** Relative change of the unit price in its own currency, percent, 2 places. */
  readonly changePct: string | null;
}

/** The unit price in force for a deployment at an instant (its own price until a later change). */
export function priceInForce(
  deployment: Deployment,
  timelines: PriceTimelines,
  at: Instant,
): { pricePerUnit: string; pricePerUnitUsd: string | null } | null {
  const atMs = toMs(at);
  const [segment] = pricedSegments(deployment, atMs, atMs + 1, timelines);
  return segment ? { pricePerUnit: segment.pricePerUnit, pricePerUnitUsd: segment.pricePerUnitUsd } : null;
}

/**
 * What the deployments running at `at` cost per month at the prices in force then: USD price ×
 * count × 730 h (HOURS_PER_MONTH, the basis placement and the migration planner use, so the
 * figure compares with theirs). Deployments without a USD price are listed, not guessed.
 */
export function monthlyRunRateUsd(
  deployments: readonly Deployment[],
  history: readonly PriceChange[] | PriceTimelines,
  at: Instant,
): { costUsd: string; unpriced: string[] } {
  const timelines = Array.isArray(history) ? priceTimelines(history) : (history as PriceTimelines);
  let cost = money(0);
  const unpriced: string[] = [];
  for (const deployment of deployments) {
    const price = priceInForce(deployment, timelines, at);
    if (price === null) continue;
    if (price.pricePerUnitUsd === null) unpriced.push(deployment.id);
    else cost = cost.plus(money(price.pricePerUnitUsd).mul(deployment.count).mul(HOURS_PER_MONTH));
  }
  return { costUsd: toNumericString(cost), unpriced };
}

/**
 * Price changes that re-price running deployments: for each deployment running at `now`, the
 * changes between its start and now, and what the difference costs per month. The monthly
 * figure uses the 730-hour month (HOURS_PER_MONTH) like every other monthly estimate, not the
 * calendar month the ledger accrues. Deployments whose price is unchanged are left out; a
 * change back to the starting price counts as unchanged. Largest monthly increase first.
 */
export function priceChangesAffecting(
  deployments: readonly Deployment[],
  history: readonly PriceChange[] | PriceTimelines,
  now: Instant,
): PriceImpact[] {
  const nowMs = toMs(now);
  const timelines = Array.isArray(history) ? priceTimelines(history) : (history as PriceTimelines);
  const impacts: PriceImpact[] = [];
  for (const deployment of deployments) {
    const running = runningInterval(deployment);
    if (!(running.fromMs <= nowMs && nowMs < running.toMs)) continue;
    // The window ends just after `now` so a change taking effect exactly now is in force.
    const segments = pricedSegments(deployment, running.fromMs, nowMs + 1, timelines);
    const { offer } = deployment;
    const changes: PriceStep[] = [];
    let previous = offer.pricePerUnit;
    for (const segment of segments) {
      if (segment.priceEffectiveFromMs === null || money(segment.pricePerUnit).eq(previous)) continue;
      changes.push({
        effectiveFrom: isoInstant(segment.priceEffectiveFromMs),
        pricePerUnit: segment.pricePerUnit,
        pricePerUnitUsd: segment.pricePerUnitUsd,
      });
      previous = segment.pricePerUnit;
    }
    const current = segments.at(-1);
    if (!current || money(current.pricePerUnit).eq(offer.pricePerUnit)) continue;
    const startedUsd = offer.pricePerUnitUsd;
    const currentUsd = current.pricePerUnitUsd;
    const impact =
      startedUsd === null || currentUsd === null
        ? null
        : money(currentUsd).minus(startedUsd).mul(deployment.count).mul(HOURS_PER_MONTH);
    const started = money(offer.pricePerUnit);
    impacts.push({
      deploymentId: deployment.id,
      workloadId: deployment.workloadId,
      component: deployment.component,
      providerId: deployment.provider.id,
      regionCode: deployment.region.code,
      sku: offer.sku,
      count: deployment.count,
      currency: offer.currency,
      startedAt: isoInstant(running.fromMs),
      startedPricePerUnit: offer.pricePerUnit,
      startedPricePerUnitUsd: startedUsd,
      currentPricePerUnit: current.pricePerUnit,
      currentPricePerUnitUsd: currentUsd,
      changes,
      monthlyImpactUsd: impact === null ? null : toNumericString(impact),
      changePct: started.isZero()
        ? null
        : toNumericString(
            money(current.pricePerUnit).minus(started).div(started).mul(100).toDecimalPlaces(2),
          ),
    });
  }
  return impacts.sort(
    (a, b) =>
      money(b.monthlyImpactUsd ?? '0').comparedTo(a.monthlyImpactUsd ?? '0') ||
      (a.deploymentId < b.deploymentId ? -1 : a.deploymentId > b.deploymentId ? 1 : 0),
  );
}
