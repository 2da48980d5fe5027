import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InvalidInputError } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { createMigration } from '../domain/migration/migration-record.js';
import type { MigrationStrategy } from '../domain/migration/migration-types.js';
import {
  MigrationPlanError,
  planMigration,
  type MigrationPlanInput,
} from '../domain/migration/plan-migration.js';
import { checkSingleRegion, DeploymentService, monthlyCostOf } from '../deployments/deployment.service.js';
import type { PlacementTarget } from '../placement/placement-target.js';
import { PlacementService } from '../placement/placement.service.js';
import { ProviderDirectoryRepository } from '../providers/provider-directory.repository.js';
import { ProviderRegistry } from '../providers/provider-registry.service.js';
import { WorkloadService, type Actor } from '../workloads/workload.service.js';
import type { MigrationEntity } from './migration.entity.js';
import { MigrationRepository } from './migration.repository.js';
import { MigrationOrchestrator } from './migration-orchestrator.service.js';
import { NetworkFactsRepository } from './network-facts.repository.js';
import type { StoredPlan } from './stored-plan.js';

export interface PlanRequest {
  readonly workloadId: string;
  readonly target: PlacementTarget;
  readonly strategy?: MigrationStrategy;
}

const COST_BASIS =
  'compute at deployment prices (per instance-hour × instances × 730 h), source and target alike';

/**
 * Gathers what planMigration needs (the workload, where it runs now and at what price, the
 * target's pricing, egress tiers, measured throughput, the adapters' image formats, config),
 * calls it, and stores the new migration in PLANNED with its plan.
 */
