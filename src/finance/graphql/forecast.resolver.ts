import { Args, Context, Int, Query, Resolver } from '@nestjs/graphql';
import type { GraphqlContext } from '../../auth/role.guard.js';
import { actorOf } from '../../workloads/workload.resolver.js';
import { ForecastService } from '../forecast.service.js';
import { SavingsService } from '../savings.service.js';
import { toDeploymentPriceChange, toForecast, toWorkloadSavings } from './finance.mapper.js';
import { DeploymentPriceChange, Forecast, WorkloadSavings } from './forecast.types.js';

@Resolver()
export class ForecastResolver {
  constructor(
    private readonly forecasts: ForecastService,
    private readonly savingsService: SavingsService,
  ) {}

  @Query(() => Forecast, {
    description: 'Expected spend of the running deployments, month by month (1–36 months)',
  })
  async forecast(
    @Args('months', { type: () => Int }) months: number,
    @Context() context: GraphqlContext,
  ): Promise<Forecast> {
    return toForecast(await this.forecasts.forecast(actorOf(context), months));
  }

  @Query(() => [DeploymentPriceChange], {
    description:
      'Running deployments whose catalog price changed since they started, largest monthly increase first',
  })
  async priceChangesAffectingDeployments(
    @Context() context: GraphqlContext,
  ): Promise<DeploymentPriceChange[]> {
    return (await this.forecasts.priceChanges(actorOf(context))).map(toDeploymentPriceChange);
  }

  @Query(() => [WorkloadSavings], {
    description:
      "Each running workload's monthly cost against its best placement now, with the move's one-off cost and payback",
  })
  async savings(@Context() context: GraphqlContext): Promise<WorkloadSavings[]> {
    return (await this.savingsService.savings(actorOf(context))).map(toWorkloadSavings);
  }
}
