/**
 * Which N-region combinations of one provider to score when a workload asks for replicas in
 * N regions. Scoring every C(n, N) blindly explodes (C(40, 3) = 9,880 per provider), so each
 * provider gets a shortlist of at most S regions (default 10) and every N-combination of the
 * shortlist is scored:
 *
 * - the cheapest regions (cost and carbon add up over regions, so the N best by cost are in),
 * - the most available ones (1 − Π(1 − aᵢ) grows with each aᵢ),
 * - the lowest-carbon ones,
 * - for each user location, heaviest first, its nearest regions (latency needs coverage, which
 *   no per-region order captures: a far region can be the one that serves a continent),
 *
 * taken round-robin from those lists until S regions are in. With ≤ S feasible regions the
 * search is exhaustive and exact; beyond that it is a bound-guided heuristic, and the result
 * notes say so. S shrinks when C(S, N) would pass MAX_COMBINATIONS_PER_PROVIDER.
 */
export const DEFAULT_SHORTLIST_PER_PROVIDER = 10;
export const MAX_COMBINATIONS_PER_PROVIDER = 5000;

export interface ShortlistEntry {
  /** A stable key for ties (the region code). */
  readonly key: string;
  readonly monthlyUsd: number;
  readonly availabilityPct: number | null;
  readonly carbonKg: number | null;
  /** RTT to each user, in the order of the workload's users. */
  readonly userRttMs: ArrayLike<number>;
}

export function combinationCount(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return Math.round(c);
}

function sortedBy<T extends ShortlistEntry>(entries: readonly T[], value: (e: T) => number): T[] {
  return [...entries].sort((a, b) => value(a) - value(b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Indices (into `entries`) of the shortlisted regions, in a deterministic order. */
export function shortlist<T extends ShortlistEntry>(
  entries: readonly T[],
  regionsCount: number,
  userWeights: readonly number[],
  size = DEFAULT_SHORTLIST_PER_PROVIDER,
): T[] {
  let limit = Math.max(size, regionsCount);
  while (limit > regionsCount && combinationCount(limit, regionsCount) > MAX_COMBINATIONS_PER_PROVIDER)
    limit--;
  if (entries.length <= limit) return sortedBy(entries, () => 0);

  const worst = Number.POSITIVE_INFINITY;
  const orders: T[][] = [
    sortedBy(entries, (e) => e.monthlyUsd),
    sortedBy(entries, (e) => -(e.availabilityPct ?? -worst)),
    sortedBy(entries, (e) => e.carbonKg ?? worst),
  ];
  const users = userWeights.map((w, i) => ({ w, i })).sort((a, b) => b.w - a.w || a.i - b.i);
  for (const { i } of users) orders.push(sortedBy(entries, (e) => e.userRttMs[i]));

  const chosen = new Set<T>();
  for (let depth = 0; chosen.size < limit && depth < entries.length; depth++) {
    for (const order of orders) {
      if (chosen.size >= limit) break;
      chosen.add(order[depth]);
    }
  }
  return sortedBy([...chosen], () => 0);
}

/** Every k-combination of `items`, in lexicographic index order. */
export function* combinations<T>(items: readonly T[], k: number): Generator<T[]> {
  if (k > items.length || k <= 0) return;
  const idx = Array.from({ length: k }, (_, i) => i);
  for (;;) {
    yield idx.map((i) => items[i]);
    let i = k - 1;
    while (i >= 0 && idx[i] === items.length - k + i) i--;
    if (i < 0) return;
    idx[i]++;
    for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1] + 1;
  }
}
