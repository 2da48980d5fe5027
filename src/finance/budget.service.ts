import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors.js';
import {
  dayBounds,
  evaluateBudget,
  monthBounds,
  type Budget,
  type BudgetEvaluation,
  type CostBasis,
} from '../domain/finance/index.js';
import { parseDecimal } from '../domain/money.js';
import type { Actor } from '../workloads/workload.service.js';
import { BudgetRepository } from './budget.repository.js';
import { DeploymentCostingRepository } from './deployment-costing.repository.js';
import type { BudgetAlertEntity, BudgetEntity } from './entities/budget.entities.js';
import { CostLedgerRepository } from './ledger/cost-ledger.repository.js';
import { SpendRepository } from './ledger/spend.repository.js';

export interface BudgetSpec {
  readonly name: string;
  readonly amount: string;
  readonly currency: string;
  readonly ledgerBasis: CostBasis;
  readonly scope: {
    readonly providerName?: string | null;
    readonly workloadId?: string | null;
    readonly tag?: { readonly key: string; readonly value: string } | null;
  };
  readonly thresholdsPct: readonly number[];
}

export interface BudgetEvaluationResult {
  readonly budget: BudgetEntity;
  readonly evaluation: BudgetEvaluation;
  /** Alerts this evaluation raised (stored); alerts raised before are not repeated. */
  readonly raised: BudgetAlertEntity[];
}

export interface BudgetRunResult {
  readonly evaluated: number;
  readonly alertsRaised: BudgetAlertEntity[];
}

/** Budget CRUD per tenant and their evaluation: after each accrual run and on demand. */
@Injectable()
export class BudgetService {
  constructor(
    private readonly budgets: BudgetRepository,
    private readonly spend: SpendRepository,
    private readonly costing: DeploymentCostingRepository,
    private readonly ledger: CostLedgerRepository,
  ) {}

  async create(actor: Actor, spec: BudgetSpec): Promise<BudgetEntity> {
    checkSpec(spec);
    if (await this.budgets.nameTaken(actor.tenant, spec.name))
      throw new ConflictError(`a budget named "${spec.name}" already exists`, { path: 'input.name' });
    return this.budgets.insert({
      id: randomUUID(),
      tenant: actor.tenant,
      createdBy: actor.name,
      ...columns(spec),
    });
  }

  async update(actor: Actor, id: string, spec: BudgetSpec): Promise<BudgetEntity> {
    checkSpec(spec);
    const current = await this.get(actor, id);
    if (await this.budgets.nameTaken(actor.tenant, spec.name, id))
      throw new ConflictError(`a budget named "${spec.name}" already exists`, { path: 'input.name' });
    return this.budgets.replace({ ...current, ...columns(spec) });
  }

  async get(actor: Actor, id: string): Promise<BudgetEntity> {
    const budget = isUuid(id) ? await this.budgets.findForTenant(actor.tenant, id) : null;
    if (!budget) throw new NotFoundError(`budget ${id} not found`, { id });
    return budget;
  }

  list(actor: Actor): Promise<BudgetEntity[]> {
    return this.budgets.listForTenant(actor.tenant);
  }

  async delete(actor: Actor, id: string): Promise<boolean> {
    if (!isUuid(id) || !(await this.budgets.delete(actor.tenant, id)))
      throw new NotFoundError(`budget ${id} not found`, { id });
    return true;
  }

  async alerts(actor: Actor, budgetId: string | null, limit: number): Promise<BudgetAlertEntity[]> {
    if (budgetId !== null) await this.get(actor, budgetId);
    return this.budgets.listAlerts(actor.tenant, budgetId, limit);
  }

  /** Evaluates the tenant's budgets now and stores the alerts that are new. */
  async evaluateForTenant(actor: Actor, now = new Date()): Promise<BudgetEvaluationResult[]> {
    const results: BudgetEvaluationResult[] = [];
    for (const budget of await this.budgets.listForTenant(actor.tenant))
      results.push(await this.evaluate(budget, now));
    return results;
  }

  /** Every tenant's budgets: what runs after each accrual. */
  async evaluateAll(now = new Date()): Promise<BudgetRunResult> {
    const all = await this.budgets.listAll();
    const alertsRaised: BudgetAlertEntity[] = [];
    for (const budget of all) alertsRaised.push(...(await this.evaluate(budget, now)).raised);
    return { evaluated: all.length, alertsRaised };
  }

