import { Args, ID, InputType, Int, Field, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { CatalogQueryService } from '../catalog-query.service.js';
import {
  toCatalogVersion,
  toJurisdiction,
  toPriceChanges,
  toProvider,
  toRegion,
  toRejection,
  toSla,
} from './catalog.mapper.js';
import { CatalogRejection, CatalogVersion, Jurisdiction, Provider, Region, Sla } from './catalog.types.js';
import { PriceChanges } from './offer.types.js';

@InputType()
export class RegionFilter {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 64) provider?: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be ISO 3166 alpha-2' })
  country?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 64) regime?: string;
}

@Resolver()
export class CatalogResolver {
  constructor(private readonly catalog: CatalogQueryService) {}

  @Query(() => [Provider])
  async providers(): Promise<Provider[]> {
    return (await this.catalog.providers()).map(toProvider);
  }

  @Query(() => [Region])
  async regions(@Args('filter', { nullable: true }) filter?: RegionFilter): Promise<Region[]> {
    return (await this.catalog.regionList(filter ?? {})).map(toRegion);
  }

  @Query(() => [Jurisdiction])
  async jurisdictions(): Promise<Jurisdiction[]> {
    return (await this.catalog.jurisdictions()).map(toJurisdiction);
  }

  @Query(() => [Sla])
  async slas(@Args('provider', { type: () => String, nullable: true }) provider?: string): Promise<Sla[]> {
    return (await this.catalog.slas(provider)).map(toSla);
  }

  @Query(() => [CatalogVersion])
  async catalogVersions(
    @Args('provider', { type: () => String, nullable: true }) provider?: string,
  ): Promise<CatalogVersion[]> {
    return (await this.catalog.catalogVersions(provider)).map(toCatalogVersion);
  }

  @Query(() => CatalogVersion)
  async catalogVersion(@Args('id', { type: () => ID }) id: string): Promise<CatalogVersion> {
    return toCatalogVersion(await this.catalog.catalogVersion(id));
  }

  @Query(() => PriceChanges, {
    description: 'Added, removed and changed prices between two versions of a provider',
  })
  async priceChanges(
    @Args('provider', { type: () => String }) provider: string,
    @Args('fromVersion', { type: () => ID }) fromVersion: string,
    @Args('toVersion', { type: () => ID }) toVersion: string,
    @Args('first', { type: () => Int, defaultValue: 100, description: 'At most this many of each list' })
    first: number,
  ): Promise<PriceChanges> {
    return toPriceChanges(
      await this.catalog.priceChanges(provider, fromVersion, toVersion),
      Math.min(Math.max(first, 0), 1000),
    );
  }
}

@InputType()
export class RejectionsArgs {
  @Field(() => Int, { defaultValue: 100 }) @Min(1) @Max(1000) first!: number;
}

@Resolver(() => CatalogVersion)
export class CatalogVersionResolver {
  constructor(private readonly catalog: CatalogQueryService) {}

  @ResolveField(() => [CatalogRejection], {
    description: 'Rejected records with their position and reason (first 1,000 at most)',
  })
  async rejections(
    @Parent() version: CatalogVersion,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
  ): Promise<CatalogRejection[]> {
    return (await this.catalog.rejections(version.id, Math.min(Math.max(first, 1), 1000))).map(toRejection);
  }
}
