import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Migration, MigrationState, MigrationStrategy } from '../domain/migration/migration-types.js';
import type { StoredPlan } from './stored-plan.js';

/** A migration row: the domain Migration as it is (`record`) and the plan it came from. */
@Entity('migrations')
export class MigrationEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') tenant!: string;
  @Column('uuid', { name: 'workload_id' }) workloadId!: string;
  @Column('text', { name: 'source_provider' }) sourceProvider!: string;
  @Column('text', { name: 'source_region' }) sourceRegion!: string;
  @Column('text', { name: 'target_provider' }) targetProvider!: string;
  @Column('text', { name: 'target_regions', array: true }) targetRegions!: string[];
  @Column('text') state!: MigrationState;
  @Column('text') strategy!: MigrationStrategy;
  /** Equals record.version: saves go through `WHERE version = previous`. */
  @Column('integer') version!: number;
  @Column('numeric', { name: 'one_off_cost_usd' }) oneOffCostUsd!: string;
  @Column('jsonb') record!: Migration;
  @Column('jsonb') plan!: StoredPlan;
  @Column('text', { name: 'created_by' }) createdBy!: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt!: Date | null;
}

/** Append-only: who or what moved a migration or one of its steps, from what to what, and why. */
@Entity('migration_transitions')
export class MigrationTransitionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('uuid', { name: 'migration_id' }) migrationId!: string;
  @Column('timestamptz') at!: Date;
  @Column('text') by!: string;
  @Column('text') event!: string;
  @Column('text', { name: 'from_state', nullable: true }) fromState!: string | null;
  @Column('text', { name: 'to_state' }) toState!: string;
  @Column('text', { name: 'step_key', nullable: true }) stepKey!: string | null;
  @Column('text', { name: 'step_from', nullable: true }) stepFrom!: string | null;
  @Column('text', { name: 'step_to', nullable: true }) stepTo!: string | null;
  @Column('text') reason!: string;
}
