import { Args, Context, Float, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { GraphqlContext } from '../../auth/role.guard.js';
import { RequireRole } from '../../auth/roles.decorator.js';
import { actorOf } from '../../workloads/workload.resolver.js';
import { OverspillStatusService } from '../overspill-status.service.js';
import { OverspillService } from '../overspill.service.js';
import { SiteLoadService } from '../site-load.service.js';
import { toDecision, toSiteLoad, toSiteStatus } from './overspill.mapper.js';
import { OverspillDecision, OverspillSiteStatus, SimulatedSiteLoad } from './overspill.types.js';

@Resolver(() => OverspillDecision)
export class OverspillResolver {
  constructor(
    private readonly overspill: OverspillService,
    private readonly statuses: OverspillStatusService,
    private readonly loads: SiteLoadService,
  ) {}

  @Query(() => [OverspillDecision], {
    description: "A policy's decisions with tickAt in [from, to], oldest first",
  })
  async overspillDecisions(
    @Args('policyId', { type: () => ID }) policyId: string,
    @Args('from', { type: () => Date, nullable: true }) from: Date | null,
    @Args('to', { type: () => Date, nullable: true }) to: Date | null,
    @Args('limit', { type: () => Int, defaultValue: 1000 }) limit: number,
    @Context() context: GraphqlContext,
  ): Promise<OverspillDecision[]> {
    return (await this.overspill.decisionsOf(actorOf(context), policyId, from, to, limit)).map(toDecision);
  }

  @Query(() => OverspillSiteStatus, {
    description: 'A site now: utilisation, bursts with leases and cost per day, last decision, leaks',
  })
  async overspillStatus(
    @Args('site', { type: () => ID }) site: string,
    @Context() context: GraphqlContext,
  ): Promise<OverspillSiteStatus> {
    return toSiteStatus(await this.statuses.status(actorOf(context), site));
  }

  @RequireRole('operator')
  @Mutation(() => OverspillDecision, {
    description: 'A tick now (logged like a scheduled one); in ENFORCE it moves what it decides',
  })
  async runOverspillTick(
    @Args('policyId', { type: () => ID }) policyId: string,
    @Context() context: GraphqlContext,
  ): Promise<OverspillDecision> {
    return toDecision(await this.overspill.runTick(actorOf(context), policyId));
  }

  @RequireRole('admin')
  @Mutation(() => SimulatedSiteLoad, {
    description:
      "Demos and tests: sets a simulated site's vCPU utilisation now (the part Cumulus does not manage is stored as background load). Refused in production.",
  })
  async simulateSiteLoad(
    @Args('site', { type: () => ID }) site: string,
    @Args('vcpuUtilization', { type: () => Float }) vcpuUtilization: number,
    @Context() context: GraphqlContext,
  ): Promise<SimulatedSiteLoad> {
    return toSiteLoad(await this.loads.simulate(actorOf(context), site, vcpuUtilization));
  }
}
