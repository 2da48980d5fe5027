import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { WorkloadEntity } from './workload.entity.js';

@Injectable()
export class WorkloadRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(WorkloadEntity);
  }

  insert(workload: Omit<WorkloadEntity, 'createdAt' | 'updatedAt'>): Promise<WorkloadEntity> {
    return this.repo.save(this.repo.create(workload));
  }

  findForTenant(tenant: string, id: string): Promise<WorkloadEntity | null> {
    return this.repo.findOne({ where: { tenant, id } });
  }

  findByIds(ids: readonly string[]): Promise<WorkloadEntity[]> {
    return ids.length ? this.repo.find({ where: { id: In([...ids]) } }) : Promise.resolve([]);
  }

  listForTenant(tenant: string): Promise<WorkloadEntity[]> {
    return this.repo.find({ where: { tenant }, order: { name: 'ASC' } });
  }

  nameTaken(tenant: string, name: string, exceptId?: string): Promise<boolean> {
    return this.repo
      .createQueryBuilder('w')
      .where('w.tenant = :tenant AND w.name = :name', { tenant, name })
      .andWhere(exceptId ? 'w.id <> :exceptId' : 'TRUE', { exceptId })
      .getExists();
  }

  async replace(workload: WorkloadEntity): Promise<WorkloadEntity> {
    await this.repo.update(
      { id: workload.id, tenant: workload.tenant },
      {
        name: workload.name,
        description: workload.description,
        spec: workload.spec,
        burstable: workload.burstable,
        priority: workload.priority,
        tags: workload.tags,
        revision: workload.revision,
        updatedAt: new Date(),
      },
    );
    return (await this.findForTenant(workload.tenant, workload.id))!;
  }

  async delete(tenant: string, id: string): Promise<boolean> {
    const result = await this.repo.delete({ tenant, id });
    return (result.affected ?? 0) > 0;
  }
}
