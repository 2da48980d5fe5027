import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One imported FOCUS file. Its rows live in cost_ledger (basis ACTUAL, import_id); the
 * checksum is unique per tenant, so importing the same bytes again is a no-op.
 */
@Entity('focus_imports')
export class FocusImportEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('text') tenant!: string;
  /** The account given at import; null: each row's BillingAccountId. */
  @Column('text', { name: 'provider_account', nullable: true }) providerAccount!: string | null;
  @Column('text', { name: 'file_name' }) fileName!: string;
  @Column('text') checksum!: string;
  @Column('integer') rows!: number;
  @Column('integer') rejected!: number;
  @Column('jsonb') rejections!: { rowNumber: number; reason: string }[];
  @Column('integer') warnings!: number;
  @Column('jsonb') totals!: Record<string, { billedCost: string; effectiveCost: string; listCost: string }>;
  @Column('timestamptz', { name: 'charge_period_start', nullable: true }) chargePeriodStart!: Date | null;
  @Column('timestamptz', { name: 'charge_period_end', nullable: true }) chargePeriodEnd!: Date | null;
  @Column('text', { name: 'imported_by', nullable: true }) importedBy!: string | null;
  @Column('timestamptz', { name: 'imported_at', default: () => 'now()' }) importedAt!: Date;
}

/** One accrued UTC day. */
@Entity('cost_accrual_days')
export class AccrualDayEntity {
  /** 'YYYY-MM-DD' (dates are kept as strings, see database.ts). */
  @PrimaryColumn('date') day!: string;
  @Column('timestamptz', { name: 'accrued_at', default: () => 'now()' }) accruedAt!: Date;
  @Column('integer') rows!: number;
  @Column('integer') deployments!: number;
  @Column('numeric', { name: 'billed_cost' }) billedCost!: string;
  @Column('jsonb') skipped!: { deploymentId: string; reason: string }[];
}
