import { Args, ArgsType, Context, Field, Query, Resolver } from '@nestjs/graphql';
import type { GraphqlContext } from '../../auth/role.guard.js';
import { actorOf } from '../../workloads/workload.resolver.js';
import { SpendService, type SpendRequest } from '../spend.service.js';
import { CostBasisEnum, SpendDimensionEnum, SpendGranularityEnum } from './finance-enums.graphql.js';
import { SpendComparisonRow, SpendRow } from './spend.types.js';

@ArgsType()
export class SpendArgs {
  @Field(() => Date, { description: 'Charges starting at or after this instant' }) from!: Date;
  @Field(() => Date, { description: 'Charges starting before this instant (half-open)' }) to!: Date;
  @Field(() => [SpendDimensionEnum], {
    nullable: true,
    description: 'Default: no dimension (a total per period)',
  })
  groupBy?: SpendDimensionEnum[] | null;
  @Field(() => String, { nullable: true, description: 'The tag key grouped by with TAG' }) tagKey?:
    string | null;
  @Field(() => SpendGranularityEnum, { defaultValue: SpendGranularityEnum.MONTH })
  granularity!: SpendGranularityEnum;
  @Field(() => String, { nullable: true, description: 'Only rows billed in this currency (no conversion)' })
  currency?: string | null;
}

@ArgsType()
export class SpendBasisArgs extends SpendArgs {
  @Field(() => CostBasisEnum, { defaultValue: CostBasisEnum.ESTIMATED }) basis!: CostBasisEnum;
}

function toRequest(args: SpendArgs): SpendRequest {
  return {
    from: args.from,
    to: args.to,
    groupBy: args.groupBy ?? [],
    tagKey: args.tagKey ?? null,
    granularity: args.granularity,
    currency: args.currency ?? null,
  };
}

@Resolver()
export class SpendResolver {
  constructor(private readonly service: SpendService) {}

  @Query(() => [SpendRow], {
    description:
      'Spend from the ledger, grouped by period and dimensions, summed exactly (one SQL aggregate)',
  })
  async spend(@Args() args: SpendBasisArgs, @Context() context: GraphqlContext): Promise<SpendRow[]> {
    return this.service.spendOf(actorOf(context), toRequest(args), args.basis);
  }

  @Query(() => [SpendComparisonRow], {
    description: 'Estimated (accrued) and actual (imported) spend side by side, with actual − estimated',
  })
  async spendComparison(
    @Args() args: SpendArgs,
    @Context() context: GraphqlContext,
  ): Promise<SpendComparisonRow[]> {
    return this.service.comparison(actorOf(context), toRequest(args));
  }
}
