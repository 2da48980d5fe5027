import { Module } from '@nestjs/common';
import { MigrationModule } from '../migration/migration.module.js';
import { PlacementModule } from '../placement/placement.module.js';
import { ProvidersModule } from '../providers/providers.module.js';
import { ExternalPlacementFinder } from './external-placement.finder.js';
import { OverspillPolicyResolver } from './graphql/overspill-policy.resolver.js';
import { OverspillResolver } from './graphql/overspill.resolver.js';
import { LeakTerminator } from './leak-terminator.js';
import { OverspillBurstRepository } from './overspill-burst.repository.js';
import { OverspillDecisionRepository } from './overspill-decision.repository.js';
import { OverspillEnforcer } from './overspill-enforcer.service.js';
import { OverspillInputsService } from './overspill-inputs.service.js';
import { OverspillInventoryRepository } from './overspill-inventory.repository.js';
import { OverspillPolicyRepository } from './overspill-policy.repository.js';
import { OverspillPolicyService } from './overspill-policy.service.js';
import { OverspillScheduler } from './overspill-scheduler.service.js';
import { OverspillSiteRepository } from './overspill-site.repository.js';
import { OverspillStatusService } from './overspill-status.service.js';
import { OverspillTickService } from './overspill-tick.service.js';
import { OverspillService } from './overspill.service.js';
import { SiteLoadService } from './site-load.service.js';

/** Overspill policies, their cron ticks (one replica each), the decisions log, bursts with leases. */
@Module({
  imports: [PlacementModule, ProvidersModule, MigrationModule],
  providers: [
    OverspillPolicyRepository,
    OverspillDecisionRepository,
    OverspillBurstRepository,
    OverspillSiteRepository,
    OverspillInventoryRepository,
    ExternalPlacementFinder,
    OverspillInputsService,
    LeakTerminator,
    OverspillEnforcer,
    OverspillTickService,
    OverspillScheduler,
    OverspillPolicyService,
    OverspillStatusService,
    OverspillService,
    SiteLoadService,
    OverspillPolicyResolver,
    OverspillResolver,
  ],
  exports: [
    OverspillPolicyService,
    OverspillService,
    OverspillStatusService,
    OverspillScheduler,
    SiteLoadService,
  ],
})
export class OverspillModule {}
