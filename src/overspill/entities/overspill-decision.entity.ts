import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OverspillAction, OverspillMode } from '../../domain/overspill/overspill-types.js';

export type TickTrigger = 'SCHEDULE' | 'MANUAL';
export type DecisionStatus = 'CLAIMED' | 'DECIDED' | 'FAILED';

/**
 * One tick of one policy: claimed by a replica (the row exists before the decision is made, and
 * (policy_id, tick_at) is unique), then filled with the decision, its inputs and what was done.
 */
@Entity('overspill_decisions')
export class OverspillDecisionEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'policy_id' }) policyId!: string;
  @Column('text') tenant!: string;
  @Column('text') site!: string;
  @Column('timestamptz', { name: 'tick_at' }) tickAt!: Date;
  @Column('text') trigger!: TickTrigger;
  @Column('text') status!: DecisionStatus;
  @Column('text', { name: 'claimed_by' }) claimedBy!: string;
  @Column('timestamptz', { name: 'claimed_at', default: () => 'now()' }) claimedAt!: Date;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt!: Date | null;
  @Column('text') mode!: OverspillMode;
  @Column('text', { nullable: true }) action!: OverspillAction | null;
  @Column('text', { array: true }) workloads!: string[];
  @Column('text', { array: true }) reasons!: string[];
  @Column('double precision', { nullable: true }) utilisation!: number | null;
  @Column('double precision', { name: 'projected_utilisation', nullable: true })
  projectedUtilisation!: number | null;
  @Column('double precision', { name: 'projected_vcpu_out', nullable: true }) projectedVcpuOut!:
    number | null;
  @Column('numeric', { name: 'projected_cost_per_day_usd', nullable: true })
  projectedCostPerDayUsd!: string | null;
  /** A summary of what the decision was given (capacity, counts, bursts, history). */
  @Column('jsonb', { nullable: true }) inputs!: Record<string, unknown> | null;
  /** The whole OverspillDecision as JSON. */
  @Column('jsonb', { nullable: true }) decision!: Record<string, unknown> | null;
  /** What ENFORCE did: migrations started, failures, leaks terminated. */
  @Column('jsonb', { nullable: true }) outcome!: Record<string, unknown> | null;
  @Column('text', { nullable: true }) error!: string | null;
}
