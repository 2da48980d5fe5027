import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors.js';
import { progressOf } from '../domain/migration/migration-record.js';
import type { ActorRole, MigrationState, MigrationStrategy } from '../domain/migration/migration-types.js';
import type { PlacementTarget } from '../placement/placement-target.js';
import type { Actor } from '../workloads/workload.service.js';
import type { MigrationEntity, MigrationTransitionEntity } from './migration.entity.js';
import { MigrationRepository } from './migration.repository.js';
import { MigrationEventsService, type ProgressEvent } from './migration-events.service.js';
import { MigrationOrchestrator } from './migration-orchestrator.service.js';
import { MigrationPlanner } from './migration-planner.service.js';

/** Who acts: a tenant, a name for the record ("apikey:ops", "system:overspill") and a role. */
export interface MigrationActor extends Actor {
  readonly role: ActorRole;
}

export interface MigrationFilter {
  readonly workloadId?: string | null;
  readonly states?: readonly MigrationState[] | null;
  readonly limit?: number | null;
}

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/**
 * The one entry point for people and automation: plan, approve, start, cancel, rollback,
 * resume, read. Every command is an event for the state machine, recorded with its actor.
 */
@Injectable()
export class MigrationService {
  constructor(
    private readonly planner: MigrationPlanner,
    private readonly orchestrator: MigrationOrchestrator,
    private readonly migrations: MigrationRepository,
    private readonly events: MigrationEventsService,
  ) {}

  plan(
    actor: MigrationActor,
    workloadId: string,
    target: PlacementTarget,
    strategy?: MigrationStrategy,
  ): Promise<MigrationEntity> {
    return this.planner.plan(actor, { workloadId, target, strategy });
  }

  approve(actor: MigrationActor, id: string): Promise<MigrationEntity> {
    return this.command(actor, id, { type: 'approve', by: actor.name, role: actor.role });
  }

  start(actor: MigrationActor, id: string): Promise<MigrationEntity> {
    return this.command(actor, id, { type: 'start', by: actor.name });
  }

  cancel(actor: MigrationActor, id: string): Promise<MigrationEntity> {
    return this.command(actor, id, { type: 'cancel', by: actor.name });
  }

  rollback(actor: MigrationActor, id: string): Promise<MigrationEntity> {
    return this.command(actor, id, { type: 'rollback', by: actor.name });
  }

  resume(actor: MigrationActor, id: string): Promise<MigrationEntity> {
    return this.command(actor, id, { type: 'resume', by: actor.name });
  }

  async get(actor: Actor, id: string): Promise<MigrationEntity> {
    const row = isUuid(id) ? await this.migrations.findForTenant(actor.tenant, id) : null;
    if (!row) throw new NotFoundError(`migration ${id} not found`, { id });
    return row;
  }

  list(actor: Actor, filter: MigrationFilter = {}): Promise<MigrationEntity[]> {
    return this.migrations.listForTenant(actor.tenant, {
      workloadId: filter.workloadId,
      states: filter.states,
      limit: Math.min(Math.max(filter.limit ?? 100, 1), 500),
    });
  }

  transitions(migrationId: string): Promise<MigrationTransitionEntity[]> {
    return this.migrations.transitionsOf(migrationId);
  }

  transitionsOfMany(migrationIds: readonly string[]): Promise<MigrationTransitionEntity[]> {
    return this.migrations.transitionsOfMany(migrationIds);
  }

  /** Progress events of one migration, starting with where it stands now. */
  async progress(actor: Actor, id: string): Promise<AsyncIterableIterator<ProgressEvent>> {
    const row = await this.get(actor, id);
    const live = this.events.subscribe(id);
    const first: ProgressEvent = { ...progressOf(row.record), at: row.record.updatedAt };
    let sentFirst = false;
    const iterator: AsyncIterableIterator<ProgressEvent> = {
      next: () => {
        if (!sentFirst) {
          sentFirst = true;
          return Promise.resolve({ value: first, done: false });
        }
        return live.next();
      },
      return: () => live.return!(),
      throw: (error: unknown) => live.throw!(error),
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  private async command(
    actor: MigrationActor,
    id: string,
    event: Parameters<MigrationOrchestrator['command']>[2],
  ): Promise<MigrationEntity> {
    await this.get(actor, id);
    return this.orchestrator.command(actor.tenant, id, event);
  }
}
