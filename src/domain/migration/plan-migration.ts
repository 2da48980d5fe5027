import { Decimal } from 'decimal.js';
import { HOURS_PER_MONTH, money } from '../money.js';
import { orderComponents } from './component-order.js';
import { tieredEgressCost } from './egress-cost.js';
import {
  chooseStrategy,
  componentDowntimeSeconds,
  MIGRATION_DEFAULTS,
  transferSeconds,
  warmDeltas,
} from './migration-estimates.js';
import { validatePlanInput, type MigrationPlanInput, type ThroughputSource } from './migration-plan-input.js';
import { buildComponentSteps, defaultImageFormat } from './migration-steps.js';
import type { ImageFormat, MigrationStrategy, PlannedStep } from './migration-types.js';

export {
  MigrationPlanError,
  type MigrationComponentInput,
  type MigrationPlanInput,
  type MigrationPlanOptions,
  type MigrationSiteInput,
  type MigrationSourceInput,
  type ProviderKind,
  type ThroughputSource,
} from './migration-plan-input.js';

export interface ComponentEstimate {
  readonly name: string;
  readonly gibToMove: number;
  readonly deltaGib: readonly number[];
  readonly transferSeconds: number;
  readonly downtimeSeconds: number;
  readonly sourceFormat: ImageFormat;
  readonly targetFormat: ImageFormat;
  readonly steps: readonly PlannedStep[];
}

export interface MigrationEstimate {
  readonly plannedAt: string;
  readonly strategy: MigrationStrategy;
  readonly strategyReason: string;
  /** Full copies plus WARM deltas, GiB. */
  readonly gibToMove: number;
  readonly throughputGbitPerS: number;
  readonly throughputSource: ThroughputSource;
  readonly transferSeconds: number;
  /** Sum over components: they move one after another, each outage is its own. */
  readonly expectedDowntimeSeconds: number;
  readonly egressCostUsd: string;
  readonly egressTiers: readonly {
    startGb: number;
    endGb: number | null;
    gb: string;
    pricePerGbUsd: string;
    costUsd: string;
  }[];
  readonly doubleRunningCostUsd: string;
  readonly labourCostUsd: string;
  readonly oneOffCostUsd: string;
  readonly monthlySavingUsd: string;
  /** oneOff / saving, rounded up to 0.01 month; null when the move saves nothing. */
  readonly paybackMonths: string | null;
  readonly componentOrder: readonly string[];
  readonly cycles: readonly (readonly string[])[];
  /** In componentOrder. */
  readonly components: readonly ComponentEstimate[];
  readonly warnings: readonly string[];
}

/** Money leaves the domain as a decimal string rounded to micro-USD (toMicros' unit). */
const usd = (d: Decimal) => d.toDecimalPlaces(6, Decimal.ROUND_HALF_EVEN).toFixed();

/**
 * Estimates a migration and lays out its steps. One-off cost = egress (the source's tiers over
 * every GiB sent, deltas included) + double running (the target billed at its monthly rate from
 * the first transfer until decommission: transfer time + the cutover soak, over a 730-hour
 * month) + labour. Monthly saving = source − target; payback = one-off / saving.
 */
