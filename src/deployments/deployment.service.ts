import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { ConflictError, InvalidInputError } from '../common/errors.js';
import { HOURS_PER_MONTH, money } from '../domain/money.js';
import type { PlacementTarget, TargetPricing } from '../placement/placement-target.js';
import { PlacementService } from '../placement/placement.service.js';
import { WorkloadService, type Actor } from '../workloads/workload.service.js';
import type { DeploymentEntity, DeploymentSource } from './deployment.entity.js';
import { DeploymentRepository, type NewDeployment } from './deployment.repository.js';

export interface MoveRequest {
  readonly tenant: string;
  readonly workloadId: string;
  readonly migrationId: string;
  readonly pricing: TargetPricing;
  /** Per component: the adapter's resource id and address on the target. */
  readonly resources: Readonly<Record<string, { resourceId: string | null; address: string | null }>>;
  readonly at: Date;
}

/** A target names one region: a deployment row is one site per component. */
export function checkSingleRegion(target: PlacementTarget, path = 'target.regions'): void {
  if (target.regions.length !== 1)
    throw new InvalidInputError(`name exactly one region (got ${target.regions.length})`, path);
}

/** What a set of running deployments costs per month: Σ price per hour (USD) × instances × 730 h. */
export function monthlyCostOf(
  rows: readonly Pick<DeploymentEntity, 'pricePerHourUsd' | 'instanceCount'>[],
): string {
  return rows
    .reduce(
      (sum, d) =>
        sum.plus(
          money(d.pricePerHourUsd ?? '0')
            .mul(d.instanceCount)
            .mul(HOURS_PER_MONTH),
        ),
      money(0),
    )
    .toFixed();
}

/** Where workloads run now: recorded by hand (deployWorkload) or moved by migrations. */
@Injectable()
export class DeploymentService {
  constructor(
    private readonly deployments: DeploymentRepository,
    private readonly workloads: WorkloadService,
    private readonly placement: PlacementService,
    private readonly dataSource: DataSource,
  ) {}

  findRunning(workloadId: string, manager?: EntityManager): Promise<DeploymentEntity[]> {
    return this.deployments.findRunning(workloadId, manager);
  }

  async history(actor: Actor, workloadId: string): Promise<DeploymentEntity[]> {
    await this.workloads.get(actor, workloadId);
    return this.deployments.listForWorkload(actor.tenant, workloadId);
  }

  /**
   * Records that a workload already runs at `target` without moving anything: one running row per
   * component at the offer the placement service prices it with. A correction replaces rows.
   */
  async recordExisting(
    actor: Actor,
    workloadId: string,
    target: PlacementTarget,
  ): Promise<DeploymentEntity[]> {
    checkSingleRegion(target);
    const workload = await this.workloads.get(actor, workloadId);
    const moving = await this.deployments.migrationInFlight(workloadId);
    if (moving)
      throw new ConflictError(
        `migration ${moving} is moving this workload: let it finish or roll it back first`,
        {
          migrationId: moving,
        },
      );
    const pricing = await this.placement.priceTarget(workload.spec, target);
    const at = new Date();
    const rows = toDeployments(actor.tenant, workloadId, pricing, 'MANUAL', null, {}, at);
    return this.dataSource.transaction((m) =>
      this.deployments.replaceRunning(
        m,
        workloadId,
        rows.map((r) => r.component),
        rows,
        at,
      ),
    );
  }

  /** A completed migration: ends the source rows and starts the target's, in the caller's transaction. */
  moveInTransaction(manager: EntityManager, move: MoveRequest): Promise<DeploymentEntity[]> {
    const rows = toDeployments(
      move.tenant,
      move.workloadId,
      move.pricing,
      'MIGRATION',
      move.migrationId,
      move.resources,
      move.at,
    );
    return this.deployments.replaceRunning(
      manager,
      move.workloadId,
      rows.map((r) => r.component),
      rows,
      move.at,
    );
  }
}

function toDeployments(
  tenant: string,
  workloadId: string,
  pricing: TargetPricing,
  source: DeploymentSource,
  migrationId: string | null,
  resources: MoveRequest['resources'],
  at: Date,
): NewDeployment[] {
  return pricing.components.map((c) => {
    const resource = resources[c.component];
    const tags: Record<string, string> = {};
    if (resource?.resourceId) tags.resourceId = resource.resourceId;
    if (resource?.address) tags.address = resource.address;
    return {
      id: randomUUID(),
      tenant,
      workloadId,
      component: c.component,
      providerId: pricing.provider,
      regionCode: c.regionCode,
      offerId: c.offerId,
      sku: c.sku,
      instanceType: c.instanceType,
      purchaseOption: c.purchaseOption,
      instanceCount: c.count,
      vcpu: String(c.vcpu),
      memoryGib: String(c.memoryGib),
      pricePerHour: c.pricePerHour,
      currency: c.currency,
      pricePerHourUsd: c.pricePerHourUsd,
      startedAt: at,
      source,
      migrationId,
      tags,
    };
  });
}
