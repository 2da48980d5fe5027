import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OverspillMetric, OverspillMode } from '../../domain/overspill/overspill-types.js';
import type { ConstraintsSpec } from '../../workloads/workload-spec.js';

/** One policy per on-prem site ("provider/region"); the decision function's policy plus its schedule. */
@Entity('overspill_policies')
export class OverspillPolicyEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') tenant!: string;
  @Column('text') site!: string;
  @Column('text', { name: 'provider_id' }) providerId!: string;
  @Column('text', { name: 'region_code' }) regionCode!: string;
  /** node-cron expression, UTC (5 fields, or 6 with seconds). */
  @Column('text') schedule!: string;
  @Column('text') metric!: OverspillMetric;
  @Column('double precision', { name: 'high_watermark' }) highWatermark!: number;
  @Column('double precision', { name: 'low_watermark' }) lowWatermark!: number;
  @Column('integer', { name: 'dwell_ticks' }) dwellTicks!: number;
  @Column('double precision', { name: 'cooldown_minutes' }) cooldownMinutes!: number;
  @Column('double precision', { name: 'max_vcpu_out' }) maxVcpuOut!: number;
  /** USD per day, decimal string. */
  @Column('numeric', { name: 'max_cost_per_day' }) maxCostPerDay!: string;
  @Column('integer', { name: 'max_moves_per_hour' }) maxMovesPerHour!: number;
  @Column('text', { name: 'selector_tags', array: true }) selectorTags!: string[];
  @Column('integer', { name: 'selector_min_priority' }) selectorMinPriority!: number;
  @Column('jsonb', { name: 'target_constraints' }) targetConstraints!: ConstraintsSpec;
  @Column('text') mode!: OverspillMode;
  @Column('double precision', { name: 'lease_minutes' }) leaseMinutes!: number;
  @Column('text', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}

/** The dwell and cooldown history a policy carries between ticks, one row per mode. */
@Entity('overspill_histories')
export class OverspillHistoryEntity {
  @PrimaryColumn('uuid', { name: 'policy_id' }) policyId!: string;
  @PrimaryColumn('text') mode!: OverspillMode;
  /** OverspillHistory as JSON (dates as ISO strings). */
  @Column('jsonb') history!: Record<string, unknown>;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}
