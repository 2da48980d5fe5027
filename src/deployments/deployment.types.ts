import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DecimalScalar, JSONScalar } from '../common/graphql-scalars.js';

@ObjectType({ description: 'Where one workload component ran or runs, from when to when, at which offer' })
export class Deployment {
  @Field(() => ID) id!: string;
  @Field(() => ID) workloadId!: string;
  @Field(() => String) component!: string;
  @Field(() => String) provider!: string;
  @Field(() => String) region!: string;
  @Field(() => ID, { nullable: true }) offerId!: string | null;
  @Field(() => String, { nullable: true }) sku!: string | null;
  @Field(() => String, { nullable: true }) instanceType!: string | null;
  @Field(() => String) purchaseOption!: string;
  @Field(() => Int) instanceCount!: number;
  @Field(() => DecimalScalar, { description: 'Per instance-hour, in currency' }) pricePerHour!: string;
  @Field(() => String) currency!: string;
  @Field(() => DecimalScalar, { nullable: true }) pricePerHourUsd!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'pricePerHourUsd × instanceCount × 730 h' })
  monthlyCostUsd!: string | null;
  @Field(() => Date) startedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'Null while it runs' }) endedAt!: Date | null;
  @Field(() => String, { description: 'MANUAL, MIGRATION or OVERSPILL' }) source!: string;
  @Field(() => ID, { nullable: true }) migrationId!: string | null;
  @Field(() => JSONScalar) tags!: Record<string, string>;
}
