import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LeaseRenewal } from '../domain/overspill/overspill-types.js';
import type { MigrationState } from '../domain/migration/migration-types.js';
import { returningRows } from '../database/returning-rows.js';
import { OverspillBurstEntity, type BurstStatus } from './entities/overspill-burst.entity.js';

export type NewBurst = Omit<
  OverspillBurstEntity,
  | 'status'
  | 'burstedAt'
  | 'leaseExpiresAt'
  | 'recallDecisionId'
  | 'recallMigrationId'
  | 'recallDecidedAt'
  | 'endedAt'
  | 'note'
  | 'createdAt'
  | 'updatedAt'
>;

/** An open burst with the state of the migration moving it (out or back), as last committed. */
export interface OpenBurst {
  readonly burst: OverspillBurstEntity;
  readonly workloadName: string | null;
  readonly migrationState: MigrationState | null;
  readonly migrationFinishedAt: Date | null;
}

const OPEN: readonly BurstStatus[] = ['BURSTING', 'ACTIVE', 'RECALLING'];

/** Bursts and their lifecycle; every transition names the status it expects, so a replay is a no-op. */
@Injectable()
export class OverspillBurstRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(OverspillBurstEntity);
  }

  async openBursts(policyId: string): Promise<OpenBurst[]> {
    const bursts = await this.repo.find({
      where: OPEN.map((status) => ({ policyId, status })),
      order: { decidedAt: 'ASC', workloadId: 'ASC' },
    });
    if (bursts.length === 0) return [];
    const movingId = (b: OverspillBurstEntity) =>
      b.status === 'RECALLING' ? b.recallMigrationId : b.burstMigrationId;
    const [migrations, workloads] = await Promise.all([
      this.dataSource.query<{ id: string; state: MigrationState; finished_at: Date | null }[]>(
        `SELECT id, state, finished_at FROM migrations WHERE id = ANY($1::uuid[])`,
        [bursts.map(movingId).filter((id): id is string => id !== null)],
      ),
      this.dataSource.query<{ id: string; name: string }[]>(
        `SELECT id, name FROM workloads WHERE id = ANY($1::uuid[])`,
        [bursts.map((b) => b.workloadId)],
      ),
    ]);
    const byId = new Map(migrations.map((m) => [m.id, m]));
    const names = new Map(workloads.map((w) => [w.id, w.name]));
    return bursts.map((burst) => {
      const id = movingId(burst);
      const migration = id === null ? undefined : byId.get(id);
      return {
        burst,
        workloadName: names.get(burst.workloadId) ?? null,
        migrationState: migration?.state ?? null,
        migrationFinishedAt: migration?.finished_at ? new Date(migration.finished_at) : null,
      };
    });
  }

  /** Every workload this policy ever sent out, and where: the scope of its target inventory. */
  async inventoryScope(
    policyId: string,
  ): Promise<{ workloadIds: string[]; targets: { provider: string; region: string }[] }> {
    const rows = await this.dataSource.query<{ workload_id: string; provider: string; region: string }[]>(
      `SELECT DISTINCT workload_id, target_provider AS provider, target_region AS region
       FROM overspill_bursts WHERE policy_id = $1`,
      [policyId],
    );
    const targets = new Map(
      rows.map((r) => [`${r.provider}/${r.region}`, { provider: r.provider, region: r.region }]),
    );
    return {
      workloadIds: [...new Set(rows.map((r) => r.workload_id))].sort(),
      targets: [...targets.values()],
    };
  }

  async countOpen(policyId: string): Promise<number> {
    return this.repo.count({ where: OPEN.map((status) => ({ policyId, status })) });
  }

  async openBurst(burst: NewBurst): Promise<OverspillBurstEntity> {
    return this.repo.save(
      this.repo.create({
        ...burst,
        status: 'BURSTING',
        burstedAt: null,
        leaseExpiresAt: null,
        recallDecisionId: null,
        recallMigrationId: null,
        recallDecidedAt: null,
        endedAt: null,
        note: null,
      }),
    );
  }

  /** The move out completed: the burst exists from `at`, leased until `leaseExpiresAt`. */
  activate(id: string, at: Date, leaseExpiresAt: Date): Promise<boolean> {
    return this.transition(id, 'BURSTING', 'ACTIVE', { bursted_at: at, lease_expires_at: leaseExpiresAt });
  }

  abandon(id: string, note: string): Promise<boolean> {
    return this.transition(id, 'BURSTING', 'ABANDONED', { note, ended_at: new Date() });
  }

  startRecall(id: string, decisionId: string, migrationId: string, at: Date): Promise<boolean> {
    return this.transition(id, 'ACTIVE', 'RECALLING', {
      recall_decision_id: decisionId,
      recall_migration_id: migrationId,
      recall_decided_at: at,
    });
  }

  endRecall(id: string, at: Date): Promise<boolean> {
    return this.transition(id, 'RECALLING', 'ENDED', { ended_at: at });
  }

  /** The move back did not complete: the workload is still out, and its burst with it. */
  recallFailed(id: string, note: string): Promise<boolean> {
    return this.transition(id, 'RECALLING', 'ACTIVE', {
      recall_decision_id: null,
      recall_migration_id: null,
      recall_decided_at: null,
      note,
    });
  }

  async renewLeases(policyId: string, renewals: readonly LeaseRenewal[]): Promise<void> {
    for (const r of renewals) {
      await this.dataSource.query(
        `UPDATE overspill_bursts SET lease_expires_at = $3, updated_at = now()
         WHERE policy_id = $1 AND workload_id = $2 AND status = 'ACTIVE'`,
        [policyId, r.workloadId, r.leaseExpiresAt.toISOString()],
      );
    }
  }

  private async transition(
    id: string,
    from: BurstStatus,
    to: BurstStatus,
    set: Record<string, string | Date | null>,
  ): Promise<boolean> {
    const columns = Object.keys(set);
    const assignments = columns.map((c, i) => `${c} = $${i + 4}`).join(', ');
    const values = columns.map((c) => {
      const v = set[c];
      return v instanceof Date ? v.toISOString() : v;
    });
    const rows = returningRows<{ id: string }>(
      await this.dataSource.query(
        `UPDATE overspill_bursts SET status = $3, ${assignments}, updated_at = now()
         WHERE id = $1 AND status = $2 RETURNING id`,
        [id, from, to, ...values],
      ),
    );
    return rows.length > 0;
  }
}
