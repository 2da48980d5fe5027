import { ExactSum, type PriceImpact } from '../../domain/finance/index.js';
import type { AccrualRun as AccrualRunResult } from '../accrual.service.js';
import type { BudgetEvaluationResult, BudgetSpec } from '../budget.service.js';
import type { BudgetAlertEntity, BudgetEntity } from '../entities/budget.entities.js';
import type { FocusImportEntity } from '../entities/ledger.entities.js';
import type { FocusImportOutcome } from '../focus-import.service.js';
import type { ForecastAnswer } from '../forecast.service.js';
import type { WorkloadSavings as Savings } from '../savings.service.js';
import type { Budget, BudgetAlert, BudgetEvaluation, BudgetInput } from './budget.types.js';
import { BudgetAlertBasisEnum, CostBasisEnum, FocusImportStatusEnum } from './finance-enums.graphql.js';
import type { DeploymentPriceChange, Forecast, ForecastMonth, WorkloadSavings } from './forecast.types.js';
import type { AccrualRun, CurrencyTotals, FocusImport, FocusImportResult } from './ledger.types.js';

export function toForecast(answer: ForecastAnswer): Forecast {
  const months = new Map<string, ForecastMonth & { sum: ExactSum }>();
  for (const p of answer.byProvider) {
    const key = `${p.month}/${p.currency}`;
    const month = months.get(key) ?? {
      month: p.month,
      cost: '0',
      currency: p.currency,
      byProvider: [],
      sum: new ExactSum(),
    };
    month.byProvider.push({ ...p });
    month.sum.add(p.cost);
    months.set(key, month);
  }
  return {
    from: answer.from,
    months: [...months.values()].map(({ sum, ...m }) => ({ ...m, cost: sum.toString() })),
    skipped: answer.skipped.map((s) => ({ ...s })),
  };
}

export function toDeploymentPriceChange(impact: PriceImpact): DeploymentPriceChange {
  return {
    deploymentId: impact.deploymentId,
    workloadId: impact.workloadId,
    component: impact.component,
    provider: impact.providerId,
    region: impact.regionCode,
    sku: impact.sku,
    count: impact.count,
    currency: impact.currency,
    startedAt: new Date(impact.startedAt),
    startedPricePerHour: impact.startedPricePerUnit,
    startedPricePerHourUsd: impact.startedPricePerUnitUsd,
    currentPricePerHour: impact.currentPricePerUnit,
    currentPricePerHourUsd: impact.currentPricePerUnitUsd,
    changes: impact.changes.map((c) => ({
      effectiveFrom: new Date(c.effectiveFrom),
      pricePerHour: c.pricePerUnit,
      pricePerHourUsd: c.pricePerUnitUsd,
    })),
    monthlyImpactUsd: impact.monthlyImpactUsd,
    changePct: impact.changePct,
  };
}

export function toWorkloadSavings(s: Savings): WorkloadSavings {
  return {
    workloadId: s.workloadId,
    workloadName: s.workloadName,
    currentSites: [...s.currentSites],
    currentMonthlyCostUsd: s.currentMonthlyCostUsd,
    best: s.best
      ? {
          provider: s.best.providerId,
          regions: [...s.best.regions],
          computeMonthlyCostUsd: s.best.computeMonthlyCostUsd,
          totalMonthlyCostUsd: s.best.totalMonthlyCostUsd,
        }
      : null,
    migrationOneOffCostUsd: s.migrationOneOffCostUsd,
    oneOffBasis: s.oneOffBasis,
    monthlySavingUsd: s.estimate?.monthlySaving ?? null,
    annualSavingUsd: s.estimate?.annualSaving ?? null,
    paybackMonths: s.estimate?.paybackMonths ?? null,
    netSavingOverHorizonUsd: s.estimate?.netSavingOverHorizon ?? null,
    horizonMonths: s.estimate?.horizonMonths ?? null,
    notes: [...s.notes],
  };
}

export function toBudget(entity: BudgetEntity): Budget {
  return {
    id: entity.id,
    name: entity.name,
    amount: entity.amount,
    currency: entity.currency,
    period: entity.period,
    ledgerBasis: entity.ledgerBasis as CostBasisEnum,
    scope: {
      providerName: entity.scopeProviderName,
      workloadId: entity.scopeWorkloadId,
      tagKey: entity.scopeTagKey,
      tagValue: entity.scopeTagValue,
    },
    thresholdsPct: entity.thresholdsPct.map(Number),
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  };
}

export function toBudgetSpec(input: BudgetInput): BudgetSpec {
  const scope = input.scope ?? {};
  return {
    name: input.name,
    amount: input.amount,
    currency: input.currency,
    ledgerBasis: input.ledgerBasis,
    scope: {
      providerName: scope.providerName ?? null,
      workloadId: scope.workloadId ?? null,
      tag: scope.tagKey ? { key: scope.tagKey, value: scope.tagValue ?? '' } : null,
    },
    thresholdsPct: input.thresholdsPct,
  };
}

export function toBudgetAlert(entity: BudgetAlertEntity): BudgetAlert {
  return {
    id: entity.id,
    budgetId: entity.budgetId,
    period: entity.period,
    thresholdPct: Number(entity.thresholdPct),
    basis: entity.basis as BudgetAlertBasisEnum,
    crossedAt: entity.crossedAt,
    amount: entity.amount,
    thresholdAmount: entity.thresholdAmount,
    currency: entity.currency,
    raisedAt: entity.raisedAt,
  };
}

export function toBudgetEvaluation(result: BudgetEvaluationResult): BudgetEvaluation {
  return {
    budget: toBudget(result.budget),
    period: result.evaluation.period,
    actualToDate: result.evaluation.actualToDate,
    forecastToPeriodEnd: result.evaluation.forecastToPeriodEnd,
    newAlerts: result.raised.map(toBudgetAlert),
  };
}

export function toAccrualRun(run: AccrualRunResult): AccrualRun {
  return {
    from: run.from,
    to: run.to,
    days: run.days.map((d) => ({
      day: d.day,
      rows: d.rows,
      deployments: d.deployments,
      billedCost: d.billedCost,
      skipped: d.skipped.length,
    })),
    rows: run.rows,
    billedCost: run.billedCost,
    skipped: run.skipped,
    alertsRaised: (run.budgets?.alertsRaised ?? []).map(toBudgetAlert),
  };
}

function toTotals(totals: FocusImportOutcome['totals']): CurrencyTotals[] {
  return Object.entries(totals).map(([currency, t]) => ({ currency, ...t }));
}

export function toFocusImportResult(outcome: FocusImportOutcome): FocusImportResult {
  return {
    status: outcome.status as FocusImportStatusEnum,
    importId: outcome.importId,
    checksum: outcome.checksum,
    rows: outcome.rows,
    rejected: outcome.rejected,
    rejections: outcome.rejections.map((r) => ({ ...r })),
    warnings: outcome.warnings,
    totals: toTotals(outcome.totals),
  };
}

export function toFocusImport(entity: FocusImportEntity): FocusImport {
  return {
    id: entity.id,
    account: entity.providerAccount,
    fileName: entity.fileName,
    checksum: entity.checksum,
    rows: entity.rows,
    rejected: entity.rejected,
    totals: toTotals(entity.totals),
    chargePeriodStart: entity.chargePeriodStart,
    chargePeriodEnd: entity.chargePeriodEnd,
    importedBy: entity.importedBy,
    importedAt: entity.importedAt,
  };
}
