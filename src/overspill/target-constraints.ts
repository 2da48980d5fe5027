import type { ConstraintsSpec } from '../workloads/workload-spec.js';

type List<T> = readonly T[] | null | undefined;

const has = <T>(xs: List<T>): xs is readonly T[] => xs !== null && xs !== undefined;

function intersect<T>(a: List<T>, b: List<T>): T[] | null {
  if (!has(a)) return has(b) ? [...b] : null;
  if (!has(b)) return [...a];
  return a.filter((x) => b.includes(x));
}

function union<T>(a: List<T>, b: List<T>): T[] | null {
  if (!has(a) && !has(b)) return null;
  return [...new Set([...(a ?? []), ...(b ?? [])])];
}

function bound(a: number | null | undefined, b: number | null | undefined, pick: typeof Math.min) {
  if (a === null || a === undefined) return b ?? null;
  if (b === null || b === undefined) return a;
  return pick(a, b);
}

/**
 * Where a burst may go: the workload's own constraints AND the policy's target constraints, so a
 * policy can narrow a workload's options (EU only, public clouds only) but never widen them
 * (a workload that must stay in Germany stays there however the policy is written). Allowed
 * lists intersect, forbidden lists add up, bounds take the stricter; purchase options are the
 * policy's when it names them.
 */
export function mergeConstraints(
  workload: ConstraintsSpec | null | undefined,
  policy: ConstraintsSpec | null | undefined,
): ConstraintsSpec {
  const w = workload ?? {};
  const p = policy ?? {};
  return {
    countries: intersect(w.countries, p.countries),
    forbidCountries: union(w.forbidCountries, p.forbidCountries),
    regimes: union(w.regimes, p.regimes),
    forbidRegimes: union(w.forbidRegimes, p.forbidRegimes),
    minAvailability: bound(w.minAvailability, p.minAvailability, Math.max),
    maxLatencyMs: bound(w.maxLatencyMs, p.maxLatencyMs, Math.min),
    providers: intersect(w.providers, p.providers),
    forbidProviders: union(w.forbidProviders, p.forbidProviders),
    providerKinds: intersect(w.providerKinds, p.providerKinds),
    purchaseOptions: has(p.purchaseOptions) ? [...p.purchaseOptions] : (w.purchaseOptions ?? null),
    maxMonthlyBudget: bound(w.maxMonthlyBudget, p.maxMonthlyBudget, Math.min),
  };
}
