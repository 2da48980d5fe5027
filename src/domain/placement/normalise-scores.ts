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
  { name: 'cost', unit: 'USD/month', higherIsBetter: false, value: (d) => d.monthlyUsd, unknownNote: 'cost unknown' },
  { name: 'latency', unit: 'ms', higherIsBetter: false, value: (d) => d.latency.meanMs, unknownNote: 'no user locations: latency not scored' },
  { name: 'availability', unit: '%', higherIsBetter: true, value: (d) => d.availabilityPct, unknownNote: 'no SLA known: normalises as worst' },
  { name: 'carbon', unit: 'kgCO2e/month', higherIsBetter: false, value: (d) => d.carbonKg, unknownNote: 'grid intensity unknown: normalises as worst' },
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
  if (!(hi > lo)) return 0;
  return Math.min(1, Math.max(0, spec.higherIsBetter ? (v - lo) / (hi - lo) : (hi - v) / (hi - lo)));
}

export function scoreDraft(d: OptionDraft, ranges: Ranges, shares: Weights): { score: number; trace: CriterionTrace[] } {
  let score = 0;
  const trace = CRITERIA.map((spec): CriterionTrace => {
    const raw = spec.value(d);
    const normalized = normalise(spec, raw, ranges);
    const weight = shares[spec.name];
    const contribution = normalized * weight;
    score += contribution;
    const constant = raw !== null && !(ranges.max[spec.name] > ranges.min[spec.name]);
    const note = raw === null ? spec.unknownNote : constant ? 'same for every feasible option: normalises to 0' : undefined;
    const extra = spec.name === 'latency' && raw !== null ? `${d.latency.basis.toLowerCase()} RTT` : spec.name === 'carbon' ? d.carbonNote : undefined;
    const joined = [note, extra].filter((s) => s !== undefined).join('; ');
    return { criterion: spec.name, raw, unit: spec.unit, normalized, weight, contribution, ...(joined ? { note: joined } : {}) };
  });
  return { score, trace };
}

/** Scores compared at 1e-9 so float noise (e.g. after scaling every price) cannot reorder ties. */
export function scoreKey(score: number): number {
  return Math.round(score * 1e9);
}

function paretoVector(d: OptionDraft): [number, number, number, number] {
  return [d.monthlyUsd, d.latency.meanMs ?? Infinity, -(d.availabilityPct ?? -Infinity), d.carbonKg ?? Infinity];
}

/** True when no other feasible option is at least as good on all four criteria and better on one. */
export function isPareto(d: OptionDraft, feasible: readonly OptionDraft[]): boolean {
  const a = paretoVector(d);
  for (const other of feasible) {
    if (other === d) continue;
    const b = paretoVector(other);
    let allLeq = true;
    let oneLess = false;
    for (let i = 0; i < 4; i++) {
      if (b[i] > a[i]) {
        allLeq = false;
        break;
      }
      if (b[i] < a[i]) oneLess = true;
    }
    if (allLeq && oneLess) return false;
  }
  return true;
}
