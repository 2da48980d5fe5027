import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ConflictError, ForbiddenError, NotFoundError } from '../common/errors.js';
import { transition } from '../domain/migration/migration-state-machine.js';
import type {
  Migration,
  MigrationEvent,
  RefusalCode,
  TransitionRecord,
} from '../domain/migration/migration-types.js';
import { DeploymentService } from '../deployments/deployment.service.js';
import { JOB_QUEUE, type JobQueue } from '../queue/job-queue.js';
import type { MigrationEntity } from './migration.entity.js';
import { MigrationRepository, type MigrationRecordRow } from './migration.repository.js';
import { MigrationEventsService } from './migration-events.service.js';
import { jobsOf, MIGRATION_QUEUE } from './step-job.js';

export type ApplyResult =
  | { readonly ok: true; readonly migration: Migration }
  | {
      readonly ok: false;
      readonly code: RefusalCode;
      readonly reason: string;
      readonly migration: Migration;
    };

export interface ApplyOptions {
  /** Only this tenant's migration (user commands). */
  readonly tenant?: string;
  /** A job the worker holds, ended as done in the same transaction as the accepted event. */
  readonly job?: { readonly id: string; readonly workerId: string };
}

const MAX_TRIES = 50;

/**
 * Carries out the state machine's decisions. One event = one transaction: the new migration
 * value (saved only if its version is still the one read), its transition records, the jobs its
 * effects ask for, the worker's job ended, the deployments moved when it completes, and a
 * NOTIFY of the progress. A lost race re-reads and re-applies the event.
 */
@Injectable()
export class MigrationOrchestrator {
  private readonly logger = new Logger(MigrationOrchestrator.name);

  constructor(
    private readonly migrations: MigrationRepository,
    private readonly deployments: DeploymentService,
    private readonly events: MigrationEventsService,
    private readonly dataSource: DataSource,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  async apply(id: string, event: MigrationEvent, options: ApplyOptions = {}): Promise<ApplyResult> {
    for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
      const row = await this.migrations.findRecord(id, options.tenant);
      if (!row) throw new NotFoundError(`migration ${id} not found`, { id });
      const result = transition(row.record, event, new Date());
      if (!result.ok) return { ok: false, code: result.code, reason: result.reason, migration: row.record };
      const next = result.migration;
      const committed = await this.dataSource
        .transaction(async (m) => {
          if (!(await this.migrations.saveIfVersion(m, row.version, next))) return false;
          const records = result.effects.flatMap((e) => (e.type === 'recordTransition' ? [e.record] : []));
          await this.migrations.appendTransitions(m, records);
          await this.queue.enqueue(m, jobsOf(id, result.effects));
          if (options.job)
            await this.queue.finish(m, options.job.id, options.job.workerId, 'done', event.type);
          if (next.state === 'COMPLETED' && row.state !== 'COMPLETED') await this.completeMove(m, row, next);
          const progress = result.effects.find((e) => e.type === 'emitProgress');
          if (progress?.type === 'emitProgress')
            await this.events.publishInTransaction(m, { ...progress.progress, at: next.updatedAt });
          return true;
        })
        .catch((error: unknown) => {
          throw translate(error);
        });
      if (!committed) continue;
      this.queue.wake(MIGRATION_QUEUE);
      for (const effect of result.effects) {
        if (effect.type === 'emitProgress')
          this.events.afterCommit({ ...effect.progress, at: next.updatedAt });
        if (effect.type === 'alert') {
          const line = `migration ${id}: ${effect.message}`;
          if (effect.severity === 'critical') this.logger.error(line);
          else this.logger.warn(line);
        }
      }
      return { ok: true, migration: next };
    }
    throw new ConflictError(`migration ${id} is being changed by others: gave up after ${MAX_TRIES} tries`);
  }

  /** A user's command: a refusal becomes the matching domain error (FORBIDDEN, CONFLICT). */
  async command(tenant: string, id: string, event: MigrationEvent): Promise<MigrationEntity> {
    const result = await this.apply(id, event, { tenant });
    if (result.ok) return (await this.migrations.findById(id))!;
    const details = { id, refusal: result.code, state: result.migration.state };
    if (result.code === 'FORBIDDEN') throw new ForbiddenError(result.reason, details);
    throw new ConflictError(result.reason, details);
  }

  /** Records a transition that no domain event carries (the plan being made). */
  static plannedRecord(migration: Migration, by: string): TransitionRecord {
    return {
      migrationId: migration.id,
      at: migration.createdAt,
      by,
      event: 'plan' as TransitionRecord['event'],
      from: null as unknown as TransitionRecord['from'],
      to: migration.state,
      stepKey: null,
      stepFrom: null,
      stepTo: null,
      reason: `planned ${migration.strategy}: ${migration.steps.length} steps, one-off $${migration.oneOffCostUsd}`,
    };
  }

  private async completeMove(m: EntityManager, row: MigrationRecordRow, next: Migration): Promise<void> {
    const resources: Record<string, { resourceId: string | null; address: string | null }> = {};
    for (const step of next.steps) {
      if (step.kind !== 'start_target' || step.output === null) continue;
      const out = step.output;
      const text = (v: unknown) => (typeof v === 'string' ? v : null);
      resources[step.component] = {
        resourceId: text(out.resourceId) ?? text(out.vmId) ?? text(out.instanceId) ?? text(out.serverId),
        address: text(out.address),
      };
    }
    await this.deployments.moveInTransaction(m, {
      tenant: row.tenant,
      workloadId: row.workloadId,
      migrationId: row.id,
      pricing: (await this.migrations.findPlan(m, row.id)).target.pricing,
      resources,
      at: new Date(next.updatedAt),
    });
  }
}

/** The one-active-migration-per-workload index, said in words. */
function translate(error: unknown): unknown {
  const e = error as { code?: string; constraint?: string; message?: string };
  if (
    e.code === '23505' &&
    (e.constraint ?? e.message ?? '').includes('migrations_one_active_per_workload')
  ) {
    return new ConflictError(
      'another migration of this workload is in progress: finish or roll it back first',
    );
  }
  return error;
}
