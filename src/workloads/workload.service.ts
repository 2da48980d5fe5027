import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors.js';
import type { WorkloadEntity } from './workload.entity.js';
import { WorkloadRepository } from './workload.repository.js';
import type { WorkloadSpec } from './workload-spec.js';

export interface Actor {
  readonly tenant: string;
  readonly name: string;
}

/** Workload CRUD per tenant; the spec is checked here for what GraphQL types cannot say. */
@Injectable()
export class WorkloadService {
  constructor(private readonly workloads: WorkloadRepository) {}

  async create(actor: Actor, spec: WorkloadSpec): Promise<WorkloadEntity> {
    checkSpec(spec);
    if (await this.workloads.nameTaken(actor.tenant, spec.name)) {
      throw new ConflictError(`a workload named "${spec.name}" already exists`, { path: 'input.name' });
    }
    return this.workloads.insert({
      id: randomUUID(),
      tenant: actor.tenant,
      name: spec.name,
      description: spec.description ?? null,
      spec: normalise(spec),
      burstable: spec.burstable ?? false,
      priority: spec.priority ?? 0,
      tags: spec.tags ?? [],
      revision: 1,
      createdBy: actor.name,
    });
  }

  async update(actor: Actor, id: string, spec: WorkloadSpec): Promise<WorkloadEntity> {
    checkSpec(spec);
    const current = await this.get(actor, id);
    if (await this.workloads.nameTaken(actor.tenant, spec.name, id)) {
      throw new ConflictError(`a workload named "${spec.name}" already exists`, { path: 'input.name' });
    }
    return this.workloads.replace({
      ...current,
      name: spec.name,
      description: spec.description ?? null,
      spec: normalise(spec),
      burstable: spec.burstable ?? false,
      priority: spec.priority ?? 0,
      tags: spec.tags ?? [],
      revision: current.revision + 1,
    });
  }

  async get(actor: Actor, id: string): Promise<WorkloadEntity> {
    const workload = isUuid(id) ? await this.workloads.findForTenant(actor.tenant, id) : null;
    if (!workload) throw new NotFoundError(`workload ${id} not found`, { id });
    return workload;
  }

  list(actor: Actor): Promise<WorkloadEntity[]> {
    return this.workloads.listForTenant(actor.tenant);
  }

  async delete(actor: Actor, id: string): Promise<boolean> {
    if (!isUuid(id) || !(await this.workloads.delete(actor.tenant, id)))
      throw new NotFoundError(`workload ${id} not found`, { id });
    return true;
  }
}

function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

/** Rules across fields, which per-field validation cannot express. Paths name the input field. */
export function checkSpec(spec: WorkloadSpec): void {
  const names = new Set<string>();
  spec.components.forEach((c, i) => {
    if (names.has(c.name))
      throw new InvalidInputError(`duplicate component name "${c.name}"`, `components[${i}].name`);
    names.add(c.name);
  });
  spec.components.forEach((c, i) => {
    (c.egressToComponents ?? []).forEach((e, j) => {
      if (!names.has(e.component)) {
        throw new InvalidInputError(
          `no component named "${e.component}"`,
          `components[${i}].egressToComponents[${j}].component`,
        );
      }
    });
  });
  (spec.users ?? []).forEach((u, i) => {
    const hasPoint =
      u.latitude !== undefined && u.latitude !== null && u.longitude !== undefined && u.longitude !== null;
    if (!hasPoint && !u.country)
      throw new InvalidInputError('give latitude and longitude, or a country', `users[${i}]`);
    if (hasPoint && u.country)
      throw new InvalidInputError('give coordinates or a country, not both', `users[${i}]`);
  });
  const w = spec.weights;
  if (w && w.cost + w.latency + w.availability + w.carbon === 0) {
    throw new InvalidInputError('all weights are zero: nothing to rank by', 'weights');
  }
}

/** Plain JSON for the JSONB column (class instances from GraphQL inputs become plain objects). */
function normalise(spec: WorkloadSpec): WorkloadSpec {
  return JSON.parse(JSON.stringify(spec)) as WorkloadSpec;
}
