import { money } from '../money.js';
import { createOfferListSource, type ListedOffer } from './compute-offers.js';
import {
  BALANCED,
  CITIES,
  COST_ONLY,
  NOW,
  component,
  offer,
  region,
  workload,
} from './placement-fixtures.js';
import type { PlacementResult } from './placement-result-types.js';
import type { CandidateRegion, Constraints, Weights, Workload } from './placement-types.js';
import { scoreOptions } from './score-options.js';
import { mulberry32 } from '../seeded-random.js';

/** Property tests over seeded pseudo-random catalogs (mulberry32: no dependency, reproducible). */

type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)];
const PLACES = [
  { country: 'DE', at: CITIES.frankfurt },
  { country: 'FR', at: CITIES.paris },
  { country: 'IE', at: CITIES.dublin },
  { country: 'GB', at: CITIES.london },
  { country: 'US', at: CITIES.virginia },
  { country: 'JP', at: CITIES.tokyo },
];
const PROVIDERS = ['aws', 'azure', 'gcp', 'ovh', 'onprem-london'];
const price = (rand: Rand, max: number) => (Math.floor(rand() * max * 1000) / 1000 + 0.001).toFixed(3);

interface World {
  regions: CandidateRegion[];
  offers: ListedOffer[];
  workload: Workload;
}

function randomWorld(seed: number, regionsCount: number): World {
  const rand = mulberry32(seed);
  const regions: CandidateRegion[] = [];
  const offers: ListedOffer[] = [];
  for (const providerId of PROVIDERS.filter(() => rand() < 0.8)) {
    const n = 1 + Math.floor(rand() * 5);
    for (let i = 0; i < n; i++) {
      const place = pick(rand, PLACES);
      const at = {
        latitude: place.at.latitude + rand() * 4 - 2,
        longitude: place.at.longitude + rand() * 4 - 2,
      };
      const slaPct = pick(rand, [99.5, 99.9, 99.95, 99.99]);
      const r = region(providerId, `${place.country.toLowerCase()}-${i}`, place.country, at, {
        carbonGco2ePerKwh: rand() < 0.15 ? null : Math.round(rand() * 800),
        sla:
          rand() < 0.15
            ? null
            : {
                singleInstancePct: slaPct,
                multiZonePct: rand() < 0.5 ? 99.99 : null,
                creditTiers: [{ belowPct: slaPct, creditPct: 10 }],
              },
        egress: {
          internet: [
            { startGb: 0, endGb: 100, pricePerGbUsd: '0' },
            { startGb: 100, endGb: null, pricePerGbUsd: price(rand, 0.12) },
          ],
          interRegionPerGbUsd: price(rand, 0.05),
        },
        storage: [{ storageClass: 'SSD', pricePerGibMonthUsd: price(rand, 0.2) }],
      });
      regions.push(r);
      const types = 3 + Math.floor(rand() * 10);
      for (let t = 0; t < types; t++) {
        const vcpu = pick(rand, [1, 2, 4, 8, 16]);
        offers.push(
          offer(r, `t${t}`, vcpu, vcpu * pick(rand, [1, 2, 4, 8]), price(rand, vcpu * 0.06), {
            arch: rand() < 0.2 ? 'arm64' : 'x86_64',
            purchaseOption: rand() < 0.2 ? 'SPOT' : 'ON_DEMAND',
          }),
        );
      }
    }
  }
  const components = Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, i) =>
    component(`c${i}`, pick(rand, [1, 2, 4]), pick(rand, [1, 2, 4, 8]), {
      count: 1 + Math.floor(rand() * 3),
      storageGib: pick(rand, [0, 50, 200]),
      egressInternetGibPerMonth: pick(rand, [0, 50, 500]),
      egressToComponents: i > 0 ? [{ component: 'c0', gibPerMonth: pick(rand, [0, 10, 100]) }] : [],
    }),
  );
  const users = PLACES.filter(() => rand() < 0.4).map((p) => ({
    ...p.at,
    weight: 1 + Math.floor(rand() * 5),
  }));
  return { regions, offers, workload: workload(components, { users, regionsCount }) };
}

