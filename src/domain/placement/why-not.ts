import { formatPct, formatUsd } from './constraints.js';
import type { OptionDraft } from './option-drafts.js';
import type {
  CriterionTrace,
  PlacementOption,
  ProviderExplanation,
  RejectedCandidate,
} from './placement-result-types.js';

/** "Why not Azure?": for each provider without an option in the top k, its best shot and why it lost. */

export interface ScoredDraft {
  readonly draft: OptionDraft;
  readonly score: number;
  /** Built on demand (memoised): only reported options need it. */
  readonly trace: () => readonly CriterionTrace[];
}

export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th'}`;
}

function describe(t: CriterionTrace | undefined): string {
  if (!t || t.raw === null) return 'unknown';
  switch (t.criterion) {
    case 'cost':
      return formatUsd(t.raw);
    case 'latency':
      return `${Math.round(t.raw)} ms`;
    case 'availability':
      return `${formatPct(t.raw)}%`;
    case 'carbon':
      return `${t.raw.toFixed(1)} kgCO2e/month`;
  }
}

/** The criterion that cost the option most against the winner, worded "cost $812.00 vs $402.00". */
export function mainGap(loser: ScoredDraft, winner: ScoredDraft): string {
  let worst: { name: CriterionTrace['criterion']; gap: number } | null = null;
  for (const t of winner.trace()) {
    const mine = loser.trace().find((x) => x.criterion === t.criterion);
    const gap = t.contribution - (mine?.contribution ?? 0);
    if (gap > 1e-12 && (worst === null || gap > worst.gap)) worst = { name: t.criterion, gap };
  }
  if (worst === null) {
    const cost = (s: ScoredDraft) => describe(s.trace().find((t) => t.criterion === 'cost'));
    return `same score; tie broken by cost ${cost(loser)} vs ${cost(winner)}, then provider and region`;
  }
  const name = worst.name;
  const pick = (s: ScoredDraft) => describe(s.trace().find((t) => t.criterion === name));
  return `${name} ${pick(loser)} vs ${pick(winner)}`;
}

/** The rejected candidate that came closest: fewest failed constraints, then cheapest, then by region. */
function closest(rejected: readonly RejectedCandidate[]): RejectedCandidate | null {
  const sorted = [...rejected].sort(
    (a, b) =>
      a.reasons.length - b.reasons.length ||
      (a.monthlyCostUsd ?? Infinity) - (b.monthlyCostUsd ?? Infinity) ||
      (a.regionCodes.join('+') < b.regionCodes.join('+') ? -1 : 1),
  );
  return sorted[0] ?? null;
}

export function explainProviders(
  providers: readonly { id: string; name: string }[],
  ranked: readonly ScoredDraft[],
  topK: number,
  rejected: readonly RejectedCandidate[],
  toOption: (s: ScoredDraft, rank: number) => PlacementOption,
): ProviderExplanation[] {
  const inTop = new Set(ranked.slice(0, topK).map((s) => s.draft.providerId));
  const winner = ranked[0];
  const explanations: ProviderExplanation[] = [];
  for (const p of providers) {
    if (inTop.has(p.id)) continue;
    const index = ranked.findIndex((s) => s.draft.providerId === p.id);
    if (index >= 0 && winner) {
      const s = ranked[index];
      const reason = `ranked ${ordinal(index + 1)}: score ${s.score.toFixed(2)} vs ${winner.score.toFixed(2)} — ${mainGap(s, winner)}`;
      explanations.push({
        providerId: p.id,
        providerName: p.name,
        status: 'RANKED_LOWER',
        reason,
        bestOption: toOption(s, index + 1),
        closestRejected: null,
      });
      continue;
    }
    const near = closest(rejected.filter((r) => r.providerId === p.id));
    const first = near?.reasons[0] ?? 'no candidate region';
    const more = near && near.reasons.length > 1 ? ` (+${near.reasons.length - 1} more)` : '';
    explanations.push({
      providerId: p.id,
      providerName: p.name,
      status: 'REJECTED',
      reason: `rejected: ${first}${more}`,
      bestOption: null,
      closestRejected: near,
    });
  }
  return explanations;
}
