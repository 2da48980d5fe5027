import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { StepOutput } from '../../domain/migration/migration-types.js';
import type { SimulatedFault } from './simulated-faults.js';
import type { StoredSiteLoad } from './simulated-site-load.js';
import { returningRows } from '../../database/returning-rows.js';

export interface SimVm {
  id: string;
  region_code: string;
  name: string;
  state: string;
  address: string | null;
  image_id: string | null;
}

/** The zone every simulated provider writes its DNS records in (users resolve one name). */
export const SHARED_ZONE = '*';

/** The simulated provider's tables. Effects run inside `once`, on the transaction it passes. */
@Injectable()
export class SimulatedRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Runs `effect` at most once per key: the effect and the record of its result commit in one
   * transaction, serialised per key by an advisory lock, so a repeated or concurrent call with
   * the same key returns the recorded result without acting again.
   */
  async once(
    providerId: string,
    key: string,
    operation: string,
    attempt: number,
    effect: (m: EntityManager) => Promise<StepOutput>,
  ): Promise<StepOutput> {
    return this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [key]);
      const [done] = await m.query<{ result: StepOutput }[]>(
        `SELECT result FROM sim_effects WHERE key = $1`,
        [key],
      );
      const outcome = done ? 'REPLAY' : 'EFFECT';
      const result = done ? done.result : await effect(m);
      if (!done) {
        await m.query(
          `INSERT INTO sim_effects (key, provider_id, operation, result) VALUES ($1, $2, $3, $4::jsonb)`,
          [key, providerId, operation, JSON.stringify(result)],
        );
      }
      await this.logCall(m, providerId, key, operation, attempt, outcome);
      return result;
    });
  }

  /** What a key did, from the effect log (null: it never acted). */
  async effectResult(m: EntityManager, key: string): Promise<StepOutput | null> {
    const [row] = await m.query<{ result: StepOutput }[]>(`SELECT result FROM sim_effects WHERE key = $1`, [
      key,
    ]);
    return row?.result ?? null;
  }

  async logCall(
    m: EntityManager | null,
    providerId: string,
    key: string,
    operation: string,
    attempt: number,
    outcome: 'EFFECT' | 'REPLAY' | 'FAULT',
  ): Promise<void> {
    await (m ?? this.dataSource.manager).query(
      `INSERT INTO sim_calls (key, provider_id, operation, attempt, outcome) VALUES ($1, $2, $3, $4, $5)`,
      [key, providerId, operation, attempt, outcome],
    );
  }

  async faultsFor(migrationId: string): Promise<SimulatedFault[]> {
    const rows: { spec: SimulatedFault }[] = await this.dataSource.query(
      `SELECT spec FROM sim_faults WHERE migration_id = $1 ORDER BY id`,
      [migrationId],
    );
    return rows.map((r) => r.spec);
  }

  async injectFaults(migrationId: string, faults: readonly SimulatedFault[]): Promise<void> {
    for (const fault of faults) {
      await this.dataSource.query(`INSERT INTO sim_faults (migration_id, spec) VALUES ($1, $2::jsonb)`, [
        migrationId,
        JSON.stringify(fault),
      ]);
    }
  }

  async findVm(m: EntityManager, providerId: string, id: string): Promise<SimVm | null> {
    const [vm] = await m.query<SimVm[]>(
      `SELECT id, region_code, name, state, address, image_id FROM sim_vms WHERE provider_id = $1 AND id = $2`,
      [providerId, id],
    );
    return vm ?? null;
  }

  async findLiveVmByName(m: EntityManager, providerId: string, name: string): Promise<SimVm | null> {
    const [vm] = await m.query<SimVm[]>(
      `SELECT id, region_code, name, state, address, image_id FROM sim_vms
       WHERE provider_id = $1 AND name = $2 AND state IN ('RUNNING', 'STOPPED') ORDER BY created_at DESC LIMIT 1`,
      [providerId, name],
    );
    return vm ?? null;
  }

  async insertVm(
    m: EntityManager,
    providerId: string,
    vm: {
      id: string;
      region: string;
      name: string;
      state: string;
      vcpu: number;
      memoryGib: number;
      address: string;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO sim_vms (provider_id, id, region_code, name, state, vcpu, memory_gib, address)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [providerId, vm.id, vm.region, vm.name, vm.state, vm.vcpu, vm.memoryGib, vm.address],
    );
  }

  async setVmState(
    m: EntityManager,
    providerId: string,
    id: string,
    state: string,
    imageId?: string | null,
  ): Promise<number> {
    const rows = returningRows<unknown>(
      await m.query(
        `UPDATE sim_vms SET state = $3, image_id = COALESCE($4, image_id), updated_at = now()
       WHERE provider_id = $1 AND id = $2 RETURNING id`,
        [providerId, id, state, imageId ?? null],
      ),
    );
    return rows.length;
  }

  async insertSnapshot(
    m: EntityManager,
    providerId: string,
    s: { id: string; vmId: string; format: string; sizeGib: number },
  ): Promise<void> {
    await m.query(
      `INSERT INTO sim_snapshots (provider_id, id, vm_id, format, size_gib, state) VALUES ($1, $2, $3, $4, $5, 'AVAILABLE')`,
      [providerId, s.id, s.vmId, s.format, s.sizeGib],
    );
  }

  async deleteSnapshot(m: EntityManager, providerId: string, id: string): Promise<void> {
    await m.query(`UPDATE sim_snapshots SET state = 'DELETED' WHERE provider_id = $1 AND id = $2`, [
      providerId,
      id,
    ]);
  }

  async insertImage(
    m: EntityManager,
    providerId: string,
    i: { id: string; kind: string; format: string; sourceRef: string; sizeGib: number },
  ): Promise<void> {
    await m.query(
      `INSERT INTO sim_images (provider_id, id, kind, format, source_ref, size_gib, state)
       VALUES ($1, $2, $3, $4, $5, $6, 'AVAILABLE')`,
      [providerId, i.id, i.kind, i.format, i.sourceRef, i.sizeGib],
    );
  }

  async deleteImage(m: EntityManager, providerId: string, id: string): Promise<void> {
    await m.query(`UPDATE sim_images SET state = 'DELETED' WHERE provider_id = $1 AND id = $2`, [
      providerId,
      id,
    ]);
  }

  async dnsRecord(m: EntityManager, name: string): Promise<string | null> {
    const [row] = await m.query<{ address: string }[]>(
      `SELECT address FROM sim_dns_records WHERE provider_id = $1 AND name = $2`,
      [SHARED_ZONE, name],
    );
    return row?.address ?? null;
  }

  async setDnsRecord(m: EntityManager, name: string, address: string | null): Promise<void> {
    if (address === null) {
      await m.query(`DELETE FROM sim_dns_records WHERE provider_id = $1 AND name = $2`, [SHARED_ZONE, name]);
      return;
    }
    await m.query(
      `INSERT INTO sim_dns_records (provider_id, name, address) VALUES ($1, $2, $3)
       ON CONFLICT (provider_id, name) DO UPDATE SET address = EXCLUDED.address, updated_at = now()`,
      [SHARED_ZONE, name, address],
    );
  }

  /**
   * vCPU and memory in use at a site: what the deployments running there hold, plus machines
   * reserved for a move that has not completed yet (a completed move becomes a deployment).
   */
  async usedCapacity(
    providerId: string,
    regionCode: string,
    m: EntityManager | null = null,
  ): Promise<{ vcpu: number; memoryGib: number }> {
    const [row] = await (m ?? this.dataSource.manager).query<{ vcpu: string; memory_gib: string }[]>(
      `SELECT (SELECT COALESCE(sum(vcpu * instance_count), 0) FROM deployments
                WHERE provider_id = $1 AND region_code = $2 AND ended_at IS NULL)
            + (SELECT COALESCE(sum(vcpu), 0) FROM sim_vms
                WHERE provider_id = $1 AND region_code = $2 AND state = 'PROVISIONED') AS vcpu,
              (SELECT COALESCE(sum(memory_gib * instance_count), 0) FROM deployments
                WHERE provider_id = $1 AND region_code = $2 AND ended_at IS NULL)
            + (SELECT COALESCE(sum(memory_gib), 0) FROM sim_vms
                WHERE provider_id = $1 AND region_code = $2 AND state = 'PROVISIONED') AS memory_gib`,
      [providerId, regionCode],
    );
    return { vcpu: Number(row?.vcpu ?? 0), memoryGib: Number(row?.memory_gib ?? 0) };
  }

  /** The background load set by hand for an on-prem site (sim_site_loads), null when none. */
  async storedSiteLoad(
    providerId: string,
    regionCode: string,
    m: EntityManager | null = null,
  ): Promise<StoredSiteLoad | null> {
    const [row] = await (m ?? this.dataSource.manager).query<{ background: number; set_at: Date }[]>(
      `SELECT background_utilization AS background, set_at FROM sim_site_loads
       WHERE provider_id = $1 AND region_code = $2`,
      [providerId, regionCode],
    );
    return row ? { backgroundUtilization: Number(row.background), setAt: new Date(row.set_at) } : null;
  }

  async storeSiteLoad(
    providerId: string,
    regionCode: string,
    backgroundUtilization: number,
    setBy: string,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO sim_site_loads (provider_id, region_code, background_utilization, set_by)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (provider_id, region_code)
       DO UPDATE SET background_utilization = EXCLUDED.background_utilization, set_by = EXCLUDED.set_by, set_at = now()`,
      [providerId, regionCode, backgroundUtilization, setBy],
    );
  }

  async siteCapacity(
    providerId: string,
    regionCode: string,
    m: EntityManager | null = null,
  ): Promise<{ vcpu: number; memoryGib: number } | null> {
    const [row] = await (m ?? this.dataSource.manager).query<
      { vcpu: number | null; memory_gib: number | null }[]
    >(
      `SELECT capacity_vcpu AS vcpu, capacity_memory_gib AS memory_gib FROM regions WHERE provider_id = $1 AND code = $2`,
      [providerId, regionCode],
    );
    if (!row || row.vcpu === null || row.memory_gib === null) return null;
    return { vcpu: row.vcpu, memoryGib: row.memory_gib };
  }
}
