import { Inject, Injectable } from '@nestjs/common';
import { CatalogReadRepository } from '../catalog/catalog-read.repository.js';
import { DomainError } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { estimateSavings, monthlyRunRateUsd, type SavingsEstimate } from '../domain/finance/index.js';
import { tieredEgressCost } from '../domain/migration/egress-cost.js';
import { MigrationPlanError, planMigration } from '../domain/migration/plan-migration.js';
import { money, toNumericString } from '../domain/money.js';
import type { PlacementOption } from '../domain/placement/placement-result-types.js';
import { PlacementService } from '../placement/placement.service.js';
import type { WorkloadEntity } from '../workloads/workload.entity.js';
import { WorkloadService, type Actor } from '../workloads/workload.service.js';
import { DeploymentCostingRepository, type CostedDeployment } from './deployment-costing.repository.js';
import { NetworkFactsRepository, type SiteKey as Site } from '../migration/network-facts.repository.js';

export interface BestPlacement {
  readonly providerId: string;
  readonly regions: readonly string[];
  /** Compute only, 730 h: what is compared with the running deployments. */
  readonly computeMonthlyCostUsd: string;
  /** Compute + storage + egress as placement prices it, for reference. */
  readonly totalMonthlyCostUsd: string;
}

export interface WorkloadSavings {
  readonly workloadId: string;
  readonly workloadName: string;
  readonly currentSites: readonly string[];
  readonly currentMonthlyCostUsd: string;
  readonly best: BestPlacement | null;
  readonly migrationOneOffCostUsd: string | null;
  readonly oneOffBasis: string;
  readonly estimate: SavingsEstimate | null;
  readonly notes: readonly string[];
}

const PLANNER_BASIS =
  'migration planner (planMigration): egress + double running during transfer and soak + labour 0';
const EGRESS_BASIS = "egress only: every component's storage sent once through the source's egress tiers";

/**
 * What each workload could save by moving to its best placement now. Both monthly figures are
 * compute at 730 h (the running deployments at the prices in force, and the best option's
 * compute cost): placement's storage and egress lines have nothing to compare with in a
 * deployment row, so adding them on one side only would invent a difference.
 */
