import { Args, Context, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import type { GraphqlContext } from '../../auth/role.guard.js';
import { toOffer } from '../../catalog/graphql/catalog.mapper.js';
import { Offer } from '../../catalog/graphql/offer.types.js';
import { OfferRepository, type OfferRow } from '../../catalog/offer.repository.js';
import { WeightsInput, WorkloadInput } from '../../workloads/workload.inputs.js';
import { toSpec } from '../../workloads/workload.mapper.js';
import { actorOf } from '../../workloads/workload.resolver.js';
import { PlacementService } from '../placement.service.js';
import { toPlacementOptions } from './placement.mapper.js';
import { PlacementComponent, PlacementOptions } from './placement.types.js';

@Resolver()
export class PlacementResolver {
  constructor(private readonly placement: PlacementService) {}

  @Query(() => PlacementOptions, {
    description:
      'Where should this workload run, and why there: ranked options with a per-criterion trace, and why not each other provider',
  })
  async placementOptions(
    @Args('workload', { type: () => WorkloadInput, nullable: true }) workload: WorkloadInput | null,
    @Args('workloadId', { type: () => ID, nullable: true }) workloadId: string | null,
    @Args('limit', { type: () => Int, defaultValue: 10 }) limit: number,
    @Args('weights', { type: () => WeightsInput, nullable: true }) weights: WeightsInput | null,
    @Context() context: GraphqlContext,
  ): Promise<PlacementOptions> {
    const answer = await this.placement.placementOptions(actorOf(context), {
      workload: workload ? toSpec(workload) : null,
      workloadId,
      weights,
      limit,
    });
    return toPlacementOptions(answer);
  }
}

type LoaderContext = GraphqlContext & { offerLoader?: DataLoader<string, OfferRow | null> };

@Resolver(() => PlacementComponent)
export class PlacementComponentResolver {
  constructor(private readonly offers: OfferRepository) {}

  @ResolveField(() => Offer, {
    nullable: true,
    description: 'The chosen offer with its price, from the catalog',
  })
  async offerDetails(
    @Parent() component: PlacementComponent,
    @Context() context: LoaderContext,
  ): Promise<Offer | null> {
    if (!component.offer) return null;
    // One query for every component of the response.
    context.offerLoader ??= new DataLoader(async (ids: readonly string[]) => {
      const rows = new Map((await this.offers.findByIds(ids)).map((o) => [o.id, o]));
      return ids.map((id) => rows.get(id) ?? null);
    });
    const row = await context.offerLoader.load(component.offer);
    return row ? toOffer(row) : null;
  }
}
