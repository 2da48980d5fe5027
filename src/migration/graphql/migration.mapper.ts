import { progressOf } from '../../domain/migration/migration-record.js';
import type { ProgressEvent } from '../migration-events.service.js';
import type { MigrationEntity, MigrationTransitionEntity } from '../migration.entity.js';
import type { Migration, MigrationProgress, MigrationTransition } from './migration.types.js';

export function toMigration(row: MigrationEntity): Migration {
  const m = row.record;
  const e = row.plan.estimate;
  return {
    id: row.id,
    workloadId: row.workloadId,
    workloadName: row.plan.workloadName,
    state: m.state,
    strategy: m.strategy,
    sourceProvider: row.sourceProvider,
    sourceRegion: row.sourceRegion,
    targetProvider: row.targetProvider,
    targetRegions: row.targetRegions,
    oneOffCostUsd: m.oneOffCostUsd,
    version: m.version,
    approvedBy: m.approvedBy,
    failure: m.failure ? { ...m.failure } : null,
    steps: m.steps.map((s) => ({
      index: s.index,
      name: s.kind,
      component: s.component,
      iteration: s.iteration,
      state: s.state,
      attempts: s.attempts,
      attemptLimit: s.attemptLimit,
      idempotencyKey: s.key,
      compensation: s.compensation,
      compensationKey: s.compensationKey,
      compensationAttempts: s.compensationAttempts,
      notBefore: s.notBefore ? new Date(s.notBefore) : null,
      lastError: s.lastError,
      skippedReason: s.skippedReason,
      irreversible: s.irreversible,
      output: s.output ? { ...s.output } : null,
    })),
    estimate: {
      strategy: e.strategy,
      strategyReason: e.strategyReason,
      gibToMove: e.gibToMove,
      throughputGbitPerS: e.throughputGbitPerS,
      throughputSource: e.throughputSource,
      transferSeconds: e.transferSeconds,
      expectedDowntimeSeconds: e.expectedDowntimeSeconds,
      egressCostUsd: e.egressCostUsd,
      egressBasis: e.egressBasis,
      egressTiers: e.egressTiers.map((t) => ({ ...t })),
      doubleRunningCostUsd: e.doubleRunningCostUsd,
      labourCostUsd: e.labourCostUsd,
      oneOffCostUsd: e.oneOffCostUsd,
      sourceMonthlyCostUsd: e.sourceMonthlyCostUsd,
      targetMonthlyCostUsd: e.targetMonthlyCostUsd,
      monthlySavingUsd: e.monthlySavingUsd,
      paybackMonths: e.paybackMonths,
      costBasis: e.costBasis,
      componentOrder: [...e.componentOrder],
      warnings: [...e.warnings],
      plannedAt: new Date(e.plannedAt),
    },
    progress: toProgress({ ...progressOf(m), at: m.updatedAt }),
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: new Date(m.updatedAt),
    finishedAt: row.finishedAt,
  };
}

export function toProgress(p: ProgressEvent): MigrationProgress {
  return { ...p, componentsOnTarget: [...p.componentsOnTarget], at: new Date(p.at) };
}

export function toTransition(t: MigrationTransitionEntity): MigrationTransition {
  return {
    at: t.at,
    from: t.fromState,
    to: t.toState,
    event: t.event,
    by: t.by,
    reason: t.reason,
    stepKey: t.stepKey,
    stepFrom: t.stepFrom,
    stepTo: t.stepTo,
  };
}
