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

function toCostLine(line: DraftLine, amount: Money): CostLine {
  const { describe, ...rest } = line;
  return { ...rest, description: describe(), amountUsd: microUsd(amount) };
}

/** The exact breakdown of an option and what each component costs, from one pass over its lines. */
export function exactCostBreakdown(
  regionCosts: readonly RegionCost[],
): CostBreakdown & { readonly components: ComponentPlacement[] } {
  let compute = money(0);
  let storage = money(0);
  let egress = money(0);
  const lines: CostLine[] = [];
  const unknownPrices: string[] = [];
  const tco = new Map<string, Money>();
  const components: ComponentPlacement[] = [];
  for (const rc of regionCosts) {
    unknownPrices.push(...rc.unknownPrices);
    const byComponent = new Map<string, Money>();
    for (const line of rc.lines) {
      const amount = exactLine(line);
      if (line.kind === 'COMPUTE') compute = compute.add(amount);
      else if (line.kind === 'STORAGE') storage = storage.add(amount);
      else egress = egress.add(amount);
      if (line.component !== null)
        byComponent.set(line.component, (byComponent.get(line.component) ?? money(0)).add(amount));
      lines.push(toCostLine(line, amount));
    }
    for (const choice of rc.choices) {
      addTco(tco, choice);
      components.push(placement(rc, choice, byComponent.get(choice.component.name) ?? money(0)));
    }
  }
  return {
    totalUsd: microUsd(compute.add(storage).add(egress)),
    computeUsd: microUsd(compute),
    storageUsd: microUsd(storage),
    egressUsd: microUsd(egress),
    onPremTco:
      tco.size === 0
        ? null
        : Object.fromEntries([...tco].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, microUsd(v)])),
    lines,
    unknownPrices,
    components,
  };
}

function addTco(tco: Map<string, Money>, choice: ComponentChoice): void {
  if (!choice.tco) return;
  for (const [part, perUnit] of Object.entries(choice.tco.perUnitUsd)) {
    tco.set(part, (tco.get(part) ?? money(0)).add(money(perUnit).mul(money(choice.tco.quantity))));
  }
}

function placement(rc: RegionCost, choice: ComponentChoice, monthly: Money): ComponentPlacement {
  return {
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
  };
}

/** Exact total of several regions' lines, for a budget check at the boundary. */
export function exactTotalUsd(regionCosts: readonly RegionCost[]): Money {
  let total = money(0);
  for (const rc of regionCosts) for (const line of rc.lines) total = total.add(exactLine(line));
  return total;
}
