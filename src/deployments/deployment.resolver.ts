import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { GraphqlContext } from '../auth/role.guard.js';
import { RequireRole } from '../auth/roles.decorator.js';
import { actorOf } from '../workloads/workload.resolver.js';
import { PlacementTargetInput, toPlacementTarget } from './deployment.inputs.js';
import { toDeployment } from './deployment.mapper.js';
import { DeploymentService } from './deployment.service.js';
import { Deployment } from './deployment.types.js';

@Resolver(() => Deployment)
export class DeploymentResolver {
  constructor(private readonly service: DeploymentService) {}

  @Query(() => [Deployment], {
    description: "A workload's deployments, running ones (endedAt null) and past",
  })
  async deployments(
    @Args('workloadId', { type: () => ID }) workloadId: string,
    @Context() context: GraphqlContext,
  ): Promise<Deployment[]> {
    return (await this.service.history(actorOf(context), workloadId)).map(toDeployment);
  }

  @RequireRole('operator')
  @Mutation(() => [Deployment], {
    description: 'Records where a workload already runs, priced at the target, without moving anything',
  })
  async deployWorkload(
    @Args('workloadId', { type: () => ID }) workloadId: string,
    @Args('target', { type: () => PlacementTargetInput }) target: PlacementTargetInput,
    @Context() context: GraphqlContext,
  ): Promise<Deployment[]> {
    return (await this.service.recordExisting(actorOf(context), workloadId, toPlacementTarget(target))).map(
      toDeployment,
    );
  }
}
