import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { GraphqlContext } from '../../auth/role.guard.js';
import { RequireRole } from '../../auth/roles.decorator.js';
import { actorOf } from '../../workloads/workload.resolver.js';
import { OverspillPolicyService } from '../overspill-policy.service.js';
import { OverspillPolicyInput } from './overspill.inputs.js';
import { toPolicy, toPolicySpec } from './overspill.mapper.js';
import { OverspillPolicy } from './overspill.types.js';

@Resolver(() => OverspillPolicy)
export class OverspillPolicyResolver {
  constructor(private readonly service: OverspillPolicyService) {}

  @RequireRole('operator')
  @Query(() => [OverspillPolicy], { description: "The tenant's overspill policies, by site" })
  async overspillPolicies(@Context() context: GraphqlContext): Promise<OverspillPolicy[]> {
    return (await this.service.list(actorOf(context))).map(toPolicy);
  }

  @RequireRole('operator')
  @Mutation(() => OverspillPolicy, { description: 'One policy per on-prem site; scheduled at once' })
  async createOverspillPolicy(
    @Args('input', { type: () => OverspillPolicyInput }) input: OverspillPolicyInput,
    @Context() context: GraphqlContext,
  ): Promise<OverspillPolicy> {
    return toPolicy(await this.service.create(actorOf(context), toPolicySpec(input)));
  }

  @RequireRole('operator')
  @Mutation(() => OverspillPolicy, {
    description: 'Replaces the policy; dwell counting restarts, cooldown and hourly moves carry over',
  })
  async updateOverspillPolicy(
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => OverspillPolicyInput }) input: OverspillPolicyInput,
    @Context() context: GraphqlContext,
  ): Promise<OverspillPolicy> {
    return toPolicy(await this.service.update(actorOf(context), id, toPolicySpec(input)));
  }

  @RequireRole('operator')
  @Mutation(() => Boolean, { description: 'Refused while any of its bursts is out or moving' })
  async deleteOverspillPolicy(
    @Args('id', { type: () => ID }) id: string,
    @Context() context: GraphqlContext,
  ): Promise<boolean> {
    return this.service.delete(actorOf(context), id);
  }
}
