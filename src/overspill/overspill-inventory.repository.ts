import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TERMINAL } from '../domain/migration/migration-state-machine.js';
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

  /**
   * Live machines of these workloads in these simulated targets (workload = vm name "<id>/<component>").
   * A machine of a workload without an active burst is left out when something else accounts for
   * it: a running deployment there (a person moved the workload after its burst came back) or a
   * migration of the workload still under way. Reporting those as leaks would end live machines.
   */
  async simulatedInstances(
    targets: readonly { provider: string; region: string }[],
    workloadIds: readonly string[],
    activeBurstWorkloadIds: readonly string[],
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
         AND (split_part(name, '/', 1) = ANY($3::text[]) OR NOT (
           EXISTS (SELECT 1 FROM deployments d
                   WHERE d.workload_id::text = split_part(sim_vms.name, '/', 1)
                     AND d.provider_id = sim_vms.provider_id AND d.region_code = sim_vms.region_code
                     AND d.ended_at IS NULL)
           OR EXISTS (SELECT 1 FROM migrations m
                      WHERE m.workload_id::text = split_part(sim_vms.name, '/', 1)
                        AND m.state <> ALL($4::text[]))))
       GROUP BY provider_id, region_code, split_part(name, '/', 1)
       ORDER BY provider_id, region_code, workload_id`,
      [
        targets.map((t) => `${t.provider}/${t.region}`),
        [...workloadIds],
        [...activeBurstWorkloadIds],
        [...TERMINAL],
      ],
    );
    return rows.map((r) => ({
      provider: r.provider_id,
      region: r.region_code,
      workloadId: r.workload_id,
      instanceId: r.ids,
    }));
  }
}
