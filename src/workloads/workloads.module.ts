import { Module } from '@nestjs/common';
import { WorkloadRepository } from './workload.repository.js';
import { WorkloadResolver } from './workload.resolver.js';
import { WorkloadService } from './workload.service.js';

@Module({
  providers: [WorkloadRepository, WorkloadService, WorkloadResolver],
  exports: [WorkloadService, WorkloadRepository],
})
export class WorkloadsModule {}
