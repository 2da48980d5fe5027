import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsIn, IsOptional, Length, Matches, Min } from 'class-validator';
import { DecimalScalar, JSONScalar } from '../../common/graphql-scalars.js';
import {
  ARCHITECTURES,
  type OperatingSystem,
  type PurchaseOption,
  type ResourceKind,
  type ServiceCategory,
  type Unit,
} from '../../domain/catalog/catalog-enums.js';
import {
  OperatingSystemEnum,
  PurchaseOptionEnum,
  ResourceKindEnum,
  ServiceCategoryEnum,
  UnitEnum,
} from './catalog-enums.graphql.js';

@ObjectType()
export class Offer {
  @Field(() => ID) id!: string;
  @Field(() => ID) catalogVersionId!: string;
  @Field(() => String) provider!: string;
  @Field(() => String, { nullable: true }) region!: string | null;
  @Field(() => String) service!: string;
  @Field(() => ServiceCategoryEnum) serviceCategory!: ServiceCategory;
  @Field(() => ResourceKindEnum) resourceKind!: ResourceKind;
  @Field(() => String) sku!: string;
  @Field(() => String, { nullable: true }) instanceType!: string | null;
  @Field(() => Float, { nullable: true }) vcpu!: number | null;
  @Field(() => Float, { nullable: true }) memoryGib!: number | null;
  @Field(() => String, { nullable: true }) gpuModel!: string | null;
  @Field(() => Float, { nullable: true }) gpuCount!: number | null;
  @Field(() => String, { nullable: true }) arch!: string | null;
  @Field(() => OperatingSystemEnum, { nullable: true }) os!: OperatingSystem | null;
  @Field(() => PurchaseOptionEnum) purchaseOption!: PurchaseOption;
  @Field(() => UnitEnum) unit!: Unit;
  @Field(() => String, { nullable: true, description: 'The unit as the source wrote it' }) unitRaw!:
    string | null;
  @Field(() => DecimalScalar, { description: 'Price per one unit, in currency' }) price!: string;
  @Field(() => String) currency!: string;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Price per one unit in USD (null: no FX rate for the currency)',
  })
  priceUsd!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) tierStart!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) tierEnd!: string | null;
  @Field(() => String, { nullable: true }) termCode!: string | null;
  @Field(() => String, { nullable: true }) effectiveDate!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => JSONScalar, { nullable: true }) attributes!: Record<string, unknown> | null;
}

@ObjectType()
export class OfferEdge {
  @Field(() => Offer) node!: Offer;
  @Field(() => String) cursor!: string;
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType()
export class OfferConnection {
  @Field(() => [OfferEdge]) edges!: OfferEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@InputType()
export class OfferFilter {
  @Field(() => ID, {
    nullable: true,
    description: 'A catalog version (any status); default: every ACTIVE version',
  })
  @IsOptional()
  @Matches(/^\d+$/, { message: 'version must be a catalog version id' })
  version?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 64) provider?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 64) region?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 128) instanceType?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 256) sku?: string;
  @Field(() => PurchaseOptionEnum, { nullable: true }) purchaseOption?: PurchaseOption;
  @Field(() => OperatingSystemEnum, { nullable: true }) os?: OperatingSystem;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be ISO 3166 alpha-2' })
  country?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 64) regime?: string;
  @Field(() => Float, { nullable: true }) @IsOptional() @Min(0) minVcpu?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @Min(0) minMemoryGib?: number;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 64) gpuModel?: string;
  @Field(() => Float, { nullable: true }) @IsOptional() @Min(0) minGpus?: number;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(ARCHITECTURES)
  arch?: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'Upper bound on priceUsd (per unit)' })
  maxPriceUsd?: string;
  @Field(() => ServiceCategoryEnum, { nullable: true }) serviceCategory?: ServiceCategory;
  @Field(() => ResourceKindEnum, { nullable: true }) resourceKind?: ResourceKind;
}

@ObjectType()
export class PriceChange {
  @Field(() => String, {
    description: 'What identifies the price across versions: sku/region/purchaseOption/os/unit/term/tier',
  })
  key!: string;
  @Field(() => Offer) before!: Offer;
  @Field(() => Offer) after!: Offer;
  @Field(() => DecimalScalar) oldPrice!: string;
  @Field(() => DecimalScalar) newPrice!: string;
  @Field(() => Float, {
    nullable: true,
    description: 'Relative change in percent (null when the old price was 0)',
  })
  changePct!: number | null;
}

@ObjectType()
export class PriceChanges {
  @Field(() => ID) fromVersion!: string;
  @Field(() => ID) toVersion!: string;
  @Field(() => [Offer]) added!: Offer[];
  @Field(() => [Offer]) removed!: Offer[];
  @Field(() => [PriceChange]) changed!: PriceChange[];
  @Field(() => Int) addedCount!: number;
  @Field(() => Int) removedCount!: number;
  @Field(() => Int) changedCount!: number;
  @Field(() => Int) unchangedCount!: number;
}
