import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { GraphqlContext } from '../../auth/role.guard.js';
import { RequireRole } from '../../auth/roles.decorator.js';
import { actorOf } from '../../workloads/workload.resolver.js';
import { BudgetService } from '../budget.service.js';
import { toBudget, toBudgetAlert, toBudgetEvaluation, toBudgetSpec } from './finance.mapper.js';
import { Budget, BudgetAlert, BudgetEvaluation, BudgetInput } from './budget.types.js';

@Resolver(() => Budget)
export class BudgetResolver {
  constructor(private readonly service: BudgetService) {}

  @Query(() => [Budget], { description: "The tenant's monthly budgets" })
  async budgets(@Context() context: GraphqlContext): Promise<Budget[]> {
    return (await this.service.list(actorOf(context))).map(toBudget);
  }

  @Query(() => Budget)
  async budget(
    @Args('id', { type: () => ID }) id: string,
    @Context() context: GraphqlContext,
  ): Promise<Budget> {
    return toBudget(await this.service.get(actorOf(context), id));
  }

  @Query(() => [BudgetAlert], { description: 'Alerts raised, newest first' })
  async budgetAlerts(
    @Args('budgetId', { type: () => ID, nullable: true }) budgetId: string | null,
    @Args('limit', { type: () => Int, defaultValue: 100 }) limit: number,
    @Context() context: GraphqlContext,
  ): Promise<BudgetAlert[]> {
    return (await this.service.alerts(actorOf(context), budgetId, Math.min(Math.max(limit, 1), 1000))).map(
      toBudgetAlert,
    );
  }

  @RequireRole('operator')
  @Mutation(() => Budget)
  async createBudget(@Args('input') input: BudgetInput, @Context() context: GraphqlContext): Promise<Budget> {
    return toBudget(await this.service.create(actorOf(context), toBudgetSpec(input)));
  }

  @RequireRole('operator')
  @Mutation(() => Budget)
  async updateBudget(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: BudgetInput,
    @Context() context: GraphqlContext,
  ): Promise<Budget> {
    return toBudget(await this.service.update(actorOf(context), id, toBudgetSpec(input)));
  }

  @RequireRole('operator')
  @Mutation(() => Boolean)
  async deleteBudget(
    @Args('id', { type: () => ID }) id: string,
    @Context() context: GraphqlContext,
  ): Promise<boolean> {
    return this.service.delete(actorOf(context), id);
  }

  @RequireRole('operator')
  @Mutation(() => [BudgetEvaluation], {
    description:
      "Evaluates the tenant's budgets now against spend to date and forecast; new alerts are stored once",
  })
  async evaluateBudgets(@Context() context: GraphqlContext): Promise<BudgetEvaluation[]> {
    return (await this.service.evaluateForTenant(actorOf(context))).map(toBudgetEvaluation);
  }
}
