import type { Deployment, PriceChange } from './finance-types.js';
import { toMs } from './utc-time.js';

/** A stretch of time over which a deployment ran at one price: [startMs, endMs). */
export interface PricedSegment {
  readonly startMs: number;
  readonly endMs: number;
  readonly pricePerUnit: string;
  readonly pricePerUnitUsd: string | null;
  /** The price change in force, or null for the deployment's own offer price. */
  readonly priceEffectiveFromMs: number | null;
  /** The catalog offer that set this price. */
  readonly offerId: string;
}

interface TimelinePoint {
  readonly atMs: number;
  readonly offerId: string | undefined;
  readonly pricePerUnit: string;
  readonly pricePerUnitUsd: string | null;
}

export type PriceTimelines = ReadonlyMap<string, readonly TimelinePoint[]>;

function timelineKey(sku: string, regionCode: string, purchaseOption: string | undefined): string {
  return JSON.stringify([sku, regionCode, purchaseOption ?? 'ON_DEMAND']);
}

/** Indexes price changes by sku, region and purchase option, each list sorted by time. */
export function priceTimelines(history: readonly PriceChange[]): PriceTimelines {
  const byKey = new Map<string, TimelinePoint[]>();
  for (const change of history) {
    const key = timelineKey(change.sku, change.regionCode, change.purchaseOption);
    const list = byKey.get(key) ?? [];
    list.push({
      atMs: toMs(change.effectiveFrom),
      offerId: change.offerId,
      pricePerUnit: change.pricePerUnit,
      pricePerUnitUsd: change.pricePerUnitUsd,
    });
    byKey.set(key, list);
  }
  for (const list of byKey.values()) list.sort((a, b) => a.atMs - b.atMs);
  return byKey;
}

/** The deployment's running interval [fromMs, toMs); toMs is +Infinity while it still runs. */
export function runningInterval(deployment: Deployment): { fromMs: number; toMs: number } {
  const fromMs = toMs(deployment.from);
  const endMs = deployment.to === null ? Number.POSITIVE_INFINITY : toMs(deployment.to);
  if (endMs < fromMs) throw new RangeError(`deployment ${deployment.id} ends before it starts`);
  return { fromMs, toMs: endMs };
}

/**
 * Splits [windowStartMs, windowEndMs) ∩ the deployment's running interval at every price change
 * taking effect at or after the deployment's start,
 * giving half-open segments that tile the overlap with no gap and no overlap. Empty when the
 * deployment did not run in the window.
 */
export function pricedSegments(
  deployment: Deployment,
  windowStartMs: number,
  windowEndMs: number,
  timelines: PriceTimelines,
): PricedSegment[] {
  const running = runningInterval(deployment);
  const startMs = Math.max(windowStartMs, running.fromMs);
  const endMs = Math.min(windowEndMs, running.toMs);
  if (startMs >= endMs) return [];

  const { offer, region } = deployment;
  const points = offer.priceFixed
    ? []
    : (timelines.get(timelineKey(offer.sku, region.code, offer.purchaseOption)) ?? []);
  let current: TimelinePoint | null = null;
  const cuts: TimelinePoint[] = [];
  for (const point of points) {
    // A change that took effect before the deployment started is already in the price it was
    // started at (its snapshot, possibly negotiated): only later changes re-price it.
    if (point.atMs < running.fromMs) continue;
    if (point.atMs <= startMs) current = point;
    else if (point.atMs < endMs) cuts.push(point);
  }

  const segments: PricedSegment[] = [];
  let segmentStart = startMs;
  for (const next of [...cuts, null]) {
    const segmentEnd = next ? next.atMs : endMs;
    // Two changes at the same instant: the later one in the sorted list wins, no empty segment.
    if (segmentEnd > segmentStart) {
      segments.push({
        startMs: segmentStart,
        endMs: segmentEnd,
        pricePerUnit: current ? current.pricePerUnit : offer.pricePerUnit,
        pricePerUnitUsd: current ? current.pricePerUnitUsd : offer.pricePerUnitUsd,
        priceEffectiveFromMs: current ? current.atMs : null,
        offerId: current?.offerId ?? offer.id,
      });
    }
    if (next) {
      current = next;
      segmentStart = segmentEnd;
    }
  }
  return segments;
}
