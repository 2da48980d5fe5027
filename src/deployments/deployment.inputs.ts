import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Matches, ValidateNested } from 'class-validator';
import type { PlacementTarget } from '../placement/placement-target.js';

@InputType({ description: 'The offer a placementOptions result chose for one component' })
export class ComponentOfferInput {
  @Field(() => String) @Length(1, 100) component!: string;
  @Field(() => ID) @Matches(/^\d+$/, { message: 'offerId must be an offer id' }) offerId!: string;
}

@InputType({ description: 'A provider and its regions, optionally the offer per component' })
export class PlacementTargetInput {
  @Field(() => String)
  @Matches(/^[a-z0-9][a-z0-9-]*$/, { message: 'provider must be a provider id' })
  provider!: string;
  @Field(() => [String]) @ArrayMinSize(1) @ArrayMaxSize(5) @Length(1, 64, { each: true }) regions!: string[];
  @Field(() => [ComponentOfferInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ComponentOfferInput)
  offers?: ComponentOfferInput[];
}

export function toPlacementTarget(input: PlacementTargetInput): PlacementTarget {
  return {
    provider: input.provider,
    regions: [...input.regions],
    offers: input.offers?.map((o) => ({ component: o.component, offerId: o.offerId })),
  };
}
