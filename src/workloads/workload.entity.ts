import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { WorkloadSpec } from './workload-spec.js';

@Entity('workloads')
export class WorkloadEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') tenant!: string;
  @Column('text') name!: string;
  @Column('text', { nullable: true }) description!: string | null;
  @Column('jsonb') spec!: WorkloadSpec;
  @Column('boolean') burstable!: boolean;
  @Column('integer') priority!: number;
  @Column('text', { array: true }) tags!: string[];
  /** Incremented on every update (optimistic concurrency, audit). */
  @Column('integer') revision!: number;
  @Column('text', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}
