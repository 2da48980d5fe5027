import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Arch } from '../../domain/catalog/catalog-enums.js';

/** Specs per provider and type name; price sources without specs are joined here by name. */
@Entity('instance_types')
export class InstanceTypeEntity {
  @PrimaryColumn('text', { name: 'provider_id' }) providerId!: string;
  @PrimaryColumn('text') name!: string;
  @Column('numeric') vcpu!: string;
  @Column('numeric', { name: 'memory_gib' }) memoryGib!: string;
  @Column('text', { name: 'gpu_model', nullable: true }) gpuModel!: string | null;
  @Column('numeric', { name: 'gpu_count', default: 0 }) gpuCount!: string;
  @Column('numeric', { name: 'gpu_memory_gib', nullable: true }) gpuMemoryGib!: string | null;
  @Column('text', { default: 'x86_64' }) arch!: Arch;
  @Column('text', { nullable: true }) family!: string | null;
  @Column('text', { nullable: true }) source!: string | null;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}
