import type { PurchaseOption } from './catalog-vocabulary.js';
import { HOURS_PER_MONTH } from '../money.js';
import { isCommitment, termHours } from './compute-offers.js';
import type { CostLineKind } from './placement-result-types.js';
import type { CandidateRegion, ComputeNeed, ComputeOfferSource, CustomShapeRate } from './placement-types.js';
import type { ResolvedComponent, ResolvedWorkload } from './workload-input.js';
import { egressLines } from './egress-cost.js';

/**
 * Monthly cost of running the workload's components in one region, as lines
 * (quantity × unit price / divisor). Lines are the single source of truth: ranking sums them
 * as doubles (`lineUsd`), reported options sum them in exact decimals (cost-breakdown.ts).
 *
 * - Compute: per component, the cheapest FITTING instance offer (≥ vCPU, memory, GPU, arch;
 *   a bigger cheaper type beats an exact fit), × count × hours; or the region's custom-shape
 *   rates (vCPU × rate + GiB × rate) when cheaper. Hours are the component's hoursPerMonth on
 *   pay-as-you-go options and the whole month (730 h) on commitments, which bill every hour
 *   of the term; a ONE_TIME term price is divided by the term's hours (8,760 × years).
 * - Storage: GiB per instance × count × the region's price for the class; a class the region
 *   does not price is reported in `unknownPrices` and left out, never guessed.
 * - Internet egress: the region's tiers applied to the GiB leaving it (1/N of the workload's
 *   internet egress in an N-region option: each replica serves its share of the users).
 *   Providers bill transfer in binary GB, so GiB are priced 1:1 against the tiers.
 * - Inter-component traffic is free inside a region. Between N replicas each region
 *   forwards its 1/N share of that traffic to the N − 1 others: V × (N − 1) / N GiB out of
 *   each region at its inter-region rate (V × (N − 1) in total).
 */

export interface DraftLine {
  readonly kind: CostLineKind;
  readonly regionCode: string;
  readonly component: string | null;
  readonly offerId: string | null;
  /** Built only for reported options: ranking prices hundreds of regions per query. */
  readonly describe: () => string;
  readonly quantity: number;
  readonly quantityUnit: string;
  readonly unitPriceUsd: string;
  readonly divisor: number;
}

export interface ComponentChoice {
  readonly component: ResolvedComponent;
  readonly pricing: 'INSTANCE' | 'CUSTOM_SHAPE';
  readonly offerId: string | null;
  readonly label: string | null;
  readonly vcpu: number;
  readonly memoryGib: number;
  readonly gpuModel: string | null;
  readonly gpuCount: number;
  readonly purchaseOption: PurchaseOption;
  readonly lines: readonly DraftLine[];
  readonly monthlyUsd: number;
  /** On-prem TCO split per hour and the quantity it applies to. */
  readonly tco: { readonly perUnitUsd: Readonly<Record<string, string>>; readonly quantity: number } | null;
}

export interface RegionCost {
  readonly region: CandidateRegion;
  readonly choices: readonly ComponentChoice[];
  /** Components no offer or custom shape fits. */
  readonly unfit: readonly ResolvedComponent[];
  readonly lines: readonly DraftLine[];
  readonly monthlyUsd: number;
  readonly computeUsd: number;
  readonly unknownPrices: readonly string[];
}

export function lineUsd(line: DraftLine): number {
  return (line.quantity * Number(line.unitPriceUsd)) / line.divisor;
}

function sumUsd(lines: readonly DraftLine[]): number {
  let sum = 0;
  for (const line of lines) sum += lineUsd(line);
  return sum;
}

/**
 * What to ask the offer source for one component: one need, or two when a part-time
 * component must compare pay-as-you-go hours with a whole committed month. Built once per
 * component and reused for every region.
 */
const needsCache = new WeakMap<
  ResolvedComponent,
  { options: readonly PurchaseOption[]; needs: ComputeNeed[] }
>();

function needsFor(c: ResolvedComponent, options: readonly PurchaseOption[]): readonly ComputeNeed[] {
  const cached = needsCache.get(c);
  if (cached && cached.options === options) return cached.needs;
  const groups =
    c.hoursPerMonth === HOURS_PER_MONTH
      ? [options]
      : [options.filter((o) => !isCommitment(o)), options.filter((o) => isCommitment(o))].filter(
          (g) => g.length > 0,
        );
  const needs = groups.map((purchaseOptions) => ({
    vcpu: c.vcpu,
    memoryGib: c.memoryGib,
    gpuModel: c.gpuModel,
    gpuCount: c.gpuCount,
    arch: c.arch,
    os: c.os,
    purchaseOptions,
  }));
  needsCache.set(c, { options, needs });
  return needs;
}

function instanceChoice(
  region: CandidateRegion,
  c: ResolvedComponent,
  options: readonly PurchaseOption[],
  offers: ComputeOfferSource,
): ComponentChoice | null {
  let best: ComponentChoice | null = null;
  for (const need of needsFor(c, options)) {
    const offer = offers.cheapestFitting(region, need);
    if (!offer) continue;
    const hours = isCommitment(offer.purchaseOption) ? HOURS_PER_MONTH : c.hoursPerMonth;
    const divisor = offer.unit === 'ONE_TIME' ? (termHours(offer.purchaseOption) ?? Number.NaN) : 1;
    if (!Number.isFinite(divisor)) continue;
    const line: DraftLine = {
      kind: 'COMPUTE',
      regionCode: region.regionCode,
      component: c.name,
      offerId: offer.offerId,
      describe: () =>
        `${c.count} × ${offer.instanceType ?? 'instance'} (${offer.vcpu} vCPU, ${offer.memoryGib} GiB${offer.gpuCount > 0 ? `, ${offer.gpuCount} × ${offer.gpuModel ?? 'GPU'}` : ''}) ${offer.purchaseOption} × ${hours} h`,
      quantity: c.count * hours,
      quantityUnit: 'instance-hour',
      unitPriceUsd: offer.priceUsd,
      divisor,
    };
    const monthlyUsd = lineUsd(line);
    if (best === null || monthlyUsd < best.monthlyUsd) {
      best = {
        component: c,
        pricing: 'INSTANCE',
        offerId: offer.offerId,
        label: offer.instanceType,
        vcpu: offer.vcpu,
        memoryGib: offer.memoryGib,
        gpuModel: offer.gpuModel,
        gpuCount: offer.gpuCount,
        purchaseOption: offer.purchaseOption,
        lines: [line],
        monthlyUsd,
        tco: offer.tcoPerHourUsd
          ? { perUnitUsd: offer.tcoPerHourUsd, quantity: line.quantity / divisor }
          : null,
      };
    }
  }
  return best;
}

