import { Inject, Injectable, Logger } from '@nestjs/common';
import { findByKey } from '../domain/migration/migration-record.js';
import type {
  Migration,
  MigrationEvent,
  MigrationStep,
  StepKind,
  StepOutput,
} from '../domain/migration/migration-types.js';
import { COMPENSATION_ROUTE, ProviderError, STEP_ROUTE, type StepCall } from '../providers/provider-port.js';
import { ProviderRegistry } from '../providers/provider-registry.service.js';
import type { ClaimedJob } from '../queue/job-queue.js';
import { JOB_QUEUE, type JobQueue } from '../queue/job-queue.js';
import type { JobHandler } from '../queue/job-worker-pool.js';
import { MigrationRepository, type MigrationRecordRow } from './migration.repository.js';
import type { StoredPlan } from './stored-plan.js';
import { MigrationOrchestrator } from './migration-orchestrator.service.js';
import { MIGRATION_QUEUE, type StepJobPayload } from './step-job.js';

const UNWINDING = ['CANCELLING', 'ROLLING_BACK'];

/**
 * Runs one step job. The order is what makes effects happen once: `stepStarted` is accepted and
 * committed before the adapter is called (a crash before it leaves the step PENDING and the job
 * is simply run again); the adapter gets the step's idempotency key (a crash after the effect is
 * replayed from the adapter's record, not repeated); the outcome and the end of the job commit
 * together. A lapsed lease becomes `workerLost`, or a plain requeue if the step never started.
 */
@Injectable()
export class MigrationStepRunner implements JobHandler {
  readonly queue = MIGRATION_QUEUE;
  private readonly logger = new Logger(MigrationStepRunner.name);
  private readonly plans = new Map<string, StoredPlan>();

  constructor(
    private readonly migrations: MigrationRepository,
    private readonly orchestrator: MigrationOrchestrator,
    private readonly providers: ProviderRegistry,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
  ) {}

  async handle(job: ClaimedJob, workerId: string): Promise<void> {
    const p = job.payload as unknown as StepJobPayload;
    const row = await this.migrations.findRecord(p.migrationId);
    const match = row ? findByKey(row.record.steps, p.key) : null;
    if (!row || !match) return this.drop(job, workerId, `no migration step ${p.key}`);
    if (p.role === 'STEP') await this.runStep(row, match.step, p, job, workerId);
    else await this.runCompensation(row, match.step, p, job, workerId);
  }

  async onExpired(job: ClaimedJob): Promise<'requeue' | 'drop'> {
    const p = job.payload as unknown as StepJobPayload;
    const lost = await this.orchestrator.apply(p.migrationId, {
      type: 'workerLost',
      by: 'system:lease-reaper',
      key: p.key,
    });
    if (lost.ok) return 'drop';
    const step = findByKey(lost.migration.steps, p.key);
    // Claimed but never started: nothing can have happened at the provider, run the same job again.
    const neverStarted =
      p.role === 'STEP' && step?.step.state === 'PENDING' && step.step.attempts + 1 === p.attempt;
    if (!neverStarted) this.logger.debug(`expired job for ${p.key} dropped: ${lost.reason}`);
    return neverStarted ? 'requeue' : 'drop';
  }

  private async runStep(
    row: MigrationRecordRow,
    step: MigrationStep,
    p: StepJobPayload,
    job: ClaimedJob,
    workerId: string,
  ): Promise<void> {
    if (step.state !== 'PENDING' || step.attempts + 1 !== p.attempt)
      return this.drop(job, workerId, `stale: ${p.key} is ${step.state} after ${step.attempts} attempt(s)`);
    const by = workerId;
    const started = await this.orchestrator.apply(row.id, { type: 'stepStarted', by, key: p.key });
    if (!started.ok) {
      if (started.code === 'NOT_DUE' && step.notBefore) {
        await this.jobs.postpone(job.id, workerId, new Date(step.notBefore));
        return;
      }
      return this.drop(job, workerId, started.reason);
    }
    const running = findByKey(started.migration.steps, p.key)!.step;
    const route = STEP_ROUTE[running.kind];
    const outcome = await this.call(row, started.migration, running, route, p.key, running.attempts).then(
      (output): MigrationEvent => ({ type: 'stepSucceeded', by, key: p.key, output }),
      (error: unknown): MigrationEvent => ({
        type: 'stepFailed',
        by,
        key: p.key,
        error: messageOf(error),
        retryable: !(error instanceof ProviderError) || error.retryable,
      }),
    );
    await this.report(row.id, outcome, job, workerId);
  }

