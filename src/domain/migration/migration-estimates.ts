import type { Decimal } from 'decimal.js';
import { money } from '../money.js';
import type { MigrationStrategy } from './migration-types.js';

/**
 * Defaults for what a plan does not say. Placeholders until measured, each named in the plan:
 * - dailyChangeRatePct 5: share of a dataset rewritten per day (unique blocks), WARM deltas;
 * - warmDeltaSyncs 2: deltas while the source serves, before the final one with it stopped;
 * - cutoverOverheadSeconds 300: start the target and pass verify_health after the last copy
 *   (image conversion and import times are not modelled: no measured rates);
 * - maxDowntimeSeconds 3600: the downtime budget the strategy rules test against;
 * - cutoverSoakSeconds 3600: rollback window between cutover and decommission.
 */
export const MIGRATION_DEFAULTS = Object.freeze({
  dailyChangeRatePct: 5,
  warmDeltaSyncs: 2,
  cutoverOverheadSeconds: 300,
  maxDowntimeSeconds: 3600,
  cutoverSoakSeconds: 3600,
});

const SECONDS_PER_DAY = 86_400;

/**
 * DESIGN.md's formula: seconds = GiB × 8 / Gbit/s. It mixes a binary size with a decimal rate,
 * so it reads about 7 % short of the bit-exact figure (1 GiB = 8.589934592 Gbit); kept as the
 * house formula so every screen shows the same number, and changed here only if at all.
 */
export function transferSeconds(gib: Decimal, gbitPerS: Decimal): Decimal {
  return gib.mul(8).div(gbitPerS);
}

export interface WarmDeltas {
  /** ρ = share of the dataset rewritten during one full copy = (rate/100) × T0 / 86,400 s. */
  readonly ratio: Decimal;
  /** GiB per delta: N while serving, then the final one with the source stopped (last). */
  readonly deltaGib: readonly Decimal[];
}

/**
 * Each delta carries what changed while the previous copy ran. With T0 = G × 8 / bw the full
 * copy, delta k is G × ρ^k GiB (k = 1 … N + 1): the copies shrink geometrically when ρ < 1 and
 * WARM converges; when ρ ≥ 1 data changes faster than it can be copied and WARM never catches up.
 */
export function warmDeltas(
  gib: Decimal,
  gbitPerS: Decimal,
  dailyChangeRatePct: number,
  syncs: number,
): WarmDeltas {
  const ratio = money(dailyChangeRatePct).div(100).mul(transferSeconds(gib, gbitPerS)).div(SECONDS_PER_DAY);
  const deltaGib: Decimal[] = [];
  for (let k = 1; k <= syncs + 1; k++) deltaGib.push(gib.mul(ratio.pow(k)));
  return { ratio, deltaGib };
}

export interface DowntimeInput {
  readonly gib: Decimal;
  /** WARM only: the final delta's GiB. */
  readonly finalDeltaGib: Decimal;
  readonly gbitPerS: Decimal;
  readonly cutoverOverheadSeconds: number;
  readonly dnsTtlSeconds: number;
}

/**
 * Downtime of one component, from the moment users lose it to the moment every resolver sees the
 * new address:
 * - COLD       = transfer(G) + overhead + TTL   (source stopped before the snapshot; cached DNS
 *                                                 answers keep pointing at the stopped source)
 * - WARM       = transfer(final delta) + overhead + TTL
 * - BLUE_GREEN = 0                               (the source serves until and during the TTL)
 */
export function componentDowntimeSeconds(strategy: MigrationStrategy, c: DowntimeInput): Decimal {
  const fixed = money(c.cutoverOverheadSeconds).plus(c.dnsTtlSeconds);
  switch (strategy) {
    case 'COLD':
      return transferSeconds(c.gib, c.gbitPerS).plus(fixed);
    case 'WARM':
      return transferSeconds(c.finalDeltaGib, c.gbitPerS).plus(fixed);
    case 'BLUE_GREEN':
      return money(0);
  }
}

export interface StrategyFacts {
  readonly requested: MigrationStrategy | undefined;
  readonly allStateless: boolean;
  readonly coldDowntimeSeconds: Decimal;
  readonly warmDowntimeSeconds: Decimal;
  readonly warmConverges: boolean;
  readonly maxDowntimeSeconds: number;
}

export interface StrategyChoice {
  readonly strategy: MigrationStrategy;
  readonly reason: string;
  readonly warnings: readonly string[];
}

/**
 * The rules, first match wins:
 * 1. the plan asked for a strategy → that one (warn when WARM cannot converge);
 * 2. every component is stateless → BLUE_GREEN: nothing to keep consistent, zero downtime.
 *    Small but stateful is NOT enough: writes between snapshot and swap would be lost;
 * 3. COLD fits the downtime budget → COLD: fewest steps, no delta egress;
 * 4. WARM converges and fits → WARM: large data with a low downtime budget;
 * 5. otherwise the shorter of the two that can finish, with a warning that nothing fits.
 */
export function chooseStrategy(f: StrategyFacts): StrategyChoice {
  const budget = money(f.maxDowntimeSeconds);
  const cold = `COLD downtime ${f.coldDowntimeSeconds.toFixed(0)} s`;
  const warm = `WARM downtime ${f.warmDowntimeSeconds.toFixed(0)} s`;
  const noConvergence = 'WARM does not converge: data changes faster than it can be copied';
  if (f.requested !== undefined) {
    const warnings = f.requested === 'WARM' && !f.warmConverges ? [noConvergence] : [];
    return { strategy: f.requested, reason: 'requested by the plan', warnings };
  }
  if (f.allStateless) {
    return {
      strategy: 'BLUE_GREEN',
      reason:
        'every component is stateless: start and verify the target while the source serves, then swap DNS',
      warnings: [],
    };
  }
  if (f.coldDowntimeSeconds.lessThanOrEqualTo(budget)) {
    return {
      strategy: 'COLD',
      reason: `${cold} fits the ${f.maxDowntimeSeconds} s budget: simplest, no delta transfers`,
      warnings: [],
    };
  }
  if (f.warmConverges && f.warmDowntimeSeconds.lessThanOrEqualTo(budget)) {
    return {
      strategy: 'WARM',
      reason: `${cold} exceeds the ${f.maxDowntimeSeconds} s budget; ${warm} fits it`,
      warnings: [],
    };
  }
  const useWarm = f.warmConverges && f.warmDowntimeSeconds.lessThan(f.coldDowntimeSeconds);
  const warning = `no strategy fits the ${f.maxDowntimeSeconds} s downtime budget (${cold}${f.warmConverges ? `, ${warm}` : `; ${noConvergence}`})`;
  return {
    strategy: useWarm ? 'WARM' : 'COLD',
    reason: `the shortest downtime available: ${useWarm ? warm : cold}`,
    warnings: [warning],
  };
}
