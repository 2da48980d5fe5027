import { HOURS_PER_MONTH } from '../domain/money.js';
import type { WorkloadEntity } from './workload.entity.js';
import type { WorkloadInput } from './workload.inputs.js';
import { DEFAULT_WEIGHTS, type ConstraintsSpec, type WorkloadSpec } from './workload-spec.js';
import type { Workload, WorkloadConstraints } from './workload.types.js';

/** GraphQL input → stored spec (plain data, nulls for absent fields). */
export function toSpec(input: WorkloadInput): WorkloadSpec {
  return JSON.parse(JSON.stringify(input)) as WorkloadSpec;
}

/** A stored constraint set as GraphQL shows it (workloads, overspill target constraints). */
export function toConstraints(spec: ConstraintsSpec | null | undefined): WorkloadConstraints {
  const c = spec ?? {};
  return {
    countries: c.countries ?? null,
    forbidCountries: c.forbidCountries ?? null,
    regimes: c.regimes ?? null,
    forbidRegimes: c.forbidRegimes ?? null,
    minAvailability: c.minAvailability ?? null,
    maxLatencyMs: c.maxLatencyMs ?? null,
    providers: c.providers ?? null,
    forbidProviders: c.forbidProviders ?? null,
    providerKinds: c.providerKinds ?? null,
    purchaseOptions: c.purchaseOptions ?? null,
    maxMonthlyBudget: c.maxMonthlyBudget ?? null,
  };
}

export function toWorkload(entity: WorkloadEntity): Workload {
  const spec = entity.spec;
  return {
    id: entity.id,
    name: entity.name,
    description: entity.description,
    components: spec.components.map((component) => ({
      name: component.name,
      count: component.count,
      vcpu: component.vcpu,
      memoryGib: component.memoryGib,
      gpuModel: component.gpuModel ?? null,
      gpuCount: component.gpuCount ?? null,
      arch: component.arch ?? null,
      os: component.os ?? null,
      storageGib: component.storageGib ?? null,
      storageClass: component.storageClass ?? null,
      egressInternetGibPerMonth: component.egressInternetGibPerMonth ?? null,
      egressToComponents: component.egressToComponents ?? [],
      hoursPerMonth: component.hoursPerMonth ?? HOURS_PER_MONTH,
    })),
    users: (spec.users ?? []).map((u) => ({
      latitude: u.latitude ?? null,
      longitude: u.longitude ?? null,
      country: u.country ?? null,
      weight: u.weight,
    })),
    constraints: toConstraints(spec.constraints),
    weights: spec.weights ?? DEFAULT_WEIGHTS,
    regionsCount: spec.regionsCount ?? 1,
    burstable: entity.burstable,
    priority: entity.priority,
    tags: entity.tags,
    revision: entity.revision,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  };
}
