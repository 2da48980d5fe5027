import type { Decimal } from 'decimal.js';
import { money } from '../money.js';
import type { EgressTier } from '../placement/placement-types.js';

export type { EgressTier };

export interface EgressCostLine {
  readonly startGb: number;
  readonly endGb: number | null;
  readonly gb: Decimal;
  readonly pricePerGbUsd: string;
  readonly costUsd: Decimal;
}

export interface EgressCost {
  readonly costUsd: Decimal;
  readonly lines: readonly EgressCostLine[];
  /** GB that fell in a gap between tiers (or below the first): priced at $0 and worth a warning. */
  readonly unpricedGb: Decimal;
}

/**
 * Prices `gb` leaving a region through its monthly tiers, exactly. Tiers are [startGb, endGb) of
 * the month's running total; `alreadyGb` is what left earlier in the same month, so a migration
 * after a busy month starts in a later (cheaper) tier. GB past a bounded last tier pay the last
 * tier's price, as placement's cost model does. Providers bill transfer in binary GB, so GiB
 * are priced 1:1 against the tiers (the house convention, see placement-types EgressTier).
 */
export function tieredEgressCost(
  tiers: readonly EgressTier[],
  gb: Decimal,
  alreadyGb: Decimal = money(0),
): EgressCost {
  const sorted = [...tiers].sort((a, b) => a.startGb - b.startGb);
  const lo = alreadyGb;
  const hi = alreadyGb.plus(gb);
  const lines: EgressCostLine[] = [];
  let priced = money(0);
  sorted.forEach((tier, i) => {
    const last = i === sorted.length - 1;
    const start = money(tier.startGb);
    const end = last || tier.endGb === null ? hi : money(tier.endGb);
    const from = start.greaterThan(lo) ? start : lo;
    const to = end.lessThan(hi) ? end : hi;
    if (!to.greaterThan(from)) return;
    const inTier = to.minus(from);
    priced = priced.plus(inTier);
    lines.push({
      startGb: tier.startGb,
      endGb: tier.endGb,
      gb: inTier,
      pricePerGbUsd: tier.pricePerGbUsd,
      costUsd: inTier.mul(money(tier.pricePerGbUsd)),
    });
  });
  const costUsd = lines.reduce((sum, l) => sum.plus(l.costUsd), money(0));
  return { costUsd, lines, unpricedGb: gb.minus(priced) };
}
