import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { DeploymentEntity } from './deployment.entity.js';

export type NewDeployment = Omit<DeploymentEntity, 'createdAt' | 'endedAt'>;

/** Where workload components run. Moves end the running rows and start new ones at one instant. */
@Injectable()
export class DeploymentRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(DeploymentEntity);
  }

  findRunning(workloadId: string, manager?: EntityManager): Promise<DeploymentEntity[]> {
    return this.repo(manager).find({
      where: { workloadId, endedAt: IsNull() },
      order: { component: 'ASC' },
    });
  }

  /** A migration between start and its final state owns the workload's deployment rows. */
  async migrationInFlight(workloadId: string): Promise<string | null> {
    const [row] = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM migrations WHERE workload_id = $1
         AND state IN ('RUNNING', 'CUTOVER', 'FAILED', 'CANCELLING', 'ROLLING_BACK') LIMIT 1`,
      [workloadId],
    );
    return row?.id ?? null;
  }

  listForWorkload(tenant: string, workloadId: string): Promise<DeploymentEntity[]> {
    return this.repo().find({
      where: { tenant, workloadId },
      order: { startedAt: 'DESC', component: 'ASC' },
    });
  }

  /** Ends the running rows of these components at `at` and starts `next` at the same instant. */
  async replaceRunning(
    manager: EntityManager,
    workloadId: string,
    components: readonly string[],
    next: readonly NewDeployment[],
    at: Date,
  ): Promise<DeploymentEntity[]> {
    if (components.length > 0) {
      await manager.query(
        `UPDATE deployments SET ended_at = $3::timestamptz
         WHERE workload_id = $1 AND component = ANY($2::text[]) AND ended_at IS NULL`,
        [workloadId, components, at.toISOString()],
      );
    }
    const repo = this.repo(manager);
    return repo.save(next.map((d) => repo.create({ ...d, endedAt: null })));
  }
}
