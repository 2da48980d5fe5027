import { Module } from '@nestjs/common';
import { DeploymentsModule } from '../deployments/deployments.module.js';
import { PlacementModule } from '../placement/placement.module.js';
import { ProvidersModule } from '../providers/providers.module.js';
import { QueueModule } from '../queue/queue.module.js';
import { WorkloadsModule } from '../workloads/workloads.module.js';
import { MigrationResolver } from './graphql/migration.resolver.js';
import { MigrationEventsService } from './migration-events.service.js';
import { MigrationOrchestrator } from './migration-orchestrator.service.js';
import { MigrationPlanner } from './migration-planner.service.js';
import { MigrationStepRunner } from './migration-step-runner.js';
import { MigrationWorkerHost } from './migration-worker.host.js';
import { MigrationRepository } from './migration.repository.js';
import { MigrationService } from './migration.service.js';
import { NetworkFactsRepository } from './network-facts.repository.js';

@Module({
  imports: [WorkloadsModule, DeploymentsModule, PlacementModule, ProvidersModule, QueueModule],
  providers: [
    MigrationRepository,
    NetworkFactsRepository,
    MigrationEventsService,
    MigrationOrchestrator,
    MigrationPlanner,
    MigrationStepRunner,
    MigrationWorkerHost,
    MigrationService,
    MigrationResolver,
  ],
  exports: [
    MigrationService,
    MigrationWorkerHost,
    MigrationOrchestrator,
    MigrationEventsService,
    NetworkFactsRepository,
  ],
})
export class MigrationModule {}
