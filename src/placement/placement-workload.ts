import type { GeoPoint } from '../domain/geo/haversine.js';
import type {
  Component,
  Constraints,
  UserLocation,
  Weights,
  Workload,
} from '../domain/placement/placement-types.js';
import { DEFAULT_STORAGE_CLASS } from '../domain/placement/workload-input.js';
import { InvalidInputError } from '../common/errors.js';
import { DEFAULT_WEIGHTS, type WorkloadSpec } from '../workloads/workload-spec.js';

const defined = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);

/**
 * A stored or submitted workload spec as the placement domain takes it: nulls dropped, storage
 * classes upper-cased (catalog classes are), users given by country placed at the mean position
 * of the catalog's regions in that country.
 */
export function toDomainWorkload(
  spec: WorkloadSpec,
  countryPositions: ReadonlyMap<string, GeoPoint>,
  pathPrefix = 'workload',
): Workload {
  const components: Component[] = spec.components.map((c) => ({
    name: c.name,
    count: c.count,
    vcpu: c.vcpu,
    memoryGib: c.memoryGib,
    gpuModel: defined(c.gpuModel),
    gpuCount: defined(c.gpuCount),
    arch: defined(c.arch),
    os: defined(c.os),
    storageGib: defined(c.storageGib),
    storageClass: (c.storageClass ?? DEFAULT_STORAGE_CLASS).toUpperCase(),
    egressInternetGibPerMonth: defined(c.egressInternetGibPerMonth),
    egressToComponents: c.egressToComponents ?? undefined,
    hoursPerMonth: defined(c.hoursPerMonth),
  }));
  const users: UserLocation[] = (spec.users ?? []).map((u, i) => {
    if (
      u.latitude !== null &&
      u.latitude !== undefined &&
      u.longitude !== null &&
      u.longitude !== undefined
    ) {
      return { latitude: u.latitude, longitude: u.longitude, weight: u.weight };
    }
    const position = u.country ? countryPositions.get(u.country) : undefined;
    if (!position) {
      throw new InvalidInputError(
        u.country
          ? `no region of the catalog is in ${u.country}: give coordinates instead`
          : 'give coordinates or a country',
        `${pathPrefix}.users[${i}]`,
      );
    }
    return { ...position, weight: u.weight, label: u.country ?? undefined };
  });
  const c = spec.constraints ?? {};
  const constraints: Constraints = {
    countries: defined(c.countries),
    forbidCountries: defined(c.forbidCountries),
    regimes: defined(c.regimes),
    forbidRegimes: defined(c.forbidRegimes),
    minAvailability: defined(c.minAvailability),
    maxLatencyMs: defined(c.maxLatencyMs),
    providers: defined(c.providers),
    forbidProviders: defined(c.forbidProviders),
    providerKinds: defined(c.providerKinds),
    purchaseOptions: defined(c.purchaseOptions),
    maxMonthlyBudget: defined(c.maxMonthlyBudget),
  };
  return {
    name: spec.name,
    components,
    users,
    constraints,
    weights: spec.weights ?? DEFAULT_WEIGHTS,
    regionsCount: defined(spec.regionsCount),
  };
}

export function weightsOf(spec: WorkloadSpec, override: Weights | null | undefined): Weights {
  return override ?? spec.weights ?? DEFAULT_WEIGHTS;
}