  private async evaluate(entity: BudgetEntity, now: Date): Promise<BudgetEvaluationResult> {
    const budget = toDomainBudget(entity);
    const period = monthBounds(now.toISOString().slice(0, 7));
    const monthStart = new Date(period.startMs);
    const monthEnd = new Date(period.endMs);
    const through = await this.actualThrough(entity, monthStart, monthEnd, now);
    const [actualRows, costed, prices, raised] = await Promise.all([
      this.spend.dailyBudgetRows({
        tenant: entity.tenant,
        basis: entity.ledgerBasis,
        from: monthStart,
        to: through,
        tagKey: entity.scopeTagKey,
      }),
      this.costing.runningBetween(through, monthEnd, entity.tenant),
      this.costing.priceHistory(through, monthEnd, entity.tenant),
      this.budgets.alertsOf(entity.id, now.toISOString().slice(0, 7)),
    ]);
    const evaluation = evaluateBudget({
      budget,
      now,
      actualThrough: through,
      actualRows,
      deployments: costed.map((c) => c.deployment),
      prices,
      raisedAlerts: raised.map((a) => ({
        budgetId: a.budgetId,
        period: a.period,
        thresholdPct: Number(a.thresholdPct),
        basis: a.basis,
        crossedAt: a.crossedAt.toISOString(),
        amount: a.amount,
        thresholdAmount: a.thresholdAmount,
        currency: a.currency,
      })),
    });
    const stored = await this.budgets.insertAlerts(entity.tenant, evaluation.newAlerts);
    return { budget: entity, evaluation, raised: stored };
  }

  /**
   * How far the ledger is complete this month: the end of the last accrued day (estimated), or
   * of the latest imported charge (actual); never before the month starts or after `now`.
   */
  private async actualThrough(
    entity: BudgetEntity,
    monthStart: Date,
    monthEnd: Date,
    now: Date,
  ): Promise<Date> {
    let reached: number | null;
    if (entity.ledgerBasis === 'ESTIMATED') {
      const last = await this.ledger.lastAccruedDay();
      reached = last === null ? null : dayBounds(last).endMs;
    } else {
      reached =
        (await this.spend.latestChargeEnd(entity.tenant, 'ACTUAL', monthStart, monthEnd))?.getTime() ?? null;
    }
    const upper = Math.min(monthEnd.getTime(), now.getTime());
    return new Date(Math.max(monthStart.getTime(), Math.min(reached ?? monthStart.getTime(), upper)));
  }
}

export function toDomainBudget(entity: BudgetEntity): Budget {
  return {
    id: entity.id,
    amount: entity.amount,
    currency: entity.currency,
    period: 'MONTH',
    scope: {
      ...(entity.scopeProviderName !== null ? { providerName: entity.scopeProviderName } : {}),
      ...(entity.scopeWorkloadId !== null ? { workloadId: entity.scopeWorkloadId } : {}),
      ...(entity.scopeTagKey !== null && entity.scopeTagValue !== null
        ? { tag: { key: entity.scopeTagKey, value: entity.scopeTagValue } }
        : {}),
    },
    thresholdsPct: entity.thresholdsPct.map(Number),
  };
}

function columns(spec: BudgetSpec) {
  return {
    name: spec.name,
    amount: spec.amount,
    currency: spec.currency,
    period: 'MONTH' as const,
    ledgerBasis: spec.ledgerBasis,
    scopeProviderName: spec.scope.providerName ?? null,
    scopeWorkloadId: spec.scope.workloadId ?? null,
    scopeTagKey: spec.scope.tag?.key ?? null,
    scopeTagValue: spec.scope.tag?.value ?? null,
    thresholdsPct: [...new Set(spec.thresholdsPct)].sort((a, b) => a - b).map(String),
  };
}

function checkSpec(spec: BudgetSpec): void {
  const amount = parseDecimal(spec.amount);
  if (amount === null || !/^\d+(\.\d+)?$/.test(spec.amount) || !amount.gt(0))
    throw new InvalidInputError('must be a decimal amount > 0, e.g. "1000.00"', 'input.amount');
  if (!/^[A-Z]{3}$/.test(spec.currency))
    throw new InvalidInputError('must be an ISO 4217 code', 'input.currency');
  if (spec.thresholdsPct.length === 0 || spec.thresholdsPct.length > 10)
    throw new InvalidInputError('give 1 to 10 thresholds', 'input.thresholdsPct');
  spec.thresholdsPct.forEach((pct, i) => {
    if (!Number.isFinite(pct) || pct <= 0 || pct > 1000 || Math.round(pct * 100) !== pct * 100)
      throw new InvalidInputError(
        'a percentage in (0, 1000] with at most 2 decimals',
        `input.thresholdsPct[${i}]`,
      );
  });
  const workloadId = spec.scope.workloadId;
  if (workloadId !== null && workloadId !== undefined && !isUuid(workloadId))
    throw new InvalidInputError('not a workload id', 'input.scope.workloadId');
}

function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}