export function planMigration(input: MigrationPlanInput, now: Date): MigrationEstimate {
  const o = input.options;
  validatePlanInput(input);
  const settings = {
    dailyChangeRatePct: o.dailyChangeRatePct ?? MIGRATION_DEFAULTS.dailyChangeRatePct,
    syncs: o.warmDeltaSyncs ?? MIGRATION_DEFAULTS.warmDeltaSyncs,
    maxDowntimeSeconds: o.maxDowntimeSeconds ?? MIGRATION_DEFAULTS.maxDowntimeSeconds,
    overhead: o.cutoverOverheadSeconds ?? MIGRATION_DEFAULTS.cutoverOverheadSeconds,
    soak: o.cutoverSoakSeconds ?? MIGRATION_DEFAULTS.cutoverSoakSeconds,
  };
  const measured = input.throughput !== null && input.throughput.gbitPerS > 0;
  const gbitPerS = measured ? input.throughput.gbitPerS : o.defaultBandwidthGbitPerS;
  const throughputSource: ThroughputSource = measured ? input.throughput.source : 'configured-default';
  const bw = money(gbitPerS);

  const sized = input.components.map((c) => {
    const gib = money(c.count).mul(c.storageGib);
    const warm = warmDeltas(gib, bw, settings.dailyChangeRatePct, settings.syncs);
    const downtime = {
      gib,
      finalDeltaGib: warm.deltaGib[warm.deltaGib.length - 1],
      gbitPerS: bw,
      cutoverOverheadSeconds: settings.overhead,
      dnsTtlSeconds: o.dnsTtlSeconds,
    };
    return { c, gib, warm, downtime };
  });
  const total = (f: (s: (typeof sized)[number]) => Decimal) =>
    sized.reduce((sum, s) => sum.plus(f(s)), money(0));
  const choice = chooseStrategy({
    requested: o.strategy,
    allStateless: input.components.every((c) => c.stateless === true || c.storageGib === 0),
    coldDowntimeSeconds: total((s) => componentDowntimeSeconds('COLD', s.downtime)),
    warmDowntimeSeconds: total((s) => componentDowntimeSeconds('WARM', s.downtime)),
    warmConverges: sized.every((s) => s.warm.ratio.lessThan(1)),
    maxDowntimeSeconds: settings.maxDowntimeSeconds,
  });
  const strategy = choice.strategy;
  const warnings = [...choice.warnings];

  const { order, cycles } = orderComponents(
    sized.map((s) => ({
      name: s.c.name,
      gib: s.gib.toNumber(),
      sendsTo: (s.c.egressToComponents ?? []).map((e) => e.component),
    })),
  );
  for (const cycle of cycles)
    warnings.push(
      `dependency cycle among [${cycle.join(', ')}]: they move one after another by size, then name`,
    );

  const sourceFormat = input.source.imageFormat ?? defaultImageFormat(input.source.provider);
  const targetFormat = input.target.imageFormat ?? defaultImageFormat(input.target.provider);
  const byName = new Map(sized.map((s) => [s.c.name, s]));
  let movedGib = money(0);
  let seconds = money(0);
  let downtime = money(0);
  const components: ComponentEstimate[] = order.map((name) => {
    const s = byName.get(name)!;
    const deltas = strategy === 'WARM' ? s.warm.deltaGib : [];
    const gib = deltas.reduce((sum, d) => sum.plus(d), s.gib);
    const t = transferSeconds(gib, bw);
    const down = componentDowntimeSeconds(strategy, s.downtime);
    movedGib = movedGib.plus(gib);
    seconds = seconds.plus(t);
    downtime = downtime.plus(down);
    const steps = buildComponentSteps({
      component: name,
      strategy,
      sourceFormat,
      targetFormat,
      deltaSyncs: settings.syncs,
      dnsTtlSeconds: o.dnsTtlSeconds,
    });
    return {
      name,
      gibToMove: gib.toNumber(),
      deltaGib: deltas.map((d) => d.toNumber()),
      transferSeconds: t.toNumber(),
      downtimeSeconds: down.toNumber(),
      sourceFormat,
      targetFormat,
      steps,
    };
  });

  const egress = tieredEgressCost(
    input.source.egressTiers,
    movedGib,
    money(input.source.egressGbAlreadyThisMonth ?? 0),
  );
  const where = `${input.source.provider}:${input.source.region}`;
  if (
    input.source.egressTiers.length === 0 &&
    movedGib.greaterThan(0) &&
    input.source.kind !== 'PRIVATE_CLOUD'
  ) {
    warnings.push(`no egress prices known for ${where}: egress counted as $0`);
  }
  if (egress.unpricedGb.greaterThan(0))
    warnings.push(`${egress.unpricedGb.toFixed()} GB fall outside ${where}'s egress tiers: priced at $0`);

  const targetMonthly = money(input.target.monthlyCostUsd);
  const overlapHours = seconds.plus(settings.soak).div(3600);
  const doubleRunning = targetMonthly.mul(overlapHours).div(HOURS_PER_MONTH);
  const labour = money(o.labourCostUsd ?? '0');
  const oneOff = egress.costUsd.plus(doubleRunning).plus(labour);
  const saving = money(input.source.monthlyCostUsd).minus(targetMonthly);
  const payback = saving.greaterThan(0)
    ? oneOff.div(saving).toDecimalPlaces(2, Decimal.ROUND_UP).toFixed()
    : null;
  if (payback === null)
    warnings.push(
      `the target costs $${saving.negated().toFixed()} per month more or the same: the move never pays back`,
    );

  return {
    plannedAt: now.toISOString(),
    strategy,
    strategyReason: choice.reason,
    gibToMove: movedGib.toNumber(),
    throughputGbitPerS: gbitPerS,
    throughputSource,
    transferSeconds: seconds.toNumber(),
    expectedDowntimeSeconds: downtime.toNumber(),
    egressCostUsd: usd(egress.costUsd),
    egressTiers: egress.lines.map((l) => ({
      startGb: l.startGb,
      endGb: l.endGb,
      gb: l.gb.toFixed(),
      pricePerGbUsd: l.pricePerGbUsd,
      costUsd: usd(l.costUsd),
    })),
    doubleRunningCostUsd: usd(doubleRunning),
    labourCostUsd: usd(labour),
    oneOffCostUsd: usd(oneOff),
    monthlySavingUsd: usd(saving),
    paybackMonths: payback,
    componentOrder: order,
    cycles,
    components,
    warnings,
  };
}
