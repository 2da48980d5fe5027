import { Column, Entity, PrimaryColumn } from 'typeorm';

export type DeploymentSource = 'MANUAL' | 'MIGRATION' | 'OVERSPILL';

/**
 * One workload component running somewhere from `startedAt` until `endedAt` (null: still
 * running). The price is the offer's per-instance-hour price when the deployment began;
 * finance re-prices from catalog history when a newer version changes it.
 */
@Entity('deployments')
export class DeploymentEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') tenant!: string;
  @Column('uuid', { name: 'workload_id' }) workloadId!: string;
  @Column('text') component!: string;
  @Column('text', { name: 'provider_id' }) providerId!: string;
  @Column('text', { name: 'region_code' }) regionCode!: string;
  @Column('bigint', { name: 'offer_id', nullable: true }) offerId!: string | null;
  @Column('text', { nullable: true }) sku!: string | null;
  @Column('text', { name: 'instance_type', nullable: true }) instanceType!: string | null;
  @Column('text', { name: 'purchase_option' }) purchaseOption!: string;
  @Column('integer', { name: 'instance_count' }) instanceCount!: number;
  @Column('numeric') vcpu!: string;
  @Column('numeric', { name: 'memory_gib' }) memoryGib!: string;
  /** Per instance-hour, in `currency`. */
  @Column('numeric', { name: 'price_per_hour' }) pricePerHour!: string;
  @Column({ type: 'char', length: 3 }) currency!: string;
  @Column('numeric', { name: 'price_per_hour_usd', nullable: true }) pricePerHourUsd!: string | null;
  @Column('timestamptz', { name: 'started_at' }) startedAt!: Date;
  @Column('timestamptz', { name: 'ended_at', nullable: true }) endedAt!: Date | null;
  @Column('text') source!: DeploymentSource;
  @Column('uuid', { name: 'migration_id', nullable: true }) migrationId!: string | null;
  @Column('jsonb') tags!: Record<string, string>;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
}
