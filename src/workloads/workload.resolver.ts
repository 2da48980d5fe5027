import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequireRole } from '../auth/roles.decorator.js';
import type { GraphqlContext } from '../auth/role.guard.js';
import { toSpec, toWorkload } from './workload.mapper.js';
import { WorkloadInput } from './workload.inputs.js';
import { WorkloadService, type Actor } from './workload.service.js';
import { Workload } from './workload.types.js';

export function actorOf(context: GraphqlContext): Actor {
  return {
    tenant: context.principal?.tenant ?? 'default',
    name: context.principal ? `apikey:${context.principal.name}` : 'anonymous',
  };
}

@Resolver(() => Workload)
export class WorkloadResolver {
  constructor(private readonly service: WorkloadService) {}

  @Query(() => [Workload], { description: "The tenant's workloads" })
  async workloads(@Context() context: GraphqlContext): Promise<Workload[]> {
    return (await this.service.list(actorOf(context))).map(toWorkload);
  }

  @Query(() => Workload)
  async workload(
    @Args('id', { type: () => ID }) id: string,
    @Context() context: GraphqlContext,
  ): Promise<Workload> {
    return toWorkload(await this.service.get(actorOf(context), id));
  }

  @RequireRole('operator')
  @Mutation(() => Workload)
  async createWorkload(
    @Args('input') input: WorkloadInput,
    @Context() context: GraphqlContext,
  ): Promise<Workload> {
    return toWorkload(await this.service.create(actorOf(context), toSpec(input)));
  }

  @RequireRole('operator')
  @Mutation(() => Workload)
  async updateWorkload(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: WorkloadInput,
    @Context() context: GraphqlContext,
  ): Promise<Workload> {
    return toWorkload(await this.service.update(actorOf(context), id, toSpec(input)));
  }

  @RequireRole('operator')
  @Mutation(() => Boolean)
  async deleteWorkload(
    @Args('id', { type: () => ID }) id: string,
    @Context() context: GraphqlContext,
  ): Promise<boolean> {
    return this.service.delete(actorOf(context), id);
  }
}
