import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DecimalScalar } from '../../common/graphql-scalars.js';

@ObjectType({ description: 'A deployment (or a stretch of it) that could not be priced, and why' })
export class UnpricedDeployment {
  @Field(() => ID) deploymentId!: string;
  @Field(() => String) reason!: string;
}

@ObjectType()
export class ForecastProviderCost {
  @Field(() => String) providerId!: string;
  @Field(() => String) providerName!: string;
  @Field(() => DecimalScalar) cost!: string;
  @Field(() => DecimalScalar, { description: 'Instance-hours: calendar hours × instances' })
  instanceHours!: string;
  @Field(() => String) currency!: string;
}

@ObjectType({ description: 'Expected cost of one calendar month (the first counts from `from` on)' })
export class ForecastMonth {
  @Field(() => String, { description: 'YYYY-MM (UTC)' }) month!: string;
  @Field(() => DecimalScalar) cost!: string;
  @Field(() => String) currency!: string;
  @Field(() => [ForecastProviderCost]) byProvider!: ForecastProviderCost[];
}

@ObjectType({
  description:
    'What the running deployments will cost at the prices in force (and changes already scheduled), priced by calendar hours as the ledger accrues them',
})
export class Forecast {
  @Field(() => Date) from!: Date;
  @Field(() => [ForecastMonth]) months!: ForecastMonth[];
  @Field(() => [UnpricedDeployment]) skipped!: UnpricedDeployment[];
}

@ObjectType()
export class PriceStep {
  @Field(() => Date) effectiveFrom!: Date;
  @Field(() => DecimalScalar) pricePerHour!: string;
  @Field(() => DecimalScalar, { nullable: true }) pricePerHourUsd!: string | null;
}

@ObjectType({ description: 'A running deployment whose catalog price changed since it started' })
export class DeploymentPriceChange {
  @Field(() => ID) deploymentId!: string;
  @Field(() => ID) workloadId!: string;
  @Field(() => String) component!: string;
  @Field(() => String) provider!: string;
  @Field(() => String) region!: string;
  @Field(() => String) sku!: string;
  @Field(() => Int) count!: number;
  @Field(() => String, { description: "The offer's own currency" }) currency!: string;
  @Field(() => Date) startedAt!: Date;
  @Field(() => DecimalScalar) startedPricePerHour!: string;
  @Field(() => DecimalScalar, { nullable: true }) startedPricePerHourUsd!: string | null;
  @Field(() => DecimalScalar) currentPricePerHour!: string;
  @Field(() => DecimalScalar, { nullable: true }) currentPricePerHourUsd!: string | null;
  @Field(() => [PriceStep], { description: 'Every change since the start, oldest first' })
  changes!: PriceStep[];
  @Field(() => DecimalScalar, {
    nullable: true,
    description: '(current − started) USD per hour × count × 730 h; null without USD prices',
  })
  monthlyImpactUsd!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Change of the unit price, percent' })
  changePct!: string | null;
}

@ObjectType()
export class BestPlacement {
  @Field(() => String) provider!: string;
  @Field(() => [String]) regions!: string[];
  @Field(() => DecimalScalar, {
    description: 'Compute at 730 h: what the running deployments are compared with',
  })
  computeMonthlyCostUsd!: string;
  @Field(() => DecimalScalar, { description: 'Compute + storage + egress as placement prices it' })
  totalMonthlyCostUsd!: string;
}

@ObjectType({ description: "A workload's current monthly cost against its best placement now" })
export class WorkloadSavings {
  @Field(() => ID) workloadId!: string;
  @Field(() => String) workloadName!: string;
  @Field(() => [String], { description: 'provider:region of the running deployments' })
  currentSites!: string[];
  @Field(() => DecimalScalar, { description: 'Running deployments at the prices in force, 730 h' })
  currentMonthlyCostUsd!: string;
  @Field(() => BestPlacement, { nullable: true }) best!: BestPlacement | null;
  @Field(() => DecimalScalar, { nullable: true }) migrationOneOffCostUsd!: string | null;
  @Field(() => String, { description: 'How the one-off cost was estimated' }) oneOffBasis!: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'current − best; negative: the best is dearer' })
  monthlySavingUsd!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) annualSavingUsd!: string | null;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Months to earn the one-off cost back, rounded up',
  })
  paybackMonths!: string | null;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Saving over horizonMonths minus the one-off cost',
  })
  netSavingOverHorizonUsd!: string | null;
  @Field(() => Int, { nullable: true }) horizonMonths!: number | null;
  @Field(() => [String]) notes!: string[];
}
