import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OverspillHistory, OverspillMode } from '../domain/overspill/overspill-types.js';
import { OverspillHistoryEntity, OverspillPolicyEntity } from './entities/overspill-policy.entity.js';
import { historyFromJson } from './overspill-history.codec.js';

export type NewPolicy = Omit<OverspillPolicyEntity, 'createdAt' | 'updatedAt'>;

/** Policies and the history each carries between ticks. */
@Injectable()
export class OverspillPolicyRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get policies() {
    return this.dataSource.getRepository(OverspillPolicyEntity);
  }

  private get histories() {
    return this.dataSource.getRepository(OverspillHistoryEntity);
  }

  insert(policy: NewPolicy): Promise<OverspillPolicyEntity> {
    return this.policies.save(this.policies.create(policy));
  }

  /**
   * Saves an edited policy. The dwell counters of both modes restart (they counted ticks against
   * the old watermarks); the last move and the moves of the hour carry over, so editing a policy
   * never lifts its cooldown or hourly cap.
   */
  async replace(policy: OverspillPolicyEntity): Promise<OverspillPolicyEntity> {
    const { id, tenant, createdAt: _created, ...fields } = policy;
    await this.dataSource.transaction(async (m) => {
      await m
        .getRepository(OverspillPolicyEntity)
        .update({ id, tenant }, { ...fields, updatedAt: new Date() });
      await m.query(
        `UPDATE overspill_histories
         SET history = history || '{"consecutiveTicksAbove": 0, "consecutiveTicksBelow": 0}'::jsonb, updated_at = now()
         WHERE policy_id = $1`,
        [id],
      );
    });
    return (await this.findForTenant(tenant, id))!;
  }

  findById(id: string): Promise<OverspillPolicyEntity | null> {
    return this.policies.findOne({ where: { id } });
  }

  findForTenant(tenant: string, id: string): Promise<OverspillPolicyEntity | null> {
    return this.policies.findOne({ where: { tenant, id } });
  }

  findBySite(site: string): Promise<OverspillPolicyEntity | null> {
    return this.policies.findOne({ where: { site } });
  }

  listForTenant(tenant: string): Promise<OverspillPolicyEntity[]> {
    return this.policies.find({ where: { tenant }, order: { site: 'ASC' } });
  }

  listAll(): Promise<OverspillPolicyEntity[]> {
    return this.policies.find({ order: { site: 'ASC' } });
  }

  async delete(tenant: string, id: string): Promise<boolean> {
    const result = await this.policies.delete({ tenant, id });
    return (result.affected ?? 0) > 0;
  }

  /** Changes when any policy is created, edited or deleted: what the scheduler polls for. */
  async fingerprint(): Promise<string> {
    const [row] = await this.dataSource.query<{ n: string; latest: Date | null; ids: string | null }[]>(
      `SELECT count(*) AS n, max(updated_at) AS latest, string_agg(id::text, ',' ORDER BY id) AS ids
       FROM overspill_policies`,
    );
    return `${row?.n ?? 0}|${row?.latest ? new Date(row.latest).toISOString() : ''}|${row?.ids ?? ''}`;
  }

  /** The history of the policy in this mode; a fresh one the first time (or after switching mode). */
  async historyOf(policyId: string, mode: OverspillMode): Promise<OverspillHistory> {
    const row = await this.histories.findOne({ where: { policyId, mode } });
    return historyFromJson(row?.history ?? null);
  }
}
