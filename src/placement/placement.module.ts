import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { WorkloadsModule } from '../workloads/workloads.module.js';
import { PlacementComponentResolver, PlacementResolver } from './graphql/placement.resolver.js';
import { PlacementCatalogRepository } from './placement-catalog.repository.js';
import { PlacementSnapshotService } from './placement-snapshot.service.js';
import { PlacementService } from './placement.service.js';

@Module({
  imports: [CatalogModule, WorkloadsModule],
  providers: [
    PlacementCatalogRepository,
    PlacementSnapshotService,
    PlacementService,
    PlacementResolver,
    PlacementComponentResolver,
  ],
  exports: [PlacementService, PlacementSnapshotService],
})
export class PlacementModule {}