  private async runCompensation(
    row: MigrationRecordRow,
    step: MigrationStep,
    p: StepJobPayload,
    job: ClaimedJob,
    workerId: string,
  ): Promise<void> {
    const m = row.record;
    if (
      !UNWINDING.includes(m.state) ||
      step.state !== 'COMPENSATING' ||
      step.compensationAttempts !== p.attempt
    )
      return this.drop(job, workerId, `stale: ${p.key} while ${m.state}, step ${step.state}`);
    if (step.notBefore && Date.parse(step.notBefore) > Date.now()) {
      await this.jobs.postpone(job.id, workerId, new Date(step.notBefore));
      return;
    }
    const by = workerId;
    const route = COMPENSATION_ROUTE[step.compensation!];
    const undoes = { key: step.key, output: p.stepOutput ?? step.output };
    const outcome = await this.call(row, m, step, route, p.key, p.attempt, undoes).then(
      (): MigrationEvent => ({ type: 'compensationSucceeded', by, key: p.key }),
      (error: unknown): MigrationEvent => ({
        type: 'compensationFailed',
        by,
        key: p.key,
        error: messageOf(error),
        retryable: !(error instanceof ProviderError) || error.retryable,
      }),
    );
    await this.report(row.id, outcome, job, workerId);
  }

  private async call(
    row: MigrationRecordRow,
    m: Migration,
    step: MigrationStep,
    route: (typeof STEP_ROUTE)[StepKind],
    key: string,
    attempt: number,
    undoes?: StepCall['undoes'],
  ): Promise<StepOutput> {
    const plan = await this.planOf(row.id);
    const providerId = route.side === 'source' ? plan.source.providerId : plan.target.providerId;
    const driver = await this.providers.driverFor(providerId);
    const outputs: Partial<Record<StepKind, StepOutput>> = {};
    for (const s of m.steps) if (s.component === step.component && s.output) outputs[s.kind] = s.output;
    const component = plan.components.find((c) => c.name === step.component)!;
    const resource = plan.source.resources[step.component];
    const call: StepCall = {
      key,
      migrationId: row.id,
      attempt,
      component,
      source: {
        providerId: plan.source.providerId,
        regionCode: plan.source.regionCode,
        resourceId: resource?.resourceId ?? null,
        address: resource?.address ?? null,
      },
      target: {
        providerId: plan.target.providerId,
        regionCode: plan.target.regionCode,
        resourceId:
          typeof outputs.start_target?.resourceId === 'string' ? outputs.start_target.resourceId : null,
        address: typeof outputs.start_target?.address === 'string' ? outputs.start_target.address : null,
      },
      params: step.params,
      outputs,
      undoes,
    };
    return driver[route.method](call);
  }

  /** A plan never changes once made: workers keep the recent ones instead of re-reading them per step. */
  private async planOf(id: string): Promise<StoredPlan> {
    const cached = this.plans.get(id);
    if (cached) return cached;
    const plan = await this.migrations.findPlan(null, id);
    if (this.plans.size >= 10_000) this.plans.delete(this.plans.keys().next().value!);
    this.plans.set(id, plan);
    return plan;
  }

  private async report(
    id: string,
    outcome: MigrationEvent,
    job: ClaimedJob,
    workerId: string,
  ): Promise<void> {
    const reported = await this.orchestrator.apply(id, outcome, { job: { id: job.id, workerId } });
    if (!reported.ok) await this.drop(job, workerId, `${outcome.type} not accepted: ${reported.reason}`);
  }

  private async drop(job: ClaimedJob, workerId: string, why: string): Promise<void> {
    this.logger.debug(`job ${job.id} dropped: ${why}`);
    await this.jobs.finish(null, job.id, workerId, 'dropped', why);
  }
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}
