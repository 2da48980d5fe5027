import type { Effect, StepOutput, StepParams } from '../domain/migration/migration-types.js';
import type { NewJob } from '../queue/job-queue.js';

export const MIGRATION_QUEUE = 'migration-steps';

/** One durable job: one attempt of one step, or of one compensation. */
export interface StepJobPayload {
  readonly migrationId: string;
  readonly role: 'STEP' | 'COMPENSATION';
  readonly key: string;
  readonly operation: string;
  readonly component: string;
  readonly attempt: number;
  readonly params?: StepParams;
  /** A compensation carries the output of the step it undoes. */
  readonly stepOutput?: StepOutput | null;
}

/** enqueueStep / enqueueCompensation effects → jobs that start at `notBefore`. */
export function jobsOf(migrationId: string, effects: readonly Effect[]): NewJob[] {
  const jobs: NewJob[] = [];
  for (const e of effects) {
    if (e.type === 'enqueueStep') {
      const payload: StepJobPayload = {
        migrationId,
        role: 'STEP',
        key: e.key,
        operation: e.kind,
        component: e.component,
        attempt: e.attempt,
        params: e.params,
      };
      jobs.push(job(payload, e.notBefore));
    } else if (e.type === 'enqueueCompensation') {
      const payload: StepJobPayload = {
        migrationId,
        role: 'COMPENSATION',
        key: e.key,
        operation: e.compensation,
        component: e.component,
        attempt: e.attempt,
        stepOutput: e.stepOutput,
      };
      jobs.push(job(payload, e.notBefore));
    }
  }
  return jobs;
}

function job(payload: StepJobPayload, notBefore: string): NewJob {
  return {
    queue: MIGRATION_QUEUE,
    payload: payload as unknown as Record<string, unknown>,
    runAfter: new Date(notBefore),
    dedupeKey: `${payload.key}#${payload.attempt}`,
  };
}