function customChoice(
  region: CandidateRegion,
  c: ResolvedComponent,
  rate: CustomShapeRate,
  options: readonly PurchaseOption[],
): ComponentChoice | null {
  if (c.gpuCount > 0 || c.gpuModel !== null) return null;
  if (!options.includes(rate.purchaseOption)) return null;
  if (rate.os !== null && rate.os !== c.os) return null;
  if (c.arch !== null && rate.arch !== null && rate.arch !== c.arch) return null;
  let vcpu = c.vcpu;
  let memoryGib = c.memoryGib;
  if (rate.minMemoryGibPerVcpu !== undefined)
    memoryGib = Math.max(memoryGib, vcpu * rate.minMemoryGibPerVcpu);
  if (rate.maxMemoryGibPerVcpu !== undefined && memoryGib > vcpu * rate.maxMemoryGibPerVcpu) {
    vcpu = Math.ceil(memoryGib / rate.maxMemoryGibPerVcpu);
  }
  if (rate.maxVcpu !== undefined && vcpu > rate.maxVcpu) return null;
  const hours = isCommitment(rate.purchaseOption) ? HOURS_PER_MONTH : c.hoursPerMonth;
  const base = { kind: 'COMPUTE' as const, regionCode: region.regionCode, component: c.name, divisor: 1 };
  const lines: DraftLine[] = [
    {
      ...base,
      offerId: rate.vcpuOfferId ?? null,
      describe: () => `${c.count} × ${rate.label} ${vcpu} vCPU ${rate.purchaseOption} × ${hours} h`,
      quantity: c.count * hours * vcpu,
      quantityUnit: 'vCPU-hour',
      unitPriceUsd: rate.vcpuPerHourUsd,
    },
  ];
  if (memoryGib > 0) {
    lines.push({
      ...base,
      offerId: rate.memoryOfferId ?? null,
      describe: () => `${c.count} × ${rate.label} ${memoryGib} GiB ${rate.purchaseOption} × ${hours} h`,
      quantity: c.count * hours * memoryGib,
      quantityUnit: 'GiB-hour',
      unitPriceUsd: rate.memoryGibPerHourUsd,
    });
  }
  return {
    component: c,
    pricing: 'CUSTOM_SHAPE',
    offerId: rate.vcpuOfferId ?? null,
    label: rate.label,
    vcpu,
    memoryGib,
    gpuModel: null,
    gpuCount: 0,
    purchaseOption: rate.purchaseOption,
    lines,
    monthlyUsd: sumUsd(lines),
    tco: rate.tcoPerVcpuHourUsd ? { perUnitUsd: rate.tcoPerVcpuHourUsd, quantity: lines[0].quantity } : null,
  };
}

/** The cheaper of the cheapest fitting instance and each custom shape; ties keep the instance. */
export function chooseCompute(
  region: CandidateRegion,
  c: ResolvedComponent,
  options: readonly PurchaseOption[],
  offers: ComputeOfferSource,
): ComponentChoice | null {
  let best = instanceChoice(region, c, options, offers);
  for (const rate of region.customShapes ?? []) {
    const custom = customChoice(region, c, rate, options);
    if (custom && (best === null || custom.monthlyUsd < best.monthlyUsd)) best = custom;
  }
  return best;
}

/** Prices one region's full replica of the workload (one of `workload.regionsCount`). */
export function priceRegion(
  region: CandidateRegion,
  workload: ResolvedWorkload,
  offers: ComputeOfferSource,
): RegionCost {
  const choices: ComponentChoice[] = [];
  const unfit: ResolvedComponent[] = [];
  const unknownPrices: string[] = [];
  const lines: DraftLine[] = [];
  let computeUsd = 0;
  for (const c of workload.components) {
    const choice = chooseCompute(region, c, workload.purchaseOptions, offers);
    if (!choice) {
      unfit.push(c);
      continue;
    }
    choices.push(choice);
    lines.push(...choice.lines);
    computeUsd += choice.monthlyUsd;
    if (c.storageGib > 0) {
      const price = region.storage?.find((s) => s.storageClass === c.storageClass);
      if (!price) unknownPrices.push(`storage ${c.storageClass} for ${c.name} in ${region.regionCode}`);
      else
        lines.push({
          kind: 'STORAGE',
          regionCode: region.regionCode,
          component: c.name,
          offerId: price.offerId ?? null,
          describe: () => `${c.count} × ${c.storageGib} GiB ${c.storageClass}`,
          quantity: c.count * c.storageGib,
          quantityUnit: 'GiB-month',
          unitPriceUsd: price.pricePerGibMonthUsd,
          divisor: 1,
        });
    }
  }
  lines.push(...egressLines(region, workload, unknownPrices));
  return { region, choices, unfit, lines, monthlyUsd: sumUsd(lines), computeUsd, unknownPrices };
}
