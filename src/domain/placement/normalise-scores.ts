import type { OptionDraft } from './option-drafts.js';
import type { CriterionName, CriterionTrace } from './placement-result-types.js';
import type { Weights } from './placement-types.js';

/**
 * Min-max normalisation across the feasible options and the weighted sum.
 *
 *   normalized = (max − x) / (max − min) for cost, latency, carbon (lower is better)
 *   normalized = (x − min) / (max − min) for availability (higher is better)
 *   score      = Σ weightShare × normalized, weightShare = weight / Σ weights
 *
 * So normalized and score are in [0, 1], 1 best. A criterion equal for every option
 * normalises to 0 for all (it cannot separate them and adds nothing); an unknown value
 * (no users for latency, no SLA, no grid intensity) normalises to 0, the worst, and the
 * trace says why. Min-max is scale-free: multiplying every price by k changes no score.
 */

interface CriterionSpec {
  readonly name: CriterionName;
  readonly unit: CriterionTrace['unit'];
  readonly higherIsBetter: boolean;
  readonly value: (d: OptionDraft) => number | null;
  readonly unknownNote: string;
}

export const CRITERIA: readonly CriterionSpec[] = [
  {
    name: 'cost',
    unit: 'USD/month',
    higherIsBetter: false,
    value: (d) => d.monthlyUsd,
    unknownNote: 'cost unknown',
  },
  {
    name: 'latency',
    unit: 'ms',
    higherIsBetter: false,
    value: (d) => d.latency.meanMs,
    unknownNote: 'no user locations: latency not scored',
  },
  {
    name: 'availability',
    unit: '%',
    higherIsBetter: true,
    value: (d) => d.availabilityPct,
    unknownNote: 'no SLA known: normalises as worst',
  },
  {
    name: 'carbon',
    unit: 'kgCO2e/month',
    higherIsBetter: false,
    value: (d) => d.carbonKg,
    unknownNote: 'grid intensity unknown: normalises as worst',
  },
];

export interface Ranges {
  readonly min: Record<CriterionName, number>;
  readonly max: Record<CriterionName, number>;
}

export function criterionRanges(feasible: readonly OptionDraft[]): Ranges {
  const min = { cost: Infinity, latency: Infinity, availability: Infinity, carbon: Infinity };
  const max = { cost: -Infinity, latency: -Infinity, availability: -Infinity, carbon: -Infinity };
  for (const d of feasible) {
    for (const c of CRITERIA) {
      const v = c.value(d);
      if (v === null) continue;
      if (v < min[c.name]) min[c.name] = v;
      if (v > max[c.name]) max[c.name] = v;
    }
  }
  return { min, max };
}

function normalise(spec: CriterionSpec, v: number | null, ranges: Ranges): number {
  if (v === null) return 0;
  const lo = ranges.min[spec.name];
  const hi = ranges.max[spec.name];
  // Every feasible option has the same value: each is the best there is (a lone option scores 1, not 0).
  if (!(hi > lo)) return 1;
  return Math.min(1, Math.max(0, spec.higherIsBetter ? (v - lo) / (hi - lo) : (hi - v) / (hi - lo)));
}

/** The weighted sum alone: computed for every feasible option (traceOf adds up the same terms in the same order). */
export function scoreOf(d: OptionDraft, ranges: Ranges, shares: Weights): number {
  let score = 0;
  for (const spec of CRITERIA) score += normalise(spec, spec.value(d), ranges) * shares[spec.name];
  return score;
}

/** The per-criterion trace, built only for the options that are reported. */
export function traceOf(d: OptionDraft, ranges: Ranges, shares: Weights): CriterionTrace[] {
  return CRITERIA.map((spec): CriterionTrace => {
    const raw = spec.value(d);
    const normalized = normalise(spec, raw, ranges);
    const weight = shares[spec.name];
    const constant = raw !== null && !(ranges.max[spec.name] > ranges.min[spec.name]);
    const note =
      raw === null
        ? spec.unknownNote
        : constant
          ? 'same for every feasible option: normalises to 1'
          : undefined;
    const extra =
      spec.name === 'latency' && raw !== null
        ? `${d.latency.basis.toLowerCase()} RTT`
        : spec.name === 'carbon'
          ? d.describeCarbon()
          : undefined;
    const joined = [note, extra].filter((x) => x !== undefined).join('; ');
    return {
      criterion: spec.name,
      raw,
      unit: spec.unit,
      normalized,
      weight,
      contribution: normalized * weight,
      ...(joined ? { note: joined } : {}),
    };
  });
}

/** Scores compared at 1e-9 so float noise (e.g. after scaling every price) cannot reorder ties. */
export function scoreKey(score: number): number {
  return Math.round(score * 1e9);
}

/**
 * Pareto test over (cost, latency, availability, carbon) against every feasible option; an
 * unknown value counts as the worst. Vectors are built once: the check runs for each reported option.
 */
export function paretoChecker(feasible: readonly OptionDraft[]): (d: OptionDraft) => boolean {
  const v = new Float64Array(feasible.length * 4);
  const at = new Map<OptionDraft, number>();
  feasible.forEach((d, i) => {
    at.set(d, i);
    v[i * 4] = d.monthlyUsd;
    v[i * 4 + 1] = d.latency.meanMs ?? Infinity;
    v[i * 4 + 2] = -(d.availabilityPct ?? -Infinity);
    v[i * 4 + 3] = d.carbonKg ?? Infinity;
  });
  return (d) => {
    const a = at.get(d)! * 4;
    for (let o = 0; o < feasible.length; o++) {
      const b = o * 4;
      if (b === a) continue;
      if (v[b] <= v[a] && v[b + 1] <= v[a + 1] && v[b + 2] <= v[a + 2] && v[b + 3] <= v[a + 3]) {
        if (v[b] < v[a] || v[b + 1] < v[a + 1] || v[b + 2] < v[a + 2] || v[b + 3] < v[a + 3]) return false;
      }
    }
    return true;
  };
}
