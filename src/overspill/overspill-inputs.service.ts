import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors.js';
import type {
  OverspillInput,
  OverspillWorkload,
  SiteCapacity,
  TargetInstance,
} from '../domain/overspill/overspill-types.js';
import { ProviderDirectoryRepository } from '../providers/provider-directory.repository.js';
import { ProviderRegistry } from '../providers/provider-registry.service.js';
import type { OverspillPolicyEntity } from './entities/overspill-policy.entity.js';
import { ExternalPlacementFinder } from './external-placement.finder.js';
import { OverspillBurstRepository, type OpenBurst } from './overspill-burst.repository.js';
import { historyToJson } from './overspill-history.codec.js';
import { OverspillInventoryRepository } from './overspill-inventory.repository.js';
import { OverspillPolicyRepository } from './overspill-policy.repository.js';
import { OverspillSiteRepository, type SiteWorkloadRow } from './overspill-site.repository.js';
import { toActiveBurst, toDomainPolicy, toPendingMove } from './policy-domain.js';
import { parseSite, type SiteRef } from './site-ref.js';

export interface GatheredInputs {
  readonly input: OverspillInput;
  /** What the decision was given, small enough to keep with every decision. */
  readonly summary: Record<string, unknown>;
  readonly site: SiteRef;
  readonly open: readonly OpenBurst[];
  readonly names: ReadonlyMap<string, string>;
}

/**
 * Loads everything one tick decides on: capacity through the site's CapacitySource adapter, the
 * tenant's workloads on the site with their best external placement, this policy's bursts (active
 * and in flight), the targets' inventory of this policy's workloads only, and the history.
 */
@Injectable()
export class OverspillInputsService {
  constructor(
    private readonly providers: ProviderRegistry,
    private readonly directory: ProviderDirectoryRepository,
    private readonly sites: OverspillSiteRepository,
    private readonly bursts: OverspillBurstRepository,
    private readonly inventory: OverspillInventoryRepository,
    private readonly policies: OverspillPolicyRepository,
    private readonly placements: ExternalPlacementFinder,
  ) {}

  async capacityOf(site: SiteRef): Promise<SiteCapacity> {
    const source = await this.providers.capacitySourceFor(site.provider);
    if (source === null)
      throw new NotFoundError(`the adapter of ${site.provider} reports no capacity`, { site: site.id });
    const c = await source.capacity(site.region);
    return {
      site: site.id,
      totalVcpu: c.totalVcpu,
      usedVcpu: c.usedVcpu,
      totalMemoryGib: c.totalMemoryGib,
      usedMemoryGib: c.usedMemoryGib,
      observedAt: c.observedAt,
    };
  }

  /** `open`: the policy's open bursts when the caller has just read them (null: read them here). */
  async gather(
    policy: OverspillPolicyEntity,
    now: Date,
    open: readonly OpenBurst[] | null = null,
  ): Promise<GatheredInputs> {
    const site = parseSite(policy.site);
    const [capacity, bursts, rows, history] = await Promise.all([
      this.capacityOf(site),
      open ?? this.bursts.openBursts(policy.id),
      this.sites.runningOnSite(policy.tenant, site.provider, site.region),
      this.policies.historyOf(policy.id, policy.mode),
    ]);
    const active = bursts.filter((o) => o.burst.status === 'ACTIVE');
    const pending = bursts.filter((o) => o.burst.status !== 'ACTIVE');
    const away = new Set(bursts.map((o) => o.burst.workloadId));
    // A workload on its way out is still deployed here until its migration completes.
    const here = rows.filter((w) => !away.has(w.id));
    const domainPolicy = toDomainPolicy(policy);
    const eligible = here.filter((w) => movable(w) && selected(w, domainPolicy.selector));
    const lookup = await this.placements.lookup(policy, site, eligible, now);
    const workloads: OverspillWorkload[] = here.map((w) => ({
      id: w.id,
      name: w.name,
      vcpu: w.vcpu,
      memoryGib: w.memoryGib,
      burstable: w.burstable && movable(w),
      priority: w.priority,
      tags: w.tags,
      externalPlacement: lookup.placements.get(w.id) ?? null,
    }));
    const inventory = await this.targetInventory(
      policy.id,
      new Set(pending.map((p) => p.burst.workloadId)),
      active.map((o) => o.burst.workloadId),
    );
    const input: OverspillInput = {
      policy: domainPolicy,
      capacity,
      workloads,
      bursts: active.map((o) => toActiveBurst(o.burst)),
      pendingMoves: pending.map(toPendingMove),
      ...(inventory.instances === null ? {} : { targetInventory: inventory.instances }),
      history,
    };
    const names = new Map<string, string>();
    for (const w of rows) names.set(w.id, w.name);
    for (const o of bursts) if (o.workloadName) names.set(o.burst.workloadId, o.workloadName);
    const summary = {
      capacity: { ...capacity, observedAt: capacity.observedAt.toISOString() },
      workloadsOnSite: here.length,
      candidates: eligible.length,
      notMovable: {
        split: here.filter((w) => w.split).length,
        beingMigrated: here.filter((w) => w.moving).length,
      },
      placements: { computed: lookup.computed, cached: lookup.cached, errors: lookup.errors },
      bursts: input.bursts.map((b) => ({
        workloadId: b.workloadId,
        target: `${b.target.provider}/${b.target.region}`,
        leaseExpiresAt: b.leaseExpiresAt.toISOString(),
        costPerDayUsd: b.costPerDayUsd,
      })),
      pendingMoves: (input.pendingMoves ?? []).map((p) => ({
        kind: p.kind,
        workloadId: p.workloadId,
        migrationState: p.migrationState,
      })),
      inventory: inventory.note,
      history: historyToJson(history),
    };
    return { input, summary, site, open: bursts, names };
  }

  /**
   * Instances of this policy's workloads (ever bursted, not in flight) in the targets it used.
   * Null when a target's adapter offers no inventory: reconciling against part of it would
   * report the rest as missing.
   */
  private async targetInventory(
    policyId: string,
    inFlight: ReadonlySet<string>,
    activeBursts: readonly string[],
  ): Promise<{ instances: TargetInstance[] | null; note: string }> {
    const scope = await this.bursts.inventoryScope(policyId);
    const providers = [...new Set(scope.targets.map((t) => t.provider))];
    for (const provider of providers) {
      const row = await this.directory.findAdapterRow(provider);
      if (!row || !this.inventory.supports(row.adapterId))
        return { instances: null, note: `not reconciled: no inventory for ${provider}'s adapter` };
    }
    const ids = scope.workloadIds.filter((id) => !inFlight.has(id));
    const instances = await this.inventory.simulatedInstances(scope.targets, ids, activeBursts);
    return {
      instances,
      note: `${instances.length} instance(s) of ${ids.length} workload(s) in ${scope.targets.length} target(s)`,
    };
  }
}

const movable = (w: SiteWorkloadRow) => !w.split && !w.moving;

function selected(w: SiteWorkloadRow, selector: { tags: readonly string[]; minPriority: number }): boolean {
  return w.burstable && w.priority >= selector.minPriority && selector.tags.every((t) => w.tags.includes(t));
}