function randomConstraint(rand: Rand, best: number): Constraints {
  return pick<Constraints>(rand, [
    { forbidCountries: [pick(rand, PLACES).country] },
    { countries: PLACES.filter(() => rand() < 0.5).map((p) => p.country) },
    { forbidRegimes: ['US_CLOUD_ACT'] },
    { maxLatencyMs: 5 + rand() * 150 },
    { minAvailability: pick(rand, [99.5, 99.9, 99.95, 99.99]) },
    { maxMonthlyBudget: best * (0.5 + rand()) },
    { forbidProviders: [pick(rand, PROVIDERS)] },
    { purchaseOptions: ['ON_DEMAND', 'SPOT'] },
  ]);
}

const run = (world: World, weights: Weights, constraints: Constraints = {}): PlacementResult =>
  scoreOptions(
    { regions: world.regions, offers: createOfferListSource(world.offers) },
    { ...world.workload, constraints },
    weights,
    NOW,
    { topK: 1000 },
  );
const bestCost = (r: PlacementResult) => r.options[0]?.monthlyCostUsd ?? Number.POSITIVE_INFINITY;
const keys = (r: PlacementResult) =>
  r.options.map((o) => `${o.providerId}/${o.regions.map((x) => x.regionCode).join('+')}`);
const SEEDS = Array.from({ length: 60 }, (_, i) => 1000 + i);

describe.each([1, 2])('properties with regionsCount %i', (regionsCount) => {
  it('adding a constraint never lowers the best cost', () => {
    for (const seed of SEEDS) {
      const world = randomWorld(seed, regionsCount);
      const base = bestCost(run(world, COST_ONLY));
      const rand = mulberry32(seed * 7);
      for (let i = 0; i < 4; i++) {
        const constraint = randomConstraint(rand, base);
        // SPOT is a relaxation, not a constraint: it may only lower the cost
        if (constraint.purchaseOptions) continue;
        expect({ seed, constraint, best: bestCost(run(world, COST_ONLY, constraint)) >= base }).toEqual({
          seed,
          constraint,
          best: true,
        });
      }
    }
  });

  it('multiplying every price by k leaves the ranking unchanged', () => {
    for (const seed of SEEDS) {
      const world = randomWorld(seed, regionsCount);
      const weights = pick(mulberry32(seed), [
        BALANCED,
        COST_ONLY,
        { cost: 3, latency: 1, availability: 2, carbon: 0.5 },
      ]);
      const before = keys(run(world, weights));
      for (const k of ['0.5', '3', '10']) {
        const scaled = (p: string) => money(p).mul(k).toFixed();
        const scaledWorld: World = {
          ...world,
          offers: world.offers.map((o) => ({
            ...o,
            priceUsd: scaled(o.priceUsd),
            pricePerHourUsd: Number(scaled(o.priceUsd)),
          })),
          regions: world.regions.map((r) => ({
            ...r,
            egress: {
              internet:
                r.egress.internet?.map((t) => ({ ...t, pricePerGbUsd: scaled(t.pricePerGbUsd) })) ?? null,
              interRegionPerGbUsd:
                r.egress.interRegionPerGbUsd === null ? null : scaled(r.egress.interRegionPerGbUsd),
            },
            storage: r.storage?.map((s) => ({ ...s, pricePerGibMonthUsd: scaled(s.pricePerGibMonthUsd) })),
          })),
        };
        expect({ seed, k, ranking: keys(run(scaledWorld, weights)) }).toEqual({ seed, k, ranking: before });
      }
    }
  });

  it('results do not depend on the order of offers or regions', () => {
    for (const seed of SEEDS) {
      const world = randomWorld(seed, regionsCount);
      const rand = mulberry32(seed * 13);
      const shuffle = <T>(items: readonly T[]) =>
        items
          .map((x) => ({ x, k: rand() }))
          .sort((a, b) => a.k - b.k)
          .map((e) => e.x);
      const shuffled = { ...world, offers: shuffle(world.offers), regions: shuffle(world.regions) };
      expect(run(shuffled, BALANCED)).toEqual(run(world, BALANCED));
    }
  });
});
