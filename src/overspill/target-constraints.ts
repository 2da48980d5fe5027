import { PROVIDER_KINDS, PURCHASE_OPTIONS } from '../domain/catalog/catalog-enums.js';
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
 * lists intersect (purchase options too: a workload held to ON_DEMAND is never sent to SPOT),
 * forbidden lists add up, bounds take the stricter.
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
    purchaseOptions: intersect(w.purchaseOptions, p.purchaseOptions),
    maxMonthlyBudget: bound(w.maxMonthlyBudget, p.maxMonthlyBudget, Math.min),
  };
}

const LISTS = {
  countries: null,
  forbidCountries: null,
  regimes: null,
  forbidRegimes: null,
  providers: null,
  forbidProviders: null,
  providerKinds: PROVIDER_KINDS,
  purchaseOptions: PURCHASE_OPTIONS,
} as const satisfies Partial<Record<keyof ConstraintsSpec, readonly string[] | null>>;
const NUMBERS = ['minAvailability', 'maxLatencyMs', 'maxMonthlyBudget'] as const;

/**
 * Checks a constraint set that arrived as JSON (the CLI's --constraints; GraphQL's input type
 * already has this shape): the first problem as "field: what is wrong", or null when it is sound.
 */
export function constraintsProblem(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || Array.isArray(value)) return 'must be an object';
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === null) continue;
    if (key in LISTS) {
      const allowed = LISTS[key as keyof typeof LISTS];
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && x.length > 0))
        return `${key}: must be a list of strings, e.g. ["DE","FR"]`;
      const unknown =
        allowed === null ? undefined : v.find((x) => !(allowed as readonly string[]).includes(x));
      if (unknown !== undefined) return `${key}: "${unknown}" is not one of ${allowed!.join(', ')}`;
    } else if ((NUMBERS as readonly string[]).includes(key)) {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return `${key}: must be a number ≥ 0`;
    } else {
      return `${key}: not a constraint (${[...Object.keys(LISTS), ...NUMBERS].join(', ')})`;
    }
  }
  return null;
}
