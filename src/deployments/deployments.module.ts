import { Module } from '@nestjs/common';
import { PlacementModule } from '../placement/placement.module.js';
import { WorkloadsModule } from '../workloads/workloads.module.js';
import { DeploymentRepository } from './deployment.repository.js';
import { DeploymentResolver } from './deployment.resolver.js';
import { DeploymentService } from './deployment.service.js';

@Module({
  imports: [WorkloadsModule, PlacementModule],
  providers: [DeploymentRepository, DeploymentService, DeploymentResolver],
  exports: [DeploymentService],
})
export class DeploymentsModule {}
