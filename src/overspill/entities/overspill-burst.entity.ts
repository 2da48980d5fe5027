import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * BURSTING (migration out in flight) → ACTIVE (completed: the target confirmed its instance; lease
 * running) → RECALLING (migration back in flight) → ENDED. A burst whose migration never completed
 * is ABANDONED; a recall that did not complete leaves the burst ACTIVE.
 */
export type BurstStatus = 'BURSTING' | 'ACTIVE' | 'RECALLING' | 'ENDED' | 'ABANDONED';

/** A workload this policy moved out of its site, from decision to return. */
@Entity('overspill_bursts')
export class OverspillBurstEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'policy_id' }) policyId!: string;
  @Column('text') tenant!: string;
  @Column('uuid', { name: 'workload_id' }) workloadId!: string;
  @Column('text') status!: BurstStatus;
  @Column('text', { name: 'target_provider' }) targetProvider!: string;
  @Column('text', { name: 'target_region' }) targetRegion!: string;
  @Column('double precision') vcpu!: number;
  @Column('double precision', { name: 'memory_gib' }) memoryGib!: number;
  @Column('numeric', { name: 'cost_per_day_usd' }) costPerDayUsd!: string;
  /** Its place among the moves of the decision that sent it out: recall reverses it. */
  @Column('integer', { name: 'move_index' }) moveIndex!: number;
  @Column('uuid', { name: 'burst_decision_id', nullable: true }) burstDecisionId!: string | null;
  @Column('uuid', { name: 'burst_migration_id', nullable: true }) burstMigrationId!: string | null;
  @Column('uuid', { name: 'recall_decision_id', nullable: true }) recallDecisionId!: string | null;
  @Column('uuid', { name: 'recall_migration_id', nullable: true }) recallMigrationId!: string | null;
  @Column('timestamptz', { name: 'decided_at' }) decidedAt!: Date;
  /** When the burst migration completed: the burst exists from here. */
  @Column('timestamptz', { name: 'bursted_at', nullable: true }) burstedAt!: Date | null;
  @Column('timestamptz', { name: 'lease_expires_at', nullable: true }) leaseExpiresAt!: Date | null;
  @Column('timestamptz', { name: 'recall_decided_at', nullable: true }) recallDecidedAt!: Date | null;
  @Column('timestamptz', { name: 'ended_at', nullable: true }) endedAt!: Date | null;
  /** Why it was abandoned, or what went wrong with it. */
  @Column('text', { nullable: true }) note!: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}
