import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Migration, MigrationState, TransitionRecord } from '../domain/migration/migration-types.js';
import { TERMINAL } from '../domain/migration/migration-state-machine.js';
import { MigrationEntity, MigrationTransitionEntity } from './migration.entity.js';
import { returningRows } from '../database/returning-rows.js';

export interface MigrationListFilter {
  readonly workloadId?: string | null;
  readonly states?: readonly MigrationState[] | null;
  readonly limit: number;
}

/** The states in which workers still have something to do. */
export const ACTIVE_STATES: readonly MigrationState[] = ['RUNNING', 'CUTOVER', 'CANCELLING', 'ROLLING_BACK'];

export type MigrationRecordRow = Pick<
  MigrationEntity,
  'id' | 'tenant' | 'workloadId' | 'state' | 'version' | 'record'
>;

@Injectable()
export class MigrationRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(MigrationEntity);
  }

  async insertPlanned(entity: Omit<MigrationEntity, 'finishedAt'>, first: TransitionRecord): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await this.repo(m).insert(Object.assign(new MigrationEntity(), entity, { finishedAt: null }) as never);
      await this.appendTransitions(m, [first]);
    });
  }

  findById(id: string): Promise<MigrationEntity | null> {
    return this.repo().findOne({ where: { id } });
  }

  findForTenant(tenant: string, id: string): Promise<MigrationEntity | null> {
    return this.repo().findOne({ where: { tenant, id } });
  }

  listForTenant(tenant: string, filter: MigrationListFilter): Promise<MigrationEntity[]> {
    return this.repo().find({
      where: {
        tenant,
        ...(filter.workloadId ? { workloadId: filter.workloadId } : {}),
        ...(filter.states?.length ? { state: In([...filter.states]) } : {}),
      },
      order: { createdAt: 'DESC' },
      take: filter.limit,
    });
  }

  /** What a transition needs, without the (large) plan: read on every event. */
  async findRecord(id: string, tenant?: string): Promise<MigrationRecordRow | null> {
    const [row] = await this.dataSource.query<MigrationRecordRow[]>(
      `SELECT id, tenant, workload_id AS "workloadId", state, version, record FROM migrations
       WHERE id = $1 AND ($2::text IS NULL OR tenant = $2)`,
      [id, tenant ?? null],
    );
    return row ?? null;
  }

  async findPlan(m: EntityManager | null, id: string): Promise<MigrationEntity['plan']> {
    const [row] = await (m ?? this.dataSource.manager).query<{ plan: MigrationEntity['plan'] }[]>(
      `SELECT plan FROM migrations WHERE id = $1`,
      [id],
    );
    return row.plan;
  }

  async countActive(): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM migrations WHERE state = ANY($1::text[])`,
      [[...ACTIVE_STATES]],
    );
    return row?.n ?? 0;
  }

  listActive(): Promise<MigrationEntity[]> {
    return this.repo().find({ where: { state: In([...ACTIVE_STATES]) } });
  }

  /** The optimistic lock: saves only if nobody saved since `previousVersion` was read. */
  async saveIfVersion(m: EntityManager, previousVersion: number, next: Migration): Promise<boolean> {
    const rows = returningRows<unknown>(
      await m.query(
        `UPDATE migrations SET record = $3::jsonb, version = $4, state = $5, updated_at = $6::timestamptz,
              finished_at = CASE WHEN $7 THEN $6::timestamptz ELSE NULL END
       WHERE id = $1 AND version = $2 RETURNING id`,
        [
          next.id,
          previousVersion,
          JSON.stringify(next),
          next.version,
          next.state,
          next.updatedAt,
          TERMINAL.includes(next.state),
        ],
      ),
    );
    return rows.length > 0;
  }

  async appendTransitions(m: EntityManager, records: readonly TransitionRecord[]): Promise<void> {
    if (records.length === 0) return;
    await m.getRepository(MigrationTransitionEntity).insert(
      records.map((r) => ({
        migrationId: r.migrationId,
        at: new Date(r.at),
        by: r.by,
        event: r.event,
        fromState: r.from,
        toState: r.to,
        stepKey: r.stepKey,
        stepFrom: r.stepFrom,
        stepTo: r.stepTo,
        reason: r.reason,
      })),
    );
  }

  transitionsOf(migrationId: string): Promise<MigrationTransitionEntity[]> {
    return this.dataSource
      .getRepository(MigrationTransitionEntity)
      .find({ where: { migrationId }, order: { id: 'ASC' } });
  }

  async transitionsOfMany(migrationIds: readonly string[]): Promise<MigrationTransitionEntity[]> {
    if (migrationIds.length === 0) return [];
    return this.dataSource
      .getRepository(MigrationTransitionEntity)
      .find({ where: { migrationId: In([...migrationIds]) }, order: { id: 'ASC' } });
  }
}