@Injectable()
export class MigrationPlanner {
  constructor(
    private readonly workloads: WorkloadService,
    private readonly deployments: DeploymentService,
    private readonly placement: PlacementService,
    private readonly network: NetworkFactsRepository,
    private readonly directory: ProviderDirectoryRepository,
    private readonly providers: ProviderRegistry,
    private readonly migrations: MigrationRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async plan(actor: Actor, request: PlanRequest, now = new Date()): Promise<MigrationEntity> {
    const { target } = request;
    checkSingleRegion(target);
    const workload = await this.workloads.get(actor, request.workloadId);
    const running = await this.deployments.findRunning(workload.id);
    if (running.length === 0) {
      throw new InvalidInputError(
        'the workload runs nowhere yet: record where it runs with deployWorkload first',
        'workloadId',
      );
    }
    const sites = new Set(running.map((d) => `${d.providerId}:${d.regionCode}`));
    if (sites.size > 1)
      throw new InvalidInputError(
        `the workload runs at several sites (${[...sites].join(', ')})`,
        'workloadId',
      );
    const missing = workload.spec.components.filter((c) => !running.some((d) => d.component === c.name));
    if (missing.length > 0)
      throw new InvalidInputError(
        `no running deployment of ${missing.map((c) => c.name).join(', ')}`,
        'workloadId',
      );
    const source = { provider: running[0].providerId, region: running[0].regionCode };
    const targetSite = { provider: target.provider, region: target.regions[0] };
    if (source.provider === targetSite.provider && source.region === targetSite.region)
      throw new InvalidInputError(
        `the workload already runs at ${source.provider}:${source.region}`,
        'target',
      );

    const [sourceRow, pricing, egress, measured, sourceDriver, targetDriver] = await Promise.all([
      this.directory.findAdapterRow(source.provider),
      this.placement.priceTarget(workload.spec, target, now),
      this.network.egressTiers(source, targetSite),
      this.network.measuredThroughput(source, targetSite),
      this.providers.driverFor(source.provider),
      this.providers.driverFor(targetSite.provider),
    ]);
    const sourceMonthly = monthlyCostOf(running);
    const targetMonthly = monthlyCostOf(
      pricing.components.map((c) => ({ pricePerHourUsd: c.pricePerHourUsd, instanceCount: c.count })),
    );
    const m = this.config.migrations;
    const components = workload.spec.components.map((c) => ({
      name: c.name,
      count: c.count,
      vcpu: c.vcpu,
      memoryGib: c.memoryGib,
      storageGib: c.storageGib ?? 0,
      egressToComponents: c.egressToComponents ?? [],
    }));
    const input: MigrationPlanInput = {
      components,
      source: {
        provider: source.provider,
        region: source.region,
        kind: sourceRow!.kind,
        monthlyCostUsd: sourceMonthly,
        egressTiers: egress.tiers,
        ...(sourceDriver.imageFormat ? { imageFormat: sourceDriver.imageFormat } : {}),
      },
      target: {
        provider: targetSite.provider,
        region: targetSite.region,
        kind: pricing.providerKind,
        monthlyCostUsd: targetMonthly,
        ...(targetDriver.imageFormat ? { imageFormat: targetDriver.imageFormat } : {}),
      },
      throughput: measured === null ? null : { gbitPerS: measured, source: 'measured:skyplane' },
      options: {
        strategy: request.strategy,
        defaultBandwidthGbitPerS: m.defaultBandwidthGbitPerS,
        dnsTtlSeconds: m.dnsTtlSeconds,
        cutoverSoakSeconds: m.cutoverSoakSeconds,
        labourCostUsd: m.labourCostUsd,
      },
    };
    let estimate;
    try {
      estimate = planMigration(input, now);
    } catch (error) {
      if (error instanceof MigrationPlanError) throw new InvalidInputError(error.message, 'workload');
      throw error;
    }
    const id = randomUUID();
    const migration = createMigration(
      {
        id,
        strategy: estimate.strategy,
        oneOffCostUsd: estimate.oneOffCostUsd,
        componentSteps: estimate.components.map((c) => c.steps),
        policy: {
          maxAttemptsPerStep: m.maxAttemptsPerStep,
          backoffBaseSeconds: m.backoffBaseSeconds,
          backoffMaxSeconds: m.backoffMaxSeconds,
          adminApprovalAboveUsd: m.adminApprovalAboveUsd,
          cutoverSoakSeconds: m.cutoverSoakSeconds,
        },
      },
      now,
    );
    const instanceTypes = new Map(pricing.components.map((c) => [c.component, c.instanceType]));
    const plan: StoredPlan = {
      workloadName: workload.name,
      source: {
        providerId: source.provider,
        regionCode: source.region,
        kind: sourceRow!.kind,
        resources: Object.fromEntries(
          running.map((d) => [
            d.component,
            { resourceId: d.tags.resourceId ?? null, address: d.tags.address ?? null },
          ]),
        ),
      },
      target: {
        providerId: targetSite.provider,
        regionCode: targetSite.region,
        kind: pricing.providerKind,
        pricing,
      },
      components: components.map((c) => ({
        workloadId: workload.id,
        workloadName: workload.name,
        name: c.name,
        count: c.count,
        vcpu: c.vcpu,
        memoryGib: c.memoryGib,
        storageGib: c.storageGib,
        targetInstanceType: instanceTypes.get(c.name) ?? null,
      })),
      estimate: {
        ...estimate,
        components: estimate.components.map(({ steps: _steps, ...rest }) => rest),
        costBasis: COST_BASIS,
        sourceMonthlyCostUsd: sourceMonthly,
        targetMonthlyCostUsd: targetMonthly,
        egressBasis: egress.basis,
      },
    };
    const entity: Omit<MigrationEntity, 'finishedAt'> = {
      id,
      tenant: actor.tenant,
      workloadId: workload.id,
      sourceProvider: source.provider,
      sourceRegion: source.region,
      targetProvider: targetSite.provider,
      targetRegions: [targetSite.region],
      state: migration.state,
      strategy: migration.strategy,
      version: migration.version,
      oneOffCostUsd: migration.oneOffCostUsd,
      record: migration,
      plan,
      createdBy: actor.name,
      createdAt: now,
      updatedAt: now,
    };
    await this.migrations.insertPlanned(entity, MigrationOrchestrator.plannedRecord(migration, actor.name));
    return { ...entity, finishedAt: null };
  }
}
