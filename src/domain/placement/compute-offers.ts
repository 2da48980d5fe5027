import type { PurchaseOption } from './catalog-vocabulary.js';
import { HOURS_PER_YEAR, money, type Money } from '../money.js';
import type { ComputeNeed, ComputeOffer, ComputeOfferSource, RegionRef } from './placement-types.js';

/**
 * Purchase options that commit to a term: the customer pays every hour of it whether the
 * instance runs or not, so a part-time component is billed the whole month on them.
 */
const TERM_YEARS: Partial<Record<PurchaseOption, number>> = {
  RESERVED_1Y: 1,
  RESERVED_3Y: 3,
  SAVINGS_PLAN_1Y: 1,
  SAVINGS_PLAN_3Y: 3,
};

export function isCommitment(option: PurchaseOption): boolean {
  return TERM_YEARS[option] !== undefined;
}

/** Hours in a commitment's term (8,760 h a year), null for pay-as-you-go options. */
export function termHours(option: PurchaseOption): number | null {
  const years = TERM_YEARS[option];
  return years === undefined ? null : HOURS_PER_YEAR * years;
}

/**
 * The hourly equivalent of an offer price. HOUR: the price. ONE_TIME on a 1- or 3-year
 * commitment (Azure prices reservations for the whole term): price / (8,760 × years).
 * Null for a ONE_TIME price that is not a term (an upfront fee alone says nothing per hour).
 */
export function hourlyEquivalentUsd(
  unit: 'HOUR' | 'ONE_TIME',
  purchaseOption: PurchaseOption,
  priceUsd: string,
): Money | null {
  if (unit === 'HOUR') return money(priceUsd);
  const hours = termHours(purchaseOption);
  return hours === null ? null : money(priceUsd).div(hours);
}

/**
 * Offer ids compare as numbers when both are decimal integers (database ids), else as
 * strings, so ties between equal prices do not depend on the order offers arrived in.
 */
export function compareOfferIds(a: string, b: string): number {
  const numeric = /^\d+$/;
  if (numeric.test(a) && numeric.test(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sameGpuModel(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a.toLowerCase() === b.toLowerCase();
}

/**
 * Fitting means at least what is asked, not an exact match: ≥ vCPU, ≥ memory, the GPU model
 * with ≥ GPUs (a component without GPU fits on any instance), the architecture when asked,
 * the OS (offers without an OS fit any), one of the allowed purchase options.
 */
export function offerFits(offer: ComputeOffer, need: ComputeNeed): boolean {
  if (offer.vcpu < need.vcpu || offer.memoryGib < need.memoryGib) return false;
  if (need.gpuCount > 0 && offer.gpuCount < need.gpuCount) return false;
  if (need.gpuModel !== null && !sameGpuModel(offer.gpuModel, need.gpuModel)) return false;
  if (need.arch !== null && offer.arch !== need.arch) return false;
  if (offer.os !== null && offer.os !== need.os) return false;
  return need.purchaseOptions.includes(offer.purchaseOption);
}

/** Cheapest first; equal hourly prices fall back to the offer id. */
export function compareOffers(a: ComputeOffer, b: ComputeOffer): number {
  return a.pricePerHourUsd - b.pricePerHourUsd || compareOfferIds(a.offerId, b.offerId);
}

export interface ListedOffer extends ComputeOffer, RegionRef {}

/**
 * A plain scan over a list of offers: the reference implementation of ComputeOfferSource
 * (tests, small catalogs). The in-memory index (src/placement/offer-index.ts) answers the
 * same question without touching offers that cannot fit.
 */
export function createOfferListSource(offers: readonly ListedOffer[]): ComputeOfferSource {
  const byRegion = new Map<string, ListedOffer[]>();
  for (const offer of offers) {
    const key = `${offer.providerId}\u0000${offer.regionCode}`;
    const list = byRegion.get(key);
    if (list) list.push(offer);
    else byRegion.set(key, [offer]);
  }
  return {
    cheapestFitting(region, need) {
      let best: ComputeOffer | null = null;
      for (const offer of byRegion.get(`${region.providerId}\u0000${region.regionCode}`) ?? []) {
        if (offerFits(offer, need) && (best === null || compareOffers(offer, best) < 0)) best = offer;
      }
      return best;
    },
  };
}
