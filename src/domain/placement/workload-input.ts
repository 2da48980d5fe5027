import type { Arch, OperatingSystem, PurchaseOption } from './catalog-vocabulary.js';
import { HOURS_PER_MONTH } from '../money.js';
import type { Component, Constraints, UserLocation, Weights, Workload } from './placement-types.js';

/** Storage class used when a component gives storage GiB without a class. */
export const DEFAULT_STORAGE_CLASS = 'SSD';
export const DEFAULT_PURCHASE_OPTIONS: readonly PurchaseOption[] = ['ON_DEMAND'];

/** Input that cannot be scored. `code` matches the GraphQL BAD_USER_INPUT the service maps it to. */
export class PlacementInputError extends Error {
  readonly code = 'BAD_USER_INPUT';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'PlacementInputError';
  }
}

/** A component with every default applied. */
export interface ResolvedComponent {
  readonly name: string;
  readonly count: number;
  readonly vcpu: number;
  readonly memoryGib: number;
  readonly gpuModel: string | null;
  readonly gpuCount: number;
  readonly arch: Arch | null;
  readonly os: OperatingSystem;
  readonly storageGib: number;
  readonly storageClass: string;
  readonly egressInternetGibPerMonth: number;
  /** Σ gibPerMonth of egressToComponents. */
  readonly egressToComponentsGibPerMonth: number;
  readonly hoursPerMonth: number;
}

export interface ResolvedWorkload {
  readonly name: string;
  readonly components: readonly ResolvedComponent[];
  readonly users: readonly UserLocation[];
  readonly constraints: Constraints;
  readonly purchaseOptions: readonly PurchaseOption[];
  /** Weights divided by their sum. */
  readonly weightShares: Weights;
  readonly regionsCount: number;
}

function nonNegative(path: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v < 0)
    throw new PlacementInputError(path, `must be a finite number ≥ 0, got ${value}`);
  return v;
}

function resolveComponent(c: Component, i: number, names: ReadonlySet<string>): ResolvedComponent {
  const path = `workload.components[${i}]`;
  if (!Number.isInteger(c.count) || c.count < 1)
    throw new PlacementInputError(`${path}.count`, `must be an integer ≥ 1, got ${c.count}`);
  if (!Number.isFinite(c.vcpu) || c.vcpu <= 0)
    throw new PlacementInputError(`${path}.vcpu`, `must be > 0, got ${c.vcpu}`);
  const memoryGib = nonNegative(`${path}.memoryGib`, c.memoryGib, 0);
  const gpuModel = c.gpuModel ? c.gpuModel : null;
  const gpuCount = nonNegative(`${path}.gpuCount`, c.gpuCount, gpuModel ? 1 : 0);
  const hoursPerMonth = nonNegative(`${path}.hoursPerMonth`, c.hoursPerMonth, HOURS_PER_MONTH);
  if (hoursPerMonth > HOURS_PER_MONTH)
    throw new PlacementInputError(`${path}.hoursPerMonth`, `a month has ${HOURS_PER_MONTH} hours`);
  let egressToComponents = 0;
  (c.egressToComponents ?? []).forEach((e, j) => {
    if (!names.has(e.component))
      throw new PlacementInputError(
        `${path}.egressToComponents[${j}].component`,
        `no component named ${e.component}`,
      );
    egressToComponents += nonNegative(`${path}.egressToComponents[${j}].gibPerMonth`, e.gibPerMonth, 0);
  });
  return {
    name: c.name,
    count: c.count,
    vcpu: c.vcpu,
    memoryGib,
    gpuModel,
    gpuCount,
    arch: c.arch ?? null,
    os: c.os ?? 'LINUX',
    storageGib: nonNegative(`${path}.storageGib`, c.storageGib, 0),
    storageClass: c.storageClass ?? DEFAULT_STORAGE_CLASS,
    egressInternetGibPerMonth: nonNegative(
      `${path}.egressInternetGibPerMonth`,
      c.egressInternetGibPerMonth,
      0,
    ),
    egressToComponentsGibPerMonth: egressToComponents,
    hoursPerMonth,
  };
}

/** Validates the workload and the weights, applies defaults. Throws PlacementInputError. */
export function resolveWorkload(workload: Workload, weights: Weights): ResolvedWorkload {
  if (workload.components.length === 0)
    throw new PlacementInputError('workload.components', 'at least one component');
  const names = new Set(workload.components.map((c) => c.name));
  if (names.size !== workload.components.length)
    throw new PlacementInputError('workload.components', 'component names must be unique');
  const components = workload.components.map((c, i) => resolveComponent(c, i, names));

  const w = {
    cost: nonNegative('weights.cost', weights.cost, 0),
    latency: nonNegative('weights.latency', weights.latency, 0),
    availability: nonNegative('weights.availability', weights.availability, 0),
    carbon: nonNegative('weights.carbon', weights.carbon, 0),
  };
  const sum = w.cost + w.latency + w.availability + w.carbon;
  if (sum === 0) throw new PlacementInputError('weights', 'all weights are zero: nothing to rank by');

  workload.users.forEach((u, i) => {
    if (!(Math.abs(u.latitude) <= 90) || !(Math.abs(u.longitude) <= 180)) {
      throw new PlacementInputError(
        `workload.users[${i}]`,
        `coordinates out of range (${u.latitude}, ${u.longitude})`,
      );
    }
    nonNegative(`workload.users[${i}].weight`, u.weight, 0);
  });

  const regionsCount = workload.regionsCount ?? 1;
  if (!Number.isInteger(regionsCount) || regionsCount < 1) {
    throw new PlacementInputError('workload.regionsCount', `must be an integer ≥ 1, got ${regionsCount}`);
  }
  const purchaseOptions = workload.constraints.purchaseOptions?.length
    ? workload.constraints.purchaseOptions
    : DEFAULT_PURCHASE_OPTIONS;
  return {
    name: workload.name,
    components,
    users: workload.users.filter((u) => u.weight > 0),
    constraints: workload.constraints,
    purchaseOptions: [...new Set(purchaseOptions)].sort(),
    weightShares: {
      cost: w.cost / sum,
      latency: w.latency / sum,
      availability: w.availability / sum,
      carbon: w.carbon / sum,
    },
    regionsCount,
  };
}
