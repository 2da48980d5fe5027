import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { DecimalScalar, JSONScalar } from '../../common/graphql-scalars.js';
import { Offer } from '../../catalog/graphql/offer.types.js';

@ObjectType({ description: "One criterion's part in an option's score: score = Σ contribution" })
export class CriterionTrace {
  @Field(() => String, { description: 'cost, latency, availability or carbon' }) criterion!: string;
  @Field(() => Float, {
    nullable: true,
    description: 'The raw value in `unit` (null: unknown, scored as worst)',
  })
  raw!: number | null;
  @Field(() => String, { description: 'USD/month, ms, % or kgCO2e/month' }) unit!: string;
  @Field(() => Float, { description: '1 = best of the feasible options, 0 = worst' }) normalized!: number;
  @Field(() => Float, { description: "This criterion's share of the weights" }) weight!: number;
  @Field(() => Float, { description: 'normalized × weight' }) contribution!: number;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType({ description: 'Monthly cost (730 hours), USD, exact decimals' })
export class MonthlyCost {
  @Field(() => DecimalScalar) compute!: string;
  @Field(() => DecimalScalar) storage!: string;
  @Field(() => DecimalScalar) egress!: string;
  @Field(() => DecimalScalar) total!: string;
  @Field(() => String) currency!: string;
  @Field(() => JSONScalar, {
    nullable: true,
    description: 'On-prem: the all-in price split (hardware and operations, power × PUE)',
  })
  onPremTco!: Record<string, string> | null;
  @Field(() => [String], {
    description: 'Prices the catalog does not have, left out of the total (never guessed)',
  })
  unknownPrices!: string[];
}

@ObjectType()
export class PlacementComponent {
  @Field(() => String) name!: string;
  @Field(() => String) region!: string;
  @Field(() => String, { nullable: true }) instanceType!: string | null;
  @Field(() => Int) count!: number;
  @Field(() => Float) vcpu!: number;
  @Field(() => Float) memoryGib!: number;
  @Field(() => String, { nullable: true }) gpuModel!: string | null;
  @Field(() => Float) gpuCount!: number;
  @Field(() => String) purchaseOption!: string;
  @Field(() => String, { description: 'INSTANCE (an instance type) or CUSTOM_SHAPE (vCPU and GiB rates)' })
  pricing!: string;
  @Field(() => ID, { nullable: true, description: 'The chosen offer (for planMigration target.offers)' })
  offer!: string | null;
  @Field(() => DecimalScalar) monthlyCost!: string;
}

@ObjectType()
export class SlaCreditExposure {
  @Field(() => Float) expectedPct!: number;
  @Field(() => DecimalScalar) expectedUsd!: string;
}

@ObjectType()
export class PlacementOption {
  @Field(() => Int) rank!: number;
  @Field(() => String) provider!: string;
  @Field(() => String) providerName!: string;
  @Field(() => String) providerKind!: string;
  @Field(() => [String]) regions!: string[];
  @Field(() => Float, { description: 'Σ contributions in [0, 1], higher is better' }) score!: number;
  @Field(() => Boolean, {
    description:
      'No other option is at least as good on cost, latency, availability and carbon and better on one',
  })
  pareto!: boolean;
  @Field(() => Float, { nullable: true, description: 'Expected availability, %' }) availability!:
    number | null;
  @Field(() => String) availabilityBasis!: string;
  @Field(() => Float, { nullable: true, description: 'Weighted mean round trip to the users, ms' })
  latencyMs!: number | null;
  @Field(() => Float, { nullable: true, description: "The worst user's round trip, ms" }) maxUserLatencyMs!:
    number | null;
  @Field(() => String, { description: 'MEASURED, ESTIMATED (great circle), MIXED or NONE' })
  latencyBasis!: string;
  @Field(() => Float, { nullable: true }) carbonKgPerMonth!: number | null;
  @Field(() => String) carbonNote!: string;
  @Field(() => [String]) regimes!: string[];
  @Field(() => MonthlyCost) monthlyCost!: MonthlyCost;
  @Field(() => [PlacementComponent]) components!: PlacementComponent[];
  @Field(() => [CriterionTrace]) trace!: CriterionTrace[];
  @Field(() => SlaCreditExposure, { nullable: true }) slaCreditExposure!: SlaCreditExposure | null;
}

@ObjectType()
export class RejectedCandidate {
  @Field(() => [String]) regions!: string[];
  @Field(() => [String], { description: 'Every constraint it fails' }) reasons!: string[];
  @Field(() => Float, { nullable: true, description: 'USD per month, when it could be priced' })
  monthlyCost!: number | null;
}

@ObjectType({ description: 'Why not this provider: its best candidate and what kept it out of the top k' })
export class RejectedProvider {
  @Field(() => String) provider!: string;
  @Field(() => String) providerName!: string;
  @Field(() => String, { description: 'REJECTED (no candidate met the constraints) or RANKED_LOWER' })
  status!: string;
  @Field(() => String) reason!: string;
  @Field(() => RejectedCandidate, { nullable: true }) bestCandidate!: RejectedCandidate | null;
  @Field(() => PlacementOption, { nullable: true, description: 'RANKED_LOWER: its best option' })
  bestOption!: PlacementOption | null;
}

@ObjectType()
export class PlacementOptions {
  @Field(() => [PlacementOption]) options!: PlacementOption[];
  @Field(() => [RejectedProvider]) rejected!: RejectedProvider[];
  @Field(() => [String]) notes!: string[];
  @Field(() => Date) evaluatedAt!: Date;
  @Field(() => Int) candidateRegions!: number;
  @Field(() => Int) feasibleOptions!: number;
  @Field(() => [ID], { description: 'The active catalog versions this was computed from' })
  catalogVersionIds!: string[];
}

export { Offer };
