import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { DecimalScalar, JSONScalar } from '../../common/graphql-scalars.js';
import type { CatalogVersionStatus, ProviderKind } from '../../domain/catalog/catalog-enums.js';
import { CatalogVersionStatusEnum, ProviderKindEnum } from './catalog-enums.graphql.js';

@ObjectType()
export class Provider {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => ProviderKindEnum) kind!: ProviderKind;
  @Field(() => String, { description: 'ISO 3166-1 alpha-2' }) headquartersCountry!: string;
  @Field(() => String) adapterId!: string;
}

@ObjectType()
export class Region {
  @Field(() => String) provider!: string;
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'ISO 3166-1 alpha-2' }) country!: string;
  @Field(() => Float, { nullable: true }) latitude!: number | null;
  @Field(() => Float, { nullable: true }) longitude!: number | null;
  @Field(() => [String], {
    description:
      "The country's regime plus the provider's home-country exposure (US_CLOUD_ACT for a US provider)",
  })
  regimes!: string[];
  @Field(() => DecimalScalar, { nullable: true, description: 'Grid carbon intensity, gCO2e per kWh' })
  carbonGco2ePerKwh!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) pue!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) powerPricePerKwh!: string | null;
  @Field(() => String, { nullable: true }) powerPriceCurrency!: string | null;
  @Field(() => Int, { nullable: true }) availabilityZones!: number | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Designed availability of an on-prem site, %' })
  availabilityPct!: string | null;
  @Field(() => Int, { nullable: true }) capacityVcpu!: number | null;
}

@ObjectType()
export class Jurisdiction {
  @Field(() => String) country!: string;
  @Field(() => String) name!: string;
  @Field(() => Boolean) euMember!: boolean;
  @Field(() => Boolean) eeaMember!: boolean;
  @Field(() => String, { description: 'EEA, FULL, PARTIAL or NONE (EU adequacy decision)' })
  euAdequacy!: string;
  @Field(() => String, { nullable: true }) euAdequacyNote!: string | null;
  @Field(() => String) regime!: string;
  @Field(() => String) regimeName!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType()
export class CreditTier {
  @Field(() => Float, { description: 'Credit applies when monthly uptime is below this %' })
  belowPct!: number;
  @Field(() => Float, { description: '% of the monthly charge credited' }) creditPct!: number;
}

@ObjectType()
export class Sla {
  @Field(() => String) provider!: string;
  @Field(() => String) service!: string;
  @Field(() => String) scope!: string;
  @Field(() => DecimalScalar) uptimePct!: string;
  @Field(() => [CreditTier]) creditTiers!: CreditTier[];
  @Field(() => String, { nullable: true }) verified!: string | null;
  @Field(() => String, { nullable: true }) source!: string | null;
}

@ObjectType()
export class CatalogScopeType {
  @Field(() => String) provider!: string;
  @Field(() => String, { nullable: true }) service?: string;
  @Field(() => String, { nullable: true }) region?: string;
}

@ObjectType()
export class CatalogRejection {
  @Field(() => String) position!: string;
  @Field(() => String) reason!: string;
  @Field(() => String, { nullable: true }) excerpt!: string | null;
}

@ObjectType()
export class CatalogVersion {
  @Field(() => ID) id!: string;
  @Field(() => String) provider!: string;
  @Field(() => String) format!: string;
  @Field(() => CatalogScopeType) scope!: CatalogScopeType;
  @Field(() => String) scopeKey!: string;
  @Field(() => String) source!: string;
  @Field(() => String, { nullable: true }) checksum!: string | null;
  @Field(() => CatalogVersionStatusEnum) status!: CatalogVersionStatus;
  @Field(() => Int) records!: number;
  @Field(() => Int) offers!: number;
  @Field(() => Int) instanceTypes!: number;
  @Field(() => Int) rejected!: number;
  @Field(() => JSONScalar) rejectedReasons!: Record<string, number>;
  @Field(() => JSONScalar) metadata!: Record<string, unknown>;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => Date) startedAt!: Date;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
  @Field(() => Int, { nullable: true }) durationMs!: number | null;
  @Field(() => Date, { nullable: true }) activatedAt!: Date | null;
  @Field(() => Date, { nullable: true }) supersededAt!: Date | null;
  @Field(() => ID, { nullable: true }) supersededBy!: string | null;
}

@ObjectType()
export class ImportResult {
  @Field(() => ID) catalogVersionId!: string;
  @Field(() => String) provider!: string;
  @Field(() => String) format!: string;
  @Field(() => CatalogScopeType) scope!: CatalogScopeType;
  @Field(() => String, { description: 'ACTIVE, FAILED, or UNCHANGED (the same input is already active)' })
  status!: string;
  @Field(() => Int) records!: number;
  @Field(() => Int) offers!: number;
  @Field(() => Int) instanceTypes!: number;
  @Field(() => Int) rejected!: number;
  @Field(() => JSONScalar) rejectedReasons!: Record<string, number>;
  @Field(() => Int) durationMs!: number;
  @Field(() => ID, { nullable: true }) supersededVersionId?: string | null;
  @Field(() => [String], { nullable: true }) warnings?: string[];
}
