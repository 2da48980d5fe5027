import type { PurchaseOption } from './catalog-vocabulary.js';
import type { CandidateRegion, Constraints } from './placement-types.js';
import type { ResolvedComponent } from './workload-input.js';

/**
 * Hard filters. Each returns null when satisfied or a reason that starts with the name of the
 * constraint, so a rejected candidate says exactly which rule removed it.
 */

const list = (values: readonly string[]) => `[${values.join(', ')}]`;

/** "$1,234.50": money in reasons, rounded to cents for people (ranking uses the exact value). */
export function formatUsd(usd: number): string {
  const [whole, cents] = Math.abs(usd).toFixed(2).split('.') as [string, string];
  return `${usd < 0 ? '-' : ''}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** Constraints decided by the region alone (provider, place, law), in a fixed order. */
export function regionReasons(region: CandidateRegion, c: Constraints): string[] {
  const reasons: string[] = [];
  if (c.providers?.length && !c.providers.includes(region.providerId)) {
    reasons.push(`providers: ${region.providerId} not in ${list(c.providers)}`);
  }
  if (c.forbidProviders?.includes(region.providerId)) reasons.push(`forbidProviders: ${region.providerId}`);
  if (c.providerKinds?.length && !c.providerKinds.includes(region.providerKind)) {
    reasons.push(`providerKinds: ${region.providerKind} not in ${list(c.providerKinds)}`);
  }
  if (c.countries?.length && !c.countries.includes(region.countryCode)) {
    reasons.push(`countries: region in ${region.countryCode} not in ${list(c.countries)}`);
  }
  if (c.forbidCountries?.includes(region.countryCode))
    reasons.push(`forbidCountries: region in ${region.countryCode}`);
  const missing = (c.regimes ?? []).filter((r) => !region.regimes.includes(r));
  if (missing.length > 0)
    reasons.push(`regimes: region lacks ${missing.join(', ')} (has ${list(region.regimes)})`);
  for (const regime of c.forbidRegimes ?? []) {
    if (region.regimes.includes(regime))
      reasons.push(`forbidRegimes: ${regime} (${regimeOrigin(region, regime)})`);
  }
  return reasons;
}

function regimeOrigin(region: CandidateRegion, regime: string): string {
  return region.homeExposureRegimes?.includes(regime)
    ? `provider headquartered in ${region.headquartersCountry}`
    : `region in ${region.countryCode}`;
}

export function unfitReason(c: ResolvedComponent, purchaseOptions: readonly PurchaseOption[]): string {
  const spec = [`${c.vcpu} vCPU`, `${c.memoryGib} GiB`];
  if (c.gpuCount > 0 || c.gpuModel) spec.push(`${c.gpuCount} × ${c.gpuModel ?? 'any GPU'}`);
  if (c.arch) spec.push(c.arch);
  if (c.os !== 'LINUX') spec.push(c.os);
  return `no offer fits component ${c.name} (${spec.join(', ')}) with purchase options ${list(purchaseOptions)}`;
}

export function availabilityReason(pct: number | null, c: Constraints): string | null {
  if (c.minAvailability === undefined) return null;
  if (pct === null) return `minAvailability: no SLA known < ${c.minAvailability}%`;
  return pct < c.minAvailability ? `minAvailability: ${formatPct(pct)}% < ${c.minAvailability}%` : null;
}

export function latencyReason(maxUserMs: number | null, c: Constraints): string | null {
  if (c.maxLatencyMs === undefined || maxUserMs === null) return null;
  return maxUserMs > c.maxLatencyMs
    ? `maxLatencyMs: ${Math.round(maxUserMs)} ms > ${c.maxLatencyMs} ms`
    : null;
}

/**
 * `overBudget` is decided by the caller on the exact decimal total when the double is close to
 * the limit; this only words the reason.
 */
export function budgetReason(monthlyUsd: number, overBudget: boolean, c: Constraints): string | null {
  if (c.maxMonthlyBudget === undefined || !overBudget) return null;
  return `maxMonthlyBudget: ${formatUsd(monthlyUsd)} > ${formatUsd(c.maxMonthlyBudget)}`;
}

/** Availability with only as many decimals as needed (99.99995, 99.9, 100). */
export function formatPct(pct: number): string {
  return String(Number(pct.toFixed(6)));
}
