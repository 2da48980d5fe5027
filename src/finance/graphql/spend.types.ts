import { Field, Int, ObjectType } from '@nestjs/graphql';
import { DecimalScalar } from '../../common/graphql-scalars.js';

@ObjectType({ description: 'The group a spend row sums; only the dimensions grouped by are set' })
export class SpendKey {
  @Field(() => String, { nullable: true, description: 'FOCUS ProviderName' }) provider!: string | null;
  @Field(() => String, { nullable: true, description: 'RegionId, else RegionName' }) region!: string | null;
  @Field(() => String, { nullable: true, description: 'Workload id (null for imported bills)' }) workload!:
    string | null;
  @Field(() => String, { nullable: true, description: 'FOCUS ServiceCategory, e.g. "Compute"' })
  serviceCategory!: string | null;
  @Field(() => String, { nullable: true, description: "The tag's value (tagKey); null when untagged" })
  tag!: string | null;
}

@ObjectType()
export class SpendRow {
  @Field(() => SpendKey) key!: SpendKey;
  @Field(() => String, { description: 'YYYY-MM-DD or YYYY-MM (UTC) of ChargePeriodStart' }) period!: string;
  @Field(() => DecimalScalar) billedCost!: string;
  @Field(() => DecimalScalar) effectiveCost!: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'Null when no row of the group has a ListCost' })
  listCost!: string | null;
  @Field(() => String, { description: 'BillingCurrency: currencies are never added together' })
  currency!: string;
  @Field(() => Int, { description: 'Ledger rows summed' }) rowCount!: number;
}

@ObjectType()
export class CostAmounts {
  @Field(() => DecimalScalar, { nullable: true }) billedCost!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) effectiveCost!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) listCost!: string | null;
}

@ObjectType({ description: 'Estimated and actual spend of one group side by side' })
export class SpendComparisonRow {
  @Field(() => SpendKey) key!: SpendKey;
  @Field(() => String) period!: string;
  @Field(() => String) currency!: string;
  @Field(() => CostAmounts, { description: 'Accrued by Cumulus (nulls: no estimated rows)' })
  estimated!: CostAmounts;
  @Field(() => CostAmounts, { description: 'Imported bills (nulls: no actual rows)' }) actual!: CostAmounts;
  @Field(() => CostAmounts, { description: 'actual − estimated, a missing side counting as 0' })
  difference!: CostAmounts;
}
