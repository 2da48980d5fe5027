import { parseDecimal } from '../money.js';
import type { EgressTier } from './egress-cost.js';
import { KEY_SEPARATOR } from './migration-steps.js';
import type { ImageFormat, MigrationStrategy } from './migration-types.js';

/** What planMigration takes, and the one check that refuses an input it cannot plan. */

export class MigrationPlanError extends Error {
  override readonly name = 'MigrationPlanError';
}

export interface MigrationComponentInput {
  readonly name: string;
  readonly count: number;
  readonly vcpu: number;
  readonly memoryGib: number;
  /** Per instance; the data moved is count × storageGib. */
  readonly storageGib: number;
  /** Keeps no state of its own (its disk is an image): allows BLUE_GREEN without losing writes. */
  readonly stateless?: boolean;
  readonly egressToComponents?: readonly { readonly component: string; readonly gibPerMonth: number }[];
}

/** As catalog-enums' ProviderKind; the lint rule keeps domain/migration off catalog paths. */
export type ProviderKind = 'PUBLIC_CLOUD' | 'PRIVATE_CLOUD' | 'HOSTING';

export interface MigrationSiteInput {
  readonly provider: string;
  readonly region: string;
  readonly kind: ProviderKind;
  /** What the workload costs per month there (730 h), decimal string. */
  readonly monthlyCostUsd: string;
  /** Disk format exported (source) or imported (target); defaults per provider (migration-steps). */
  readonly imageFormat?: ImageFormat;
}

export interface MigrationSourceInput extends MigrationSiteInput {
  /** The source's egress tiers towards the target's destination (internet, or same-provider region). */
  readonly egressTiers: readonly EgressTier[];
  /** GB that already left the source this month: where in the tiers the migration starts. */
  readonly egressGbAlreadyThisMonth?: number;
}

export type ThroughputSource = 'measured:skyplane' | 'configured-default';

export interface MigrationPlanOptions {
  readonly strategy?: MigrationStrategy;
  readonly defaultBandwidthGbitPerS: number;
  readonly dnsTtlSeconds: number;
  readonly dailyChangeRatePct?: number;
  readonly warmDeltaSyncs?: number;
  readonly maxDowntimeSeconds?: number;
  readonly cutoverOverheadSeconds?: number;
  readonly cutoverSoakSeconds?: number;
  readonly labourCostUsd?: string;
}

export interface MigrationPlanInput {
  readonly components: readonly MigrationComponentInput[];
  readonly source: MigrationSourceInput;
  readonly target: MigrationSiteInput;
  /** A measured pair rate (Gbit/s), or null to use options.defaultBandwidthGbitPerS. */
  readonly throughput: { readonly gbitPerS: number; readonly source: ThroughputSource } | null;
  readonly options: MigrationPlanOptions;
}

/** Throws MigrationPlanError naming the first field that makes the plan meaningless. */
export function validatePlanInput(input: MigrationPlanInput): void {
  const fail = (message: string): never => {
    throw new MigrationPlanError(message);
  };
  if (input.components.length === 0) fail('a migration moves at least one component');
  const names = new Set<string>();
  for (const c of input.components) {
    if (c.name.length === 0 || c.name.includes(KEY_SEPARATOR))
      fail(`component name "${c.name}" must be non-empty and contain no "${KEY_SEPARATOR}"`);
    if (names.has(c.name)) fail(`component ${c.name} appears twice`);
    names.add(c.name);
    for (const [field, value] of Object.entries({
      count: c.count,
      vcpu: c.vcpu,
      memoryGib: c.memoryGib,
      storageGib: c.storageGib,
    })) {
      if (!Number.isFinite(value) || value < 0)
        fail(`component ${c.name}: ${field} must be a finite number ≥ 0, got ${value}`);
    }
  }
  for (const c of input.components) {
    for (const e of c.egressToComponents ?? []) {
      if (!names.has(e.component))
        fail(`component ${c.name} sends traffic to unknown component ${e.component}`);
    }
  }
  for (const [label, value] of [
    ['source.monthlyCostUsd', input.source.monthlyCostUsd],
    ['target.monthlyCostUsd', input.target.monthlyCostUsd],
    ['options.labourCostUsd', input.options.labourCostUsd ?? '0'],
    ...input.source.egressTiers.map(
      (t, i) => [`source.egressTiers[${i}].pricePerGbUsd`, t.pricePerGbUsd] as const,
    ),
  ] as const) {
    if (parseDecimal(value) === null) fail(`${label} must be a decimal string, got "${value}"`);
  }
  const measured = input.throughput !== null && input.throughput.gbitPerS > 0;
  if (!measured && !(input.options.defaultBandwidthGbitPerS > 0))
    fail('no measured throughput and options.defaultBandwidthGbitPerS is not > 0');
  if (!(input.options.dnsTtlSeconds >= 0)) fail('options.dnsTtlSeconds must be ≥ 0');
}
