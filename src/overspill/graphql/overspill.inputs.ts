import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsInt, IsNumber, IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { DecimalScalar } from '../../common/graphql-scalars.js';
import { ConstraintsInput } from '../../workloads/workload.inputs.js';
import { OverspillMetricEnum, OverspillModeEnum } from './overspill-enums.graphql.js';

@InputType({ description: 'Which workloads may burst: every tag, and priority at least minPriority' })
export class OverspillSelectorInput {
  @Field(() => [String], { defaultValue: [] }) @ArrayMaxSize(50) tags!: string[];
  @Field(() => Int, { defaultValue: 0 }) @IsInt() minPriority!: number;
}

@InputType()
export class OverspillPolicyInput {
  @Field(() => ID, { description: 'The on-prem site, "<provider>/<region>", e.g. "onprem-frankfurt/fra1"' })
  @Length(3, 200)
  site!: string;
  @Field(() => String, {
    description: 'node-cron expression in UTC: 5 fields, or 6 with seconds first ("*/5 * * * *")',
  })
  @Length(1, 200)
  schedule!: string;
  @Field(() => OverspillMetricEnum, { defaultValue: OverspillMetricEnum.VCPU })
  metric!: OverspillMetricEnum;
  @Field(() => Float, { description: 'Fraction 0–1: burst at or above it' })
  @IsNumber()
  highWatermark!: number;
  @Field(() => Float, { description: 'Fraction 0–1, below highWatermark: recall at or below it' })
  @IsNumber()
  lowWatermark!: number;
  @Field(() => Int, { defaultValue: 3, description: 'Consecutive ticks beyond a watermark before acting' })
  @IsInt()
  @Min(1)
  @Max(1000)
  dwellTicks!: number;
  @Field(() => Float, { defaultValue: 15, description: 'No move within this many minutes of the last one' })
  @IsNumber()
  @Min(0)
  cooldownMinutes!: number;
  @Field(() => Float, { description: 'vCPU of all bursts together, at most' })
  @IsNumber()
  @Min(0)
  maxVcpuOut!: number;
  @Field(() => DecimalScalar, { description: 'Cost per day of all bursts together, at most (USD)' })
  maxCostPerDay!: string;
  @Field(() => Int, { description: 'Workloads moved (out or back) in any 60 minutes, at most' })
  @IsInt()
  @Min(0)
  maxMovesPerHour!: number;
  @Field(() => OverspillSelectorInput, { nullable: true, description: 'Default: any burstable workload' })
  @IsOptional()
  @ValidateNested()
  @Type(() => OverspillSelectorInput)
  selector?: OverspillSelectorInput;
  @Field(() => ConstraintsInput, {
    nullable: true,
    description: "Where bursts may go, on top of each workload's own constraints",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ConstraintsInput)
  targetConstraints?: ConstraintsInput;
  @Field(() => OverspillModeEnum, { defaultValue: OverspillModeEnum.DRY_RUN })
  mode!: OverspillModeEnum;
  @Field(() => Float, { defaultValue: 60, description: 'Lease of each burst, renewed while it is needed' })
  @IsNumber()
  @Min(1)
  leaseMinutes!: number;
}
