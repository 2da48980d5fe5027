import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { HOURS_PER_MONTH, money, toNumericString } from '../domain/money.js';
import type { ExternalPlacement } from '../domain/overspill/overspill-types.js';
import { PlacementSnapshotService } from '../placement/placement-snapshot.service.js';
import { PlacementService } from '../placement/placement.service.js';
import type { OverspillPolicyEntity } from './entities/overspill-policy.entity.js';
import { OverspillSiteRepository, type SiteWorkloadRow } from './overspill-site.repository.js';
import type { WorkloadSpec } from '../workloads/workload-spec.js';
import type { SiteRef } from './site-ref.js';
import { mergeConstraints } from './target-constraints.js';

export interface PlacementLookup {
  readonly placements: ReadonlyMap<string, ExternalPlacement | null>;
  /** Workloads whose placement could not be computed, with the reason (their placement is null). */
  readonly errors: Readonly<Record<string, string>>;
  readonly computed: number;
  readonly cached: number;
}

const MAX_CACHED = 50_000;

/**
 * A workload's best placement outside the site: placementOptions on its own spec under the
 * policy's target constraints (mergeConstraints), one region (a migration moves to one), the
 * first option that is not the site itself. Cost per day = monthly total × 24 / 730 (a month is
 * 730 hours), to the micro-dollar.
 *
 * Answers are computed once per tick and kept across ticks while nothing they depend on changes:
 * the key holds the active catalog versions, the policy's last edit and the workload's revision.
 */
@Injectable()
export class ExternalPlacementFinder {
  private readonly cache = new Map<string, ExternalPlacement | null>();

  constructor(
    private readonly placement: PlacementService,
    private readonly snapshots: PlacementSnapshotService,
    private readonly sites: OverspillSiteRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async lookup(
    policy: OverspillPolicyEntity,
    site: SiteRef,
    workloads: readonly SiteWorkloadRow[],
    now: Date,
  ): Promise<PlacementLookup> {
    const versions = (await this.snapshots.snapshot()).versionIds.join(',');
    const placements = new Map<string, ExternalPlacement | null>();
    const errors: Record<string, string> = {};
    const keyOf = (w: SiteWorkloadRow) =>
      `${versions}|${policy.id}@${policy.updatedAt.getTime()}|${w.id}@${w.revision}`;
    const missing: SiteWorkloadRow[] = [];
    for (const w of workloads) {
      const key = keyOf(w);
      if (this.cache.has(key)) placements.set(w.id, this.cache.get(key)!);
      else missing.push(w);
    }
    const specs = await this.sites.specsOf(missing.map((w) => w.id));
    for (const w of missing) {
      const spec = specs.get(w.id);
      if (!spec) continue;
      try {
        const best = await this.best(policy, site, spec, now);
        placements.set(w.id, best);
        if (this.cache.size >= MAX_CACHED) this.cache.clear();
        this.cache.set(keyOf(w), best);
      } catch (error) {
        // One workload the catalog cannot place must not stop the tick; it is reported instead.
        if (!(error instanceof DomainError)) throw error;
        placements.set(w.id, null);
        errors[w.id] = error.message;
      }
    }
    const computed = missing.length;
    return { placements, errors, computed, cached: workloads.length - computed };
  }

  private async best(
    policy: OverspillPolicyEntity,
    site: SiteRef,
    workload: WorkloadSpec,
    now: Date,
  ): Promise<ExternalPlacement | null> {
    const spec = {
      ...workload,
      regionsCount: 1,
      constraints: mergeConstraints(workload.constraints, policy.targetConstraints),
    };
    const answer = await this.placement.placementOptions(
      { tenant: policy.tenant, name: 'system:overspill' },
      { workload: spec, limit: this.config.overspill.placementCandidates },
      now,
    );
    const option = answer.options.find(
      (o) =>
        o.regions.length === 1 &&
        !(o.providerId === site.provider && o.regions[0].regionCode === site.region),
    );
    if (!option) return null;
    return {
      provider: option.providerId,
      region: option.regions[0].regionCode,
      costPerDayUsd: toNumericString(
        money(option.cost.totalUsd).mul(24).div(HOURS_PER_MONTH).toDecimalPlaces(6),
      ),
    };
  }
}
