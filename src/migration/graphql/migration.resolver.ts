import {
  Args,
  Context,
  ID,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
  Subscription,
} from '@nestjs/graphql';
import DataLoader from 'dataloader';
import type { GraphqlContext } from '../../auth/role.guard.js';
import { RequireRole } from '../../auth/roles.decorator.js';
import { PlacementTargetInput, toPlacementTarget } from '../../deployments/deployment.inputs.js';
import type { MigrationStrategy } from '../../domain/migration/migration-types.js';
import { actorOf } from '../../workloads/workload.resolver.js';
import type { MigrationTransitionEntity } from '../migration.entity.js';
import type { ProgressEvent } from '../migration-events.service.js';
import { MigrationService, type MigrationActor } from '../migration.service.js';
import { MigrationFilterInput } from './migration.inputs.js';
import { toMigration, toProgress, toTransition } from './migration.mapper.js';
import {
  Migration,
  MigrationProgress,
  MigrationStrategyEnum,
  MigrationTransition,
} from './migration.types.js';

export function migrationActorOf(context: GraphqlContext): MigrationActor {
  return { ...actorOf(context), role: context.principal?.role ?? 'reader' };
}

type LoaderContext = GraphqlContext & { transitionLoader?: DataLoader<string, MigrationTransitionEntity[]> };

@Resolver(() => Migration)
export class MigrationResolver {
  constructor(private readonly service: MigrationService) {}

  @Query(() => Migration)
  async migration(
    @Args('id', { type: () => ID }) id: string,
    @Context() context: GraphqlContext,
  ): Promise<Migration> {
    return toMigration(await this.service.get(actorOf(context), id));
  }

  @Query(() => [Migration], { description: "The tenant's migrations, newest first" })
  async migrations(
    @Args('filter', { type: () => MigrationFilterInput, nullable: true }) filter: MigrationFilterInput | null,
    @Context() context: GraphqlContext,
  ): Promise<Migration[]> {
    return (await this.service.list(actorOf(context), filter ?? {})).map(toMigration);
  }

  @RequireRole('operator')
  @Mutation(() => Migration, {
    description: 'Plans moving a workload from where it runs to the target (PLANNED)',
  })
  async planMigration(
    @Args('workloadId', { type: () => ID }) workloadId: string,
    @Args('target', { type: () => PlacementTargetInput }) target: PlacementTargetInput,
    @Args('strategy', { type: () => MigrationStrategyEnum, nullable: true })
    strategy: MigrationStrategy | null,
    @Context() context: GraphqlContext,
  ): Promise<Migration> {
    return toMigration(
      await this.service.plan(
        migrationActorOf(context),
        workloadId,
        toPlacementTarget(target),
        strategy ?? undefined,
      ),
    );
  }

  @RequireRole('operator')
  @Mutation(() => Migration, {
    description: 'Operator approval; above the configured one-off cost, admin only',
  })
  async approveMigration(@Args('id', { type: () => ID }) id: string, @Context() context: GraphqlContext) {
    return toMigration(await this.service.approve(migrationActorOf(context), id));
  }

  @RequireRole('operator')
  @Mutation(() => Migration)
  async startMigration(@Args('id', { type: () => ID }) id: string, @Context() context: GraphqlContext) {
    return toMigration(await this.service.start(migrationActorOf(context), id));
  }

  @RequireRole('operator')
  @Mutation(() => Migration, {
    description: 'Before cutover: undo every started step; the source keeps serving',
  })
  async cancelMigration(@Args('id', { type: () => ID }) id: string, @Context() context: GraphqlContext) {
    return toMigration(await this.service.cancel(migrationActorOf(context), id));
  }

  @RequireRole('operator')
  @Mutation(() => Migration, { description: 'After cutover or a failure, until decommission starts' })
  async rollbackMigration(@Args('id', { type: () => ID }) id: string, @Context() context: GraphqlContext) {
    return toMigration(await this.service.rollback(migrationActorOf(context), id));
  }

  @RequireRole('operator')
  @Mutation(() => Migration, { description: 'Retries the failed step with a fresh attempt budget' })
  async resumeMigration(@Args('id', { type: () => ID }) id: string, @Context() context: GraphqlContext) {
    return toMigration(await this.service.resume(migrationActorOf(context), id));
  }

  @ResolveField(() => [MigrationTransition])
  async transitions(
    @Parent() migration: Migration,
    @Context() context: LoaderContext,
  ): Promise<MigrationTransition[]> {
    context.transitionLoader ??= new DataLoader(async (ids: readonly string[]) => {
      const all = await this.service.transitionsOfMany(ids);
      return ids.map((id) => all.filter((t) => t.migrationId === id));
    });
    return (await context.transitionLoader.load(migration.id)).map(toTransition);
  }

  @Subscription(() => MigrationProgress, {
    description: "A migration's progress: where it stands now, then every change",
    resolve: (event: ProgressEvent) => toProgress(event),
  })
  async migrationProgress(
    @Args('id', { type: () => ID }) id: string,
    @Context() context: GraphqlContext,
  ): Promise<AsyncIterableIterator<ProgressEvent>> {
    return this.service.progress(actorOf(context), id);
  }
}
