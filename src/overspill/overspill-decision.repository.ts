import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Between, DataSource, LessThanOrEqual, MoreThanOrEqual } from 'typeorm';
import type { OverspillHistory, OverspillMode } from '../domain/overspill/overspill-types.js';
import { returningRows } from '../database/returning-rows.js';
import { OverspillDecisionEntity, type TickTrigger } from './entities/overspill-decision.entity.js';
import { historyToJson } from './overspill-history.codec.js';

export interface TickClaim {
  readonly policyId: string;
  readonly tenant: string;
  readonly site: string;
  readonly tickAt: Date;
  readonly trigger: TickTrigger;
  readonly mode: OverspillMode;
  readonly claimedBy: string;
}

export type DecidedFields = Pick<
  OverspillDecisionEntity,
  | 'action'
  | 'workloads'
  | 'reasons'
  | 'utilisation'
  | 'projectedUtilisation'
  | 'projectedVcpuOut'
  | 'projectedCostPerDayUsd'
  | 'inputs'
  | 'decision'
  | 'outcome'
>;

const json = (value: Record<string, unknown> | null) => (value === null ? null : JSON.stringify(value));

/** The decisions log: one row per (policy, tick), claimed before it is decided. */
@Injectable()
export class OverspillDecisionRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(OverspillDecisionEntity);
  }

  /**
   * Claims the tick for this replica: the row's insert succeeds for exactly one caller per
   * (policy, tick time). Null when the tick is already claimed (another replica has it).
   */
  async claimTick(claim: TickClaim): Promise<OverspillDecisionEntity | null> {
    const id = randomUUID();
    const rows = returningRows<{ id: string }>(
      await this.dataSource.query(
        `INSERT INTO overspill_decisions (id, policy_id, tenant, site, tick_at, trigger, status, claimed_by, mode)
         VALUES ($1, $2, $3, $4, $5, $6, 'CLAIMED', $7, $8)
         ON CONFLICT ON CONSTRAINT overspill_decisions_one_per_tick DO NOTHING
         RETURNING id`,
        [
          id,
          claim.policyId,
          claim.tenant,
          claim.site,
          claim.tickAt.toISOString(),
          claim.trigger,
          claim.claimedBy,
          claim.mode,
        ],
      ),
    );
    return rows.length === 0 ? null : this.repo.findOneByOrFail({ id });
  }

  /** The decision and the history it leaves, in one transaction: the next tick reads both or neither. */
  async recordDecided(
    id: string,
    f: DecidedFields,
    history: { policyId: string; mode: OverspillMode; value: OverspillHistory },
  ): Promise<OverspillDecisionEntity> {
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `UPDATE overspill_decisions SET status = 'DECIDED', decided_at = now(), action = $2, workloads = $3,
           reasons = $4, utilisation = $5, projected_utilisation = $6, projected_vcpu_out = $7,
           projected_cost_per_day_usd = $8, inputs = $9::jsonb, decision = $10::jsonb, outcome = $11::jsonb
         WHERE id = $1`,
        [
          id,
          f.action,
          f.workloads,
          f.reasons,
          f.utilisation,
          f.projectedUtilisation,
          f.projectedVcpuOut,
          f.projectedCostPerDayUsd,
          json(f.inputs),
          json(f.decision),
          json(f.outcome),
        ],
      );
      await m.query(
        `INSERT INTO overspill_histories (policy_id, mode, history, updated_at) VALUES ($1, $2, $3::jsonb, now())
         ON CONFLICT (policy_id, mode) DO UPDATE SET history = EXCLUDED.history, updated_at = now()`,
        [history.policyId, history.mode, JSON.stringify(historyToJson(history.value))],
      );
    });
    return this.repo.findOneByOrFail({ id });
  }

  async recordOutcome(id: string, outcome: Record<string, unknown>): Promise<OverspillDecisionEntity> {
    await this.dataSource.query(`UPDATE overspill_decisions SET outcome = $2::jsonb WHERE id = $1`, [
      id,
      JSON.stringify(outcome),
    ]);
    return this.repo.findOneByOrFail({ id });
  }

  async failTick(id: string, error: string): Promise<OverspillDecisionEntity> {
    await this.repo.update({ id }, { status: 'FAILED', error, decidedAt: new Date() });
    return this.repo.findOneByOrFail({ id });
  }

  findForTenant(tenant: string, id: string): Promise<OverspillDecisionEntity | null> {
    return this.repo.findOne({ where: { tenant, id } });
  }

  /** A policy's decisions with tick_at in [from, to], oldest first. */
  listForPolicy(policyId: string, from: Date | null, to: Date | null, limit: number) {
    const tickAt =
      from && to ? Between(from, to) : from ? MoreThanOrEqual(from) : to ? LessThanOrEqual(to) : undefined;
    return this.repo.find({
      where: { policyId, ...(tickAt ? { tickAt } : {}) },
      order: { tickAt: 'ASC' },
      take: limit,
    });
  }

  async lastDecided(policyId: string): Promise<OverspillDecisionEntity | null> {
    return this.repo.findOne({ where: { policyId, status: 'DECIDED' }, order: { tickAt: 'DESC' } });
  }
}
