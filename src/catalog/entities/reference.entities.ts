import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { EgressDestination } from '../../domain/catalog/catalog-enums.js';

export interface CreditTier {
  /** Credit applies when monthly uptime is below this percentage. */
  belowPct: number;
  /** Percentage of the monthly charge credited. */
  creditPct: number;
}

@Entity('slas')
export class SlaEntity {
  @PrimaryColumn('text', { name: 'provider_id' }) providerId!: string;
  @PrimaryColumn('text') service!: string;
  @PrimaryColumn('text') scope!: string;
  @Column('numeric', { name: 'uptime_pct' }) uptimePct!: string;
  @Column('jsonb', { name: 'credit_tiers' }) creditTiers!: CreditTier[];
  @Column('text', { nullable: true }) verified!: string | null;
  @Column('text', { nullable: true }) source!: string | null;
}

@Entity('latency_measurements')
export class LatencyMeasurementEntity {
  @PrimaryColumn('text', { name: 'src_provider' }) srcProvider!: string;
  @PrimaryColumn('text', { name: 'src_region' }) srcRegion!: string;
  @PrimaryColumn('text', { name: 'dst_provider' }) dstProvider!: string;
  @PrimaryColumn('text', { name: 'dst_region' }) dstRegion!: string;
  @PrimaryColumn('text') source!: string;
  @Column('numeric', { name: 'rtt_ms' }) rttMs!: string;
  /** p95, avg or min: what the source measured. */
  @Column('text') statistic!: string;
}

@Entity('throughput_measurements')
export class ThroughputMeasurementEntity {
  @PrimaryColumn('text', { name: 'src_provider' }) srcProvider!: string;
  @PrimaryColumn('text', { name: 'src_region' }) srcRegion!: string;
  @PrimaryColumn('text', { name: 'dst_provider' }) dstProvider!: string;
  @PrimaryColumn('text', { name: 'dst_region' }) dstRegion!: string;
  @PrimaryColumn('text') source!: string;
  @Column('numeric', { name: 'gbit_per_s' }) gbitPerS!: string;
}

@Entity('egress_prices')
export class EgressPriceEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('text', { name: 'provider_id' }) providerId!: string;
  /** A region code, or '*' for every region of the provider. */
  @Column('text', { name: 'src_region' }) srcRegion!: string;
  @Column('text') destination!: EgressDestination;
  @Column('text', { name: 'dst_provider', nullable: true }) dstProvider!: string | null;
  @Column('text', { name: 'dst_region', nullable: true }) dstRegion!: string | null;
  @Column('numeric', { name: 'tier_start_gb' }) tierStartGb!: string;
  @Column('numeric', { name: 'tier_end_gb', nullable: true }) tierEndGb!: string | null;
  @Column('numeric', { name: 'price_per_gb' }) pricePerGb!: string;
  @Column({ type: 'char', length: 3 }) currency!: string;
  @Column('text') source!: string;
}

@Entity('fx_rates')
export class FxRateEntity {
  @PrimaryColumn({ type: 'char', length: 3 }) currency!: string;
  @PrimaryColumn('date', { name: 'effective_date' }) effectiveDate!: string;
  @Column('numeric', { name: 'usd_per_unit' }) usdPerUnit!: string;
  @Column('text') source!: string;
}