@Injectable()
export class SavingsService {
  constructor(
    private readonly costing: DeploymentCostingRepository,
    private readonly workloads: WorkloadService,
    private readonly placement: PlacementService,
    private readonly network: NetworkFactsRepository,
    private readonly catalog: CatalogReadRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async savings(actor: Actor, now = new Date()): Promise<WorkloadSavings[]> {
    const justAfter = new Date(now.getTime() + 1);
    const [costed, prices, workloads] = await Promise.all([
      this.costing.runningBetween(now, justAfter, actor.tenant),
      this.costing.priceHistory(now, justAfter, actor.tenant),
      this.workloads.list(actor),
    ]);
    const byWorkload = new Map<string, CostedDeployment[]>();
    for (const c of costed)
      byWorkload.set(c.deployment.workloadId, [...(byWorkload.get(c.deployment.workloadId) ?? []), c]);
    const lines: WorkloadSavings[] = [];
    for (const workload of workloads) {
      const running = byWorkload.get(workload.id);
      if (!running) continue;
      const current = monthlyRunRateUsd(
        running.map((c) => c.deployment),
        prices,
        now,
      );
      lines.push(await this.workloadSavings(actor, workload, running, current, now));
    }
    return lines.sort((a, b) =>
      money(b.estimate?.monthlySaving ?? '-1e30').comparedTo(a.estimate?.monthlySaving ?? '-1e30'),
    );
  }

  private async workloadSavings(
    actor: Actor,
    workload: WorkloadEntity,
    running: readonly CostedDeployment[],
    current: { costUsd: string; unpriced: string[] },
    now: Date,
  ): Promise<WorkloadSavings> {
    const sites = [...new Set(running.map((c) => `${c.deployment.provider.id}:${c.deployment.region.code}`))];
    const notes = current.unpriced.map(
      (id) => `deployment ${id} has no USD price: left out of the current cost`,
    );
    const base = {
      workloadId: workload.id,
      workloadName: workload.name,
      currentSites: sites,
      currentMonthlyCostUsd: current.costUsd,
    };
    let option: PlacementOption | undefined;
    try {
      option = (await this.placement.placementOptions(actor, { workloadId: workload.id, limit: 1 }, now))
        .options[0];
    } catch (error) {
      // One workload the placement engine cannot answer for must not hide every other workload's saving.
      if (!(error instanceof DomainError)) throw error;
      notes.push(`no placement: ${error.message}`);
    }
    if (!option) {
      if (notes.length === 0) notes.push('no feasible placement now');
      return {
        ...base,
        best: null,
        migrationOneOffCostUsd: null,
        oneOffBasis: 'none',
        estimate: null,
        notes,
      };
    }
    const best: BestPlacement = {
      providerId: option.providerId,
      regions: option.regions.map((r) => r.regionCode),
      computeMonthlyCostUsd: option.cost.computeUsd,
      totalMonthlyCostUsd: option.cost.totalUsd,
    };
    const target: Site = { provider: best.providerId, region: best.regions[0] };
    if (best.regions.length > 1)
      notes.push(
        `the best option spans ${best.regions.length} regions; the move is costed to ${target.region}`,
      );
    const oneOff = await this.oneOffCost(
      workload,
      running,
      sites,
      target,
      current.costUsd,
      best,
      option,
      notes,
    );
    const estimate = estimateSavings({
      currentMonthlyCost: current.costUsd,
      bestMonthlyCost: best.computeMonthlyCostUsd,
      migrationOneOffCost: oneOff.costUsd,
      currency: 'USD',
    });
    return {
      ...base,
      best,
      migrationOneOffCostUsd: oneOff.costUsd,
      oneOffBasis: oneOff.basis,
      estimate,
      notes,
    };
  }

  private async oneOffCost(
    workload: WorkloadEntity,
    running: readonly CostedDeployment[],
    sites: readonly string[],
    target: Site,
    currentMonthlyUsd: string,
    best: BestPlacement,
    option: PlacementOption,
    notes: string[],
  ): Promise<{ costUsd: string; basis: string }> {
    if (sites.length === 1 && sites[0] === `${target.provider}:${target.region}`)
      return { costUsd: '0', basis: 'already at the best site: nothing to move' };
    const components = workload.spec.components.map((c) => ({
      name: c.name,
      count: c.count,
      vcpu: c.vcpu,
      memoryGib: c.memoryGib,
      storageGib: c.storageGib ?? 0,
      egressToComponents: c.egressToComponents ?? [],
    }));
    const sources = sites.map((s) => {
      const [provider, ...region] = s.split(':');
      return { provider: provider, region: region.join(':') };
    });
    if (sources.length === 1) {
      const source = sources[0];
      const [quote, measured, providers] = await Promise.all([
        this.network.egressTiers(source, target),
        this.network.measuredThroughput(source, target),
        this.catalog.findProvidersByIds([source.provider]),
      ]);
      try {
        const estimate = planMigration(
          {
            components,
            source: {
              ...source,
              kind: providers[0]?.kind ?? 'PUBLIC_CLOUD',
              monthlyCostUsd: currentMonthlyUsd,
              egressTiers: quote.tiers,
            },
            target: { ...target, kind: option.providerKind, monthlyCostUsd: best.computeMonthlyCostUsd },
            throughput: measured === null ? null : { gbitPerS: measured, source: 'measured:skyplane' },
            options: {
              defaultBandwidthGbitPerS: this.config.migrations.defaultBandwidthGbitPerS,
              dnsTtlSeconds: this.config.migrations.dnsTtlSeconds,
              labourCostUsd: '0',
            },
          },
          new Date(),
        );
        notes.push(...estimate.warnings);
        return { costUsd: estimate.oneOffCostUsd, basis: `${PLANNER_BASIS} (${estimate.strategy})` };
      } catch (error) {
        if (!(error instanceof MigrationPlanError)) throw error;
        notes.push(`migration planner: ${error.message}`);
      }
    } else {
      notes.push(`runs at ${sites.length} sites: the move is costed as egress from each`);
    }
    let egress = money(0);
    for (const source of sources) {
      const gib = running
        .filter(
          (c) => c.deployment.provider.id === source.provider && c.deployment.region.code === source.region,
        )
        .reduce((sum, c) => {
          const spec = workload.spec.components.find((s) => s.name === c.deployment.component);
          return sum.plus(money(spec?.storageGib ?? 0).mul(c.deployment.count));
        }, money(0));
      egress = egress.plus(
        tieredEgressCost((await this.network.egressTiers(source, target)).tiers, gib).costUsd,
      );
    }
    return { costUsd: toNumericString(egress.toDecimalPlaces(6)), basis: EGRESS_BASIS };
  }
}
