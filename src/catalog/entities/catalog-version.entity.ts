import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CatalogVersionStatus } from '../../domain/catalog/catalog-enums.js';

export interface CatalogScope {
  provider: string;
  service?: string;
  region?: string;
  segment?: string;
}

@Entity('catalog_versions')
export class CatalogVersionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('text', { name: 'provider_id' }) providerId!: string;
  @Column('text') format!: string;
  @Column('text', { name: 'scope_key' }) scopeKey!: string;
  @Column('jsonb') scope!: CatalogScope;
  @Column('text') source!: string;
  @Column('text', { nullable: true }) checksum!: string | null;
  @Column('text') status!: CatalogVersionStatus;
  @Column('integer') records!: number;
  @Column('integer') offers!: number;
  @Column('integer', { name: 'instance_types' }) instanceTypes!: number;
  @Column('integer') rejected!: number;
  @Column('jsonb', { name: 'rejected_reasons' }) rejectedReasons!: Record<string, number>;
  @Column('jsonb') metadata!: Record<string, unknown>;
  @Column('text', { nullable: true }) error!: string | null;
  @Column('text', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @Column('timestamptz', { name: 'started_at' }) startedAt!: Date;
  @Column('timestamptz', { name: 'heartbeat_at' }) heartbeatAt!: Date;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt!: Date | null;
  @Column('integer', { name: 'duration_ms', nullable: true }) durationMs!: number | null;
  @Column('timestamptz', { name: 'activated_at', nullable: true }) activatedAt!: Date | null;
  @Column('timestamptz', { name: 'superseded_at', nullable: true }) supersededAt!: Date | null;
  @Column('bigint', { name: 'superseded_by', nullable: true }) supersededBy!: string | null;
}
