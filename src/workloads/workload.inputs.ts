import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ARCHITECTURES,
  type Arch,
  type OperatingSystem,
  type ProviderKind,
  type PurchaseOption,
} from '../domain/catalog/catalog-enums.js';
import { HOURS_PER_MONTH } from '../domain/money.js';
import {
  OperatingSystemEnum,
  ProviderKindEnum,
  PurchaseOptionEnum,
} from '../catalog/graphql/catalog-enums.graphql.js';

@InputType()
export class ComponentEgressInput {
  @Field(() => String) @Length(1, 100) component!: string;
  @Field(() => Float) @IsNumber() @Min(0) gibPerMonth!: number;
}

@InputType({ description: 'One part of a service model, replicated count times' })
export class ComponentInput {
  @Field(() => String) @Length(1, 100) name!: string;
  @Field(() => Int, { defaultValue: 1 }) @IsInt() @Min(1) @Max(100_000) count!: number;
  @Field(() => Float, { description: 'Minimum vCPU per instance' })
  @IsNumber()
  @Min(0.01)
  @Max(100_000)
  vcpu!: number;
  @Field(() => Float, { description: 'Minimum memory per instance, GiB' })
  @IsNumber()
  @Min(0)
  @Max(1_000_000)
  memoryGib!: number;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 64) gpuModel?: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(64) gpuCount?: number;
  @Field(() => String, { nullable: true, description: 'x86_64, arm64 or i386; omitted = any' })
  @IsOptional()
  @IsIn(ARCHITECTURES)
  arch?: Arch;
  @Field(() => OperatingSystemEnum, { nullable: true, description: 'Default LINUX' })
  @IsOptional()
  os?: OperatingSystem;
  @Field(() => Float, { nullable: true, description: 'Persistent storage per instance, GiB' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  storageGib?: number;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 40) storageClass?: string;
  @Field(() => Float, {
    nullable: true,
    description: 'Internet egress of the whole component, GiB per month',
  })
  @IsOptional()
  @IsNumber()
  @Min(0)
  egressInternetGibPerMonth?: number;
  @Field(() => [ComponentEgressInput], {
    nullable: true,
    description: 'Traffic to other components, GiB per month',
  })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => ComponentEgressInput)
  egressToComponents?: ComponentEgressInput[];
  @Field(() => Float, {
    nullable: true,
    description: `Hours per month each instance runs (default ${HOURS_PER_MONTH})`,
  })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(HOURS_PER_MONTH)
  hoursPerMonth?: number;
}

@InputType({ description: 'Where users are: coordinates, or a country (ISO 3166 alpha-2)' })
export class UserLocationInput {
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() @Min(-90) @Max(90) latitude?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() @Min(-180) @Max(180) longitude?: number;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be ISO 3166 alpha-2' })
  country?: string;
  @Field(() => Float, { defaultValue: 1 }) @IsNumber() @Min(0) weight!: number;
}

const codes = (max: number) => [IsOptional(), IsArray(), ArrayMaxSize(max)];

@InputType()
export class ConstraintsInput {
  @Field(() => [String], { nullable: true, description: 'Allowed region countries' }) countries?: string[];
  @Field(() => [String], { nullable: true }) forbidCountries?: string[];
  @Field(() => [String], { nullable: true, description: 'Regimes that must all apply (e.g. EU_GDPR)' })
  regimes?: string[];
  @Field(() => [String], { nullable: true, description: 'Regimes that must not apply (e.g. US_CLOUD_ACT)' })
  forbidRegimes?: string[];
  @Field(() => Float, { nullable: true, description: 'Percent, e.g. 99.95' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100)
  minAvailability?: number;
  @Field(() => Float, { nullable: true, description: 'Round trip to the weighted users, ms' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  maxLatencyMs?: number;
  @Field(() => [String], { nullable: true }) providers?: string[];
  @Field(() => [String], { nullable: true }) forbidProviders?: string[];
  @Field(() => [ProviderKindEnum], { nullable: true }) providerKinds?: ProviderKind[];
  @Field(() => [PurchaseOptionEnum], { nullable: true, description: 'Default [ON_DEMAND]' })
  purchaseOptions?: PurchaseOption[];
  @Field(() => Float, { nullable: true, description: 'USD per month' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  maxMonthlyBudget?: number;
}
for (const key of [
  'countries',
  'forbidCountries',
  'regimes',
  'forbidRegimes',
  'providers',
  'forbidProviders',
] as const) {
  for (const decorate of codes(300)) decorate(ConstraintsInput.prototype, key);
}

@InputType({ description: 'Relative weights of the criteria (only their ratios matter)' })
export class WeightsInput {
  @Field(() => Float, { defaultValue: 1 }) @IsNumber() @Min(0) cost!: number;
  @Field(() => Float, { defaultValue: 0 }) @IsNumber() @Min(0) latency!: number;
  @Field(() => Float, { defaultValue: 0 }) @IsNumber() @Min(0) availability!: number;
  @Field(() => Float, { defaultValue: 0 }) @IsNumber() @Min(0) carbon!: number;
}

@InputType({ description: 'A service model: what placementOptions scores and createWorkload stores' })
export class WorkloadInput {
  @Field(() => String) @Length(1, 200) name!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 2000) description?: string;
  @Field(() => [ComponentInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ComponentInput)
  components!: ComponentInput[];
  @Field(() => [UserLocationInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => UserLocationInput)
  users?: UserLocationInput[];
  @Field(() => ConstraintsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ConstraintsInput)
  constraints?: ConstraintsInput;
  @Field(() => WeightsInput, { nullable: true, description: 'Default: cost only' })
  @IsOptional()
  @ValidateNested()
  @Type(() => WeightsInput)
  weights?: WeightsInput;
  @Field(() => Int, {
    nullable: true,
    description: 'Full replicas across this many regions of one provider (default 1)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  regionsCount?: number;
  @Field(() => Boolean, { nullable: true, description: 'May overspill move it out of an on-prem site?' })
  burstable?: boolean;
  @Field(() => Int, { nullable: true, description: 'Higher = more important (bursts last)' })
  @IsOptional()
  @IsInt()
  priority?: number;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(50) tags?: string[];
}
