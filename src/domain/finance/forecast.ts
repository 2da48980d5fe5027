import { LEDGER_CURRENCY, type AccrualSkip } from './accrue-day.js';
import { ExactSum } from './exact-sum.js';
import type { Deployment, PriceChange } from './finance-types.js';
import { pricedSegments, priceTimelines, type PriceTimelines } from './price-segments.js';
import { addMonths, hoursBetween, isoInstant, monthBounds, monthOf, toMs, type Instant } from './utc-time.js';

export interface ForecastInput {
  /** The forecast starts here; cost before it is the ledger's business (actual to date). */
  readonly from: Instant;
  /** Calendar months to cover, starting with the one holding `from`. */
  readonly months: number;
  readonly deployments: readonly Deployment[];
  /** Current prices and any already-scheduled changes (a catalog version activating later). */
  readonly prices: readonly PriceChange[] | PriceTimelines;
}

/** One deployment's expected cost in one month. */
export interface ForecastLine {
  readonly month: string;
  readonly deploymentId: string;
  readonly workloadId: string;
  readonly providerId: string;
  readonly providerName: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Instance-hours: hours in the month (from `from` on) × count. */
  readonly instanceHours: string;
  readonly cost: string;
  readonly currency: string;
}

export interface ForecastByProvider {
  readonly month: string;
  readonly providerId: string;
  readonly providerName: string;
  readonly instanceHours: string;
  readonly cost: string;
  readonly currency: string;
}

export interface Forecast {
  readonly lines: ForecastLine[];
  readonly byProvider: ForecastByProvider[];
  readonly skipped: AccrualSkip[];
}

/**
 * Expected cost per month and provider if the given deployments keep running at the prices in
 * force (including scheduled changes), priced exactly as accrueDay will bill them: the
 * negotiated price when given, else list, in USD.
 *
 * Hours are calendar hours (744 in a 31-day month, 672 in February), not 730: the forecast is
 * compared with the ledger, which accrues real hours, and a 730-hour month would be 1.9 % low
 * for every 31-day month and 8.6 % high for February. The first month counts only [from,
 * month end). A deployment with an end (`to`) stops there; one that starts later is counted
 * from its start (a planned migration's target).
 */
export function forecastSpend(input: ForecastInput): Forecast {
  if (!Number.isSafeInteger(input.months) || input.months < 1)
    throw new RangeError(`months must be a whole number ≥ 1, got ${input.months}`);
  const fromMs = toMs(input.from);
  const timelines = isPriceChangeList(input.prices) ? priceTimelines(input.prices) : input.prices;
  const lines: ForecastLine[] = [];
  const skipped: AccrualSkip[] = [];
  const firstMonth = monthOf(fromMs);

  for (let i = 0; i < input.months; i++) {
    const month = addMonths(firstMonth, i);
    const bounds = monthBounds(month);
    const windowStartMs = Math.max(bounds.startMs, fromMs);
    for (const deployment of input.deployments) {
      if (!Number.isSafeInteger(deployment.count) || deployment.count < 0) {
        skipped.push({
          deploymentId: deployment.id,
          reason: `count must be a whole number ≥ 0, got ${deployment.count}`,
        });
        continue;
      }
      if (deployment.count === 0) continue;
      const segments = pricedSegments(deployment, windowStartMs, bounds.endMs, timelines);
      if (segments.length === 0) continue;
      if (deployment.offer.unit !== 'HOUR') {
        skipped.push({
          deploymentId: deployment.id,
          reason: `${month}: unit ${deployment.offer.unit} is metered; forecast it from usage, not time`,
        });
        continue;
      }
      const hours = new ExactSum();
      const cost = new ExactSum();
      for (const segment of segments) {
        // Skipped exactly when accrual would skip it, so forecast and ledger cover the same hours.
        if (segment.pricePerUnitUsd === null) {
          skipped.push({
            deploymentId: deployment.id,
            reason: `no USD price from ${isoInstant(segment.startMs)} to ${isoInstant(segment.endMs)}`,
          });
          continue;
        }
        const unitPriceUsd = deployment.offer.contractedPricePerUnitUsd ?? segment.pricePerUnitUsd;
        const instanceHours = hoursBetween(segment.startMs, segment.endMs).mul(deployment.count);
        hours.add(instanceHours);
        cost.add(instanceHours.mul(unitPriceUsd));
      }
      lines.push({
        month,
        deploymentId: deployment.id,
        workloadId: deployment.workloadId,
        providerId: deployment.provider.id,
        providerName: deployment.provider.name,
        tags: deployment.tags,
        instanceHours: hours.toString(),
        cost: cost.toString(),
        currency: LEDGER_CURRENCY,
      });
    }
  }
  return { lines, byProvider: byProvider(lines), skipped };
}

function byProvider(lines: readonly ForecastLine[]): ForecastByProvider[] {
  const groups = new Map<
    string,
    {
      month: string;
      providerId: string;
      providerName: string;
      currency: string;
      hours: ExactSum;
      cost: ExactSum;
    }
  >();
  for (const line of lines) {
    const key = JSON.stringify([line.month, line.providerId, line.currency]);
    const group = groups.get(key) ?? {
      month: line.month,
      providerId: line.providerId,
      providerName: line.providerName,
      currency: line.currency,
      hours: new ExactSum(),
      cost: new ExactSum(),
    };
    group.hours.add(line.instanceHours);
    group.cost.add(line.cost);
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) =>
      a.month < b.month
        ? -1
        : a.month > b.month
          ? 1
          : a.providerId < b.providerId
            ? -1
            : a.providerId > b.providerId
              ? 1
              : 0,
    )
    .map((g) => ({
      month: g.month,
      providerId: g.providerId,
      providerName: g.providerName,
      instanceHours: g.hours.toString(),
      cost: g.cost.toString(),
      currency: g.currency,
    }));
}

function isPriceChangeList(
  prices: readonly PriceChange[] | PriceTimelines,
): prices is readonly PriceChange[] {
  return Array.isArray(prices);
}
