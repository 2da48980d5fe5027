import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ProviderKind } from '../domain/catalog/catalog-enums.js';
import type { WorkloadSpec } from '../workloads/workload-spec.js';

export interface SiteRow {
  readonly providerId: string;
  readonly providerKind: ProviderKind;
  readonly adapterId: string;
  /** Null when the provider has no such region. */
  readonly regionCode: string | null;
  readonly capacityVcpu: number | null;
  readonly capacityMemoryGib: number | null;
}

/** A workload of the tenant with deployments running on the site, sized from those deployments. */
export interface SiteWorkloadRow {
  readonly id: string;
  readonly name: string;
  readonly revision: number;
  readonly burstable: boolean;
  readonly priority: number;
  readonly tags: string[];
  /** Σ vCPU × instances of its running deployments on the site. */
  readonly vcpu: number;
  readonly memoryGib: number;
  /** Some of its components run elsewhere: a migration cannot move it as one. */
  readonly split: boolean;
  /** A migration (anyone's) is moving it right now. */
  readonly moving: boolean;
}

/** What overspill reads about sites: the catalog row of the site and what runs there. */
@Injectable()
export class OverspillSiteRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findSite(providerId: string, regionCode: string): Promise<SiteRow | null> {
    const [row] = await this.dataSource.query<
      {
        id: string;
        kind: ProviderKind;
        adapter_id: string;
        code: string | null;
        capacity_vcpu: number | null;
        capacity_memory_gib: number | null;
      }[]
    >(
      `SELECT p.id, p.kind, p.adapter_id, r.code, r.capacity_vcpu, r.capacity_memory_gib
       FROM providers p LEFT JOIN regions r ON r.provider_id = p.id AND r.code = $2
       WHERE p.id = $1`,
      [providerId, regionCode],
    );
    if (!row) return null;
    return {
      providerId: row.id,
      providerKind: row.kind,
      adapterId: row.adapter_id,
      regionCode: row.code,
      capacityVcpu: row.capacity_vcpu,
      capacityMemoryGib: row.capacity_memory_gib,
    };
  }

  /**
   * The tenant's workloads running (at least in part) on the site, one row each, sized from their
   * deployments there. Starts from the site's running deployments (deployments_site_idx); specs
   * are not read here (specsOf): only candidates whose placement is not cached need one.
   */
  async runningOnSite(tenant: string, providerId: string, regionCode: string): Promise<SiteWorkloadRow[]> {
    const rows = await this.dataSource.query<
      {
        id: string;
        name: string;
        revision: number;
        burstable: boolean;
        priority: number;
        tags: string[];
        vcpu: string;
        memory_gib: string;
        split: boolean;
        moving: boolean;
      }[]
    >(
      `WITH here AS (
         SELECT workload_id, sum(vcpu * instance_count) AS vcpu, sum(memory_gib * instance_count) AS memory_gib
         FROM deployments WHERE provider_id = $2 AND region_code = $3 AND ended_at IS NULL
         GROUP BY workload_id)
       SELECT w.id, w.name, w.revision, w.burstable, w.priority, w.tags, here.vcpu, here.memory_gib,
              EXISTS (SELECT 1 FROM deployments o WHERE o.workload_id = w.id AND o.ended_at IS NULL
                        AND (o.provider_id <> $2 OR o.region_code <> $3)) AS split,
              EXISTS (SELECT 1 FROM migrations m WHERE m.workload_id = w.id
                        AND m.state IN ('RUNNING', 'CUTOVER', 'FAILED', 'CANCELLING', 'ROLLING_BACK')) AS moving
       FROM here JOIN workloads w ON w.id = here.workload_id
       WHERE w.tenant = $1
       ORDER BY w.id`,
      [tenant, providerId, regionCode],
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      revision: r.revision,
      burstable: r.burstable,
      priority: r.priority,
      tags: r.tags,
      vcpu: Number(r.vcpu),
      memoryGib: Number(r.memory_gib),
      split: r.split,
      moving: r.moving,
    }));
  }

  async specsOf(workloadIds: readonly string[]): Promise<Map<string, WorkloadSpec>> {
    if (workloadIds.length === 0) return new Map();
    const rows = await this.dataSource.query<{ id: string; spec: WorkloadSpec }[]>(
      `SELECT id, spec FROM workloads WHERE id = ANY($1::uuid[])`,
      [[...workloadIds]],
    );
    return new Map(rows.map((r) => [r.id, r.spec]));
  }
}
