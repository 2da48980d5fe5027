import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type LedgerBasis = 'ESTIMATED' | 'ACTUAL';

/** A monthly budget of one tenant, with the scope it counts and the thresholds it alerts at. */
@Entity('budgets')
export class BudgetEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') tenant!: string;
  @Column('text') name!: string;
  /** Per month, in `currency`. */
  @Column('numeric') amount!: string;
  @Column('text') currency!: string;
  @Column('text') period!: 'MONTH';
  /** Which ledger rows count as spend to date: Cumulus's accrual or the imported bills. */
  @Column('text', { name: 'ledger_basis' }) ledgerBasis!: LedgerBasis;
  @Column('text', { name: 'scope_provider_name', nullable: true }) scopeProviderName!: string | null;
  @Column('uuid', { name: 'scope_workload_id', nullable: true }) scopeWorkloadId!: string | null;
  @Column('text', { name: 'scope_tag_key', nullable: true }) scopeTagKey!: string | null;
  @Column('text', { name: 'scope_tag_value', nullable: true }) scopeTagValue!: string | null;
  /** Percentages of `amount` (numeric[] comes back as decimal strings). */
  @Column('numeric', { name: 'thresholds_pct', array: true }) thresholdsPct!: string[];
  @Column('text', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}

/** An alert raised once per (budget, month, threshold, basis). */
@Entity('budget_alerts')
export class BudgetAlertEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('uuid', { name: 'budget_id' }) budgetId!: string;
  @Column('text') tenant!: string;
  @Column('text') period!: string;
  @Column('numeric', { name: 'threshold_pct' }) thresholdPct!: string;
  @Column('text') basis!: 'ACTUAL' | 'FORECAST';
  @Column('timestamptz', { name: 'crossed_at' }) crossedAt!: Date;
  @Column('numeric') amount!: string;
  @Column('numeric', { name: 'threshold_amount' }) thresholdAmount!: string;
  @Column('text') currency!: string;
  @Column('timestamptz', { name: 'raised_at', default: () => 'now()' }) raisedAt!: Date;
}
