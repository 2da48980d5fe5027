import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { InvalidInputError } from '../../common/errors.js';
import { CatalogQueryService } from '../catalog-query.service.js';
import { toOffer } from './catalog.mapper.js';
import { OfferOrder } from './catalog-enums.graphql.js';
import { OfferConnection, OfferFilter } from './offer.types.js';

const MAX_PAGE = 500;

@Resolver()
export class OffersResolver {
  constructor(private readonly catalog: CatalogQueryService) {}

  @Query(() => OfferConnection, {
    complexity: ({ args, childComplexity }) =>
      1 + Math.min(Number(args.first ?? 50), MAX_PAGE) * childComplexity,
  })
  async offers(
    @Args('filter', { nullable: true }) filter: OfferFilter = {},
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | undefined,
    @Args('orderBy', { type: () => OfferOrder, defaultValue: OfferOrder.PRICE_ASC }) orderBy: OfferOrder,
  ): Promise<OfferConnection> {
    if (first < 1 || first > MAX_PAGE)
      throw new InvalidInputError(`first must be between 1 and ${MAX_PAGE}`, 'first');
    const page = await this.catalog.searchOffers(filter, { first, after, sort: orderBy });
    return {
      edges: page.rows.map((row, i) => ({ node: toOffer(row), cursor: page.cursors[i] })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.cursors.at(-1) ?? null },
      totalCount: page.totalCount,
    };
  }
}
