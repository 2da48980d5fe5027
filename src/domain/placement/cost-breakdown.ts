import { Decimal } from 'decimal.js';
import { money, toNumericString, type Money } from '../money.js';
import type { ComponentChoice, DraftLine, RegionCost } from './cost-model.js';
import type { ComponentPlacement, CostBreakdown, CostLine } from './placement-result-types.js';

/**
 * Exact monthly sums for the options that are reported. Each line is computed in decimals
 * (price string × quantity / divisor) and summed exactly; amounts are then shown rounded to
 * micro-USD (half-even), so a total equals the exact sum, not the sum of rounded lines.
 * Quantities come from the workload as doubles (GiB, hours, a 1/N share) and are taken at
 * their shortest decimal representation.
 */

function exactLine(line: DraftLine): Money {
  return money(line.unitPriceUsd).mul(money(line.quantity)).div(line.divisor);
}

export function microUsd(value: Money): string {
  return toNumericString(value.toDecimalPlaces(6, Decimal.ROUND_HALF_EVEN));
}

function toCostLine(line: DraftLine): CostLine {
  return { ...line, amountUsd: microUsd(exactLine(line)) };
}

export function exactCostBreakdown(regionCosts: readonly RegionCost[]): CostBreakdown {
  let compute = money(0);
  let storage = money(0);
  let egress = money(0);
  const lines: CostLine[] = [];
  const unknownPrices: string[] = [];
  const tco = new Map<string, Money>();
  for (const rc of regionCosts) {
    unknownPrices.push(...rc.unknownPrices);
    for (const line of rc.lines) {
      const amount = exactLine(line);
      if (line.kind === 'COMPUTE') compute = compute.add(amount);
      else if (line.kind === 'STORAGE') storage = storage.add(amount);
      else egress = egress.add(amount);
      lines.push(toCostLine(line));
    }
    for (const choice of rc.choices) addTco(tco, choice);
  }
  return {
    totalUsd: microUsd(compute.add(storage).add(egress)),
    computeUsd: microUsd(compute),
    storageUsd: microUsd(storage),
    egressUsd: microUsd(egress),
    onPremTco: tco.size === 0 ? null : Object.fromEntries([...tco].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, microUsd(v)])),
    lines,
    unknownPrices,
  };
}

function addTco(tco: Map<string, Money>, choice: ComponentChoice): void {
  if (!choice.tco) return;
  for (const [part, perUnit] of Object.entries(choice.tco.perUnitUsd)) {
    tco.set(part, (tco.get(part) ?? money(0)).add(money(perUnit).mul(money(choice.tco.quantity))));
  }
}

export function componentPlacements(regionCosts: readonly RegionCost[]): ComponentPlacement[] {
  const placements: ComponentPlacement[] = [];
  for (const rc of regionCosts) {
    for (const choice of rc.choices) {
      let monthly = money(0);
      for (const line of rc.lines) {
        if (line.component === choice.component.name) monthly = monthly.add(exactLine(line));
      }
      placements.push({
        component: choice.component.name,
        regionCode: rc.region.regionCode,
        pricing: choice.pricing,
        offerId: choice.offerId,
        instanceType: choice.label,
        count: choice.component.count,
        vcpu: choice.vcpu,
        memoryGib: choice.memoryGib,
        gpuModel: choice.gpuModel,
        gpuCount: choice.gpuCount,
        purchaseOption: choice.purchaseOption,
        monthlyUsd: microUsd(monthly),
      });
    }
  }
  return placements;
}

/** Exact total of several regions' lines, for a budget check at the boundary. */
export function exactTotalUsd(regionCosts: readonly RegionCost[]): Money {
  let total = money(0);
  for (const rc of regionCosts) for (const line of rc.lines) total = total.add(exactLine(line));
  return total;
}
