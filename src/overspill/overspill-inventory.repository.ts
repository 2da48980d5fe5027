import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TargetInstance } from '../domain/overspill/overspill-types.js';

/**
 * The targets' inventory for reconciliation. The provider port has no "list instances" call yet,
 * so this reads what the simulated adapter reports (its sim_vms); adapters without an inventory
 * here are not reconciled (the decision's inputs say so). A port method would replace this file.
 *
 * A workload is one instance per target even with several components: the ids of its live
 * machines there, joined with "+", so a multi-component burst is not taken for duplicates.
 */
@Injectable()
export class OverspillInventoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Adapters whose inventory this repository can read. */
  supports(adapterId: string): boolean {
    return adapterId === 'simulated';
  }

  /** Live machines of these workloads in these simulated targets (workload = vm name "<id>/<component>"). */
  async simulatedInstances(
    targets: readonly { provider: string; region: string }[],
    workloadIds: readonly string[],
  ): Promise<TargetInstance[]> {
    if (targets.length === 0 || workloadIds.length === 0) return [];
    const rows = await this.dataSource.query<
      { provider_id: string; region_code: string; workload_id: string; ids: string }[]
    >(
      `SELECT provider_id, region_code, split_part(name, '/', 1) AS workload_id,
              string_agg(id, '+' ORDER BY id) AS ids
       FROM sim_vms
       WHERE state IN ('PROVISIONED', 'RUNNING', 'STOPPED')
         AND (provider_id || '/' || region_code) = ANY($1::text[])
         AND split_part(name, '/', 1) = ANY($2::text[])
       GROUP BY provider_id, region_code, split_part(name, '/', 1)
       ORDER BY provider_id, region_code, workload_id`,
      [targets.map((t) => `${t.provider}/${t.region}`), [...workloadIds]],
    );
    return rows.map((r) => ({
      provider: r.provider_id,
      region: r.region_code,
      workloadId: r.workload_id,
      instanceId: r.ids,
    }));
  }
}
