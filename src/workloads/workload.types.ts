import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Arch, OperatingSystem, ProviderKind, PurchaseOption } from '../domain/catalog/catalog-enums.js';
import {
  OperatingSystemEnum,
  ProviderKindEnum,
  PurchaseOptionEnum,
} from '../catalog/graphql/catalog-enums.graphql.js';

@ObjectType()
export class ComponentEgress {
  @Field(() => String) component!: string;
  @Field(() => Float) gibPerMonth!: number;
}

@ObjectType()
export class WorkloadComponent {
  @Field(() => String) name!: string;
  @Field(() => Int) count!: number;
  @Field(() => Float) vcpu!: number;
  @Field(() => Float) memoryGib!: number;
  @Field(() => String, { nullable: true }) gpuModel!: string | null;
  @Field(() => Int, { nullable: true }) gpuCount!: number | null;
  @Field(() => String, { nullable: true }) arch!: Arch | null;
  @Field(() => OperatingSystemEnum, { nullable: true }) os!: OperatingSystem | null;
  @Field(() => Float, { nullable: true }) storageGib!: number | null;
  @Field(() => String, { nullable: true }) storageClass!: string | null;
  @Field(() => Float, { nullable: true }) egressInternetGibPerMonth!: number | null;
  @Field(() => [ComponentEgress]) egressToComponents!: ComponentEgress[];
  @Field(() => Float) hoursPerMonth!: number;
}

@ObjectType()
export class UserLocation {
  @Field(() => Float, { nullable: true }) latitude!: number | null;
  @Field(() => Float, { nullable: true }) longitude!: number | null;
  @Field(() => String, { nullable: true }) country!: string | null;
  @Field(() => Float) weight!: number;
}

@ObjectType()
export class WorkloadConstraints {
  @Field(() => [String], { nullable: true }) countries!: string[] | null;
  @Field(() => [String], { nullable: true }) forbidCountries!: string[] | null;
  @Field(() => [String], { nullable: true }) regimes!: string[] | null;
  @Field(() => [String], { nullable: true }) forbidRegimes!: string[] | null;
  @Field(() => Float, { nullable: true }) minAvailability!: number | null;
  @Field(() => Float, { nullable: true }) maxLatencyMs!: number | null;
  @Field(() => [String], { nullable: true }) providers!: string[] | null;
  @Field(() => [String], { nullable: true }) forbidProviders!: string[] | null;
  @Field(() => [ProviderKindEnum], { nullable: true }) providerKinds!: ProviderKind[] | null;
  @Field(() => [PurchaseOptionEnum], { nullable: true }) purchaseOptions!: PurchaseOption[] | null;
  @Field(() => Float, { nullable: true }) maxMonthlyBudget!: number | null;
}

@ObjectType()
export class Weights {
  @Field(() => Float) cost!: number;
  @Field(() => Float) latency!: number;
  @Field(() => Float) availability!: number;
  @Field(() => Float) carbon!: number;
}

@ObjectType()
export class Workload {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => [WorkloadComponent]) components!: WorkloadComponent[];
  @Field(() => [UserLocation]) users!: UserLocation[];
  @Field(() => WorkloadConstraints) constraints!: WorkloadConstraints;
  @Field(() => Weights) weights!: Weights;
  @Field(() => Int) regionsCount!: number;
  @Field(() => Boolean) burstable!: boolean;
  @Field(() => Int) priority!: number;
  @Field(() => [String]) tags!: string[];
  @Field(() => Int) revision!: number;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
}
