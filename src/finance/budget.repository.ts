import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BudgetAlert } from '../domain/finance/index.js';
import { BudgetAlertEntity, BudgetEntity } from './entities/budget.entities.js';

export type NewBudget = Omit<BudgetEntity, 'createdAt' | 'updatedAt'>;

/** Budgets per tenant and the alerts they raised. */
@Injectable()
export class BudgetRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get budgets() {
    return this.dataSource.getRepository(BudgetEntity);
  }

  private get alerts() {
    return this.dataSource.getRepository(BudgetAlertEntity);
  }

  insert(budget: NewBudget): Promise<BudgetEntity> {
    return this.budgets.save(this.budgets.create(budget));
  }

  async replace(budget: BudgetEntity): Promise<BudgetEntity> {
    const { id, tenant, createdAt: _created, ...fields } = budget;
    await this.budgets.update({ id, tenant }, { ...fields, updatedAt: new Date() });
    return (await this.findForTenant(tenant, id))!;
  }

  findForTenant(tenant: string, id: string): Promise<BudgetEntity | null> {
    return this.budgets.findOne({ where: { tenant, id } });
  }

  listForTenant(tenant: string): Promise<BudgetEntity[]> {
    return this.budgets.find({ where: { tenant }, order: { name: 'ASC' } });
  }

  listAll(): Promise<BudgetEntity[]> {
    return this.budgets.find({ order: { tenant: 'ASC', name: 'ASC' } });
  }

  nameTaken(tenant: string, name: string, exceptId?: string): Promise<boolean> {
    return this.budgets
      .createQueryBuilder('b')
      .where('b.tenant = :tenant AND b.name = :name', { tenant, name })
      .andWhere(exceptId ? 'b.id <> :exceptId' : 'TRUE', { exceptId })
      .getExists();
  }

  async delete(tenant: string, id: string): Promise<boolean> {
    const result = await this.budgets.delete({ tenant, id });
    return (result.affected ?? 0) > 0;
  }

  alertsOf(budgetId: string, period: string): Promise<BudgetAlertEntity[]> {
    return this.alerts.find({ where: { budgetId, period } });
  }

  listAlerts(tenant: string, budgetId: string | null, limit: number): Promise<BudgetAlertEntity[]> {
    return this.alerts.find({
      where: budgetId ? { tenant, budgetId } : { tenant },
      order: { raisedAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  /**
   * Persists new alerts; one already stored for the same (budget, period, threshold, basis) is
   * skipped by the unique key, so two evaluations racing each other still raise it once.
   * Returns the alerts actually inserted.
   */
  async insertAlerts(tenant: string, alerts: readonly BudgetAlert[]): Promise<BudgetAlertEntity[]> {
    const inserted: BudgetAlertEntity[] = [];
    for (const alert of alerts) {
      const rows: { id: string }[] = await this.dataSource.query(
        `INSERT INTO budget_alerts (budget_id, tenant, period, threshold_pct, basis, crossed_at, amount, threshold_amount, currency)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (budget_id, period, threshold_pct, basis) DO NOTHING RETURNING id::text AS id`,
        [
          alert.budgetId,
          tenant,
          alert.period,
          String(alert.thresholdPct),
          alert.basis,
          alert.crossedAt,
          alert.amount,
          alert.thresholdAmount,
          alert.currency,
        ],
      );
      const id = rows[0]?.id;
      if (id) inserted.push((await this.alerts.findOneBy({ id }))!);
    }
    return inserted;
  }
}
