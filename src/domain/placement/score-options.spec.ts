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
import type {
  CandidateRegion,
  Constraints,
  PlacementCandidates,
  Weights,
  Workload,
} from './placement-types.js';
import { scoreOptions } from './score-options.js';
import { PlacementInputError } from './workload-input.js';

/**
 * A five-region catalog; each sells one 2 vCPU / 8 GiB type, so one instance for 730 h costs:
 *   onprem-london/ldn-1   0.040 × 730 = $29.20   (GB, no SLA, 228 g/kWh)
 *   ovh/gra               0.055 × 730 = $40.15   (FR, 99.95%, 52 g/kWh, not US-exposed)
 *   aws/us-east-1         0.096 × 730 = $70.08   (US, 415 g/kWh)
 *   azure/westeurope      0.107 × 730 = $78.11   (NL)
 *   aws/eu-central-1      0.115 × 730 = $83.95   (DE)
 * Estimated RTT from Frankfurt users (2 × km / 200 × 1.5 + 2): eu-central-1 2 ms, westeurope 7.45 ms,
 * gra (Paris) 9.17 ms, ldn-1 11.57 ms, us-east-1 100.20 ms.
 */
const ovhSla = {
  singleInstancePct: 99.95,
  multiZonePct: null,
  creditTiers: [{ belowPct: 99.95, creditPct: 10 }],
};
const azureSla = {
  singleInstancePct: 99.9,
  multiZonePct: 99.99,
  creditTiers: [{ belowPct: 99.9, creditPct: 10 }],
};
const REGIONS: CandidateRegion[] = [
  region('onprem-london', 'ldn-1', 'GB', CITIES.london, { sla: null, carbonGco2ePerKwh: 228 }),
  region('ovh', 'gra', 'FR', CITIES.paris, { sla: ovhSla, carbonGco2ePerKwh: 52 }),
  region('aws', 'us-east-1', 'US', CITIES.virginia, { carbonGco2ePerKwh: 415 }),
  region(
    'azure',
    'westeurope',
    'NL',
    { latitude: 52.3676, longitude: 4.9041 },
    { sla: azureSla, carbonGco2ePerKwh: 390 },
  ),
  region('aws', 'eu-central-1', 'DE', CITIES.frankfurt, { carbonGco2ePerKwh: 338 }),
];
const PRICES: Record<string, string> = {
  'ldn-1': '0.040',
  gra: '0.055',
  'us-east-1': '0.096',
  westeurope: '0.107',
  'eu-central-1': '0.115',
};
const OFFERS: ListedOffer[] = REGIONS.map((r) => offer(r, `${r.providerId}-2-8`, 2, 8, PRICES[r.regionCode]));
const CANDIDATES: PlacementCandidates = { regions: REGIONS, offers: createOfferListSource(OFFERS) };
const FRANKFURT_USERS = [{ ...CITIES.frankfurt, weight: 1, label: 'DE' }];

function run(
  constraints: Constraints = {},
  weights: Weights = COST_ONLY,
  extra: Partial<Workload> = {},
  topK?: number,
): PlacementResult {
  const w = workload([component('app', 2, 8)], { users: FRANKFURT_USERS, constraints, weights, ...extra });
  return scoreOptions(CANDIDATES, w, weights, NOW, { topK });
}
const keys = (r: PlacementResult) =>
  r.options.map((o) => `${o.providerId}/${o.regions.map((x) => x.regionCode).join('+')}`);

interface Row {
  name: string;
  constraints?: Constraints;
  weights?: Weights;
  topK?: number;
  ranking: string[];
  rejected?: Record<string, string[]>;
  whyNot?: Record<string, string>;
}

const rows: Row[] = [
  {
    name: 'cost only: cheapest first',
    ranking: ['onprem-london/ldn-1', 'ovh/gra', 'aws/us-east-1', 'azure/westeurope', 'aws/eu-central-1'],
  },
  {
    name: 'jurisdiction: forbidding US_CLOUD_ACT removes every US-headquartered provider',
    constraints: { forbidRegimes: ['US_CLOUD_ACT'] },
    ranking: ['onprem-london/ldn-1', 'ovh/gra'],
    whyNot: {
      aws: 'rejected: forbidRegimes: US_CLOUD_ACT (provider headquartered in US)',
      azure: 'rejected: forbidRegimes: US_CLOUD_ACT (provider headquartered in US)',
    },
  },
  {
    name: 'latency bound: 100 ms to Virginia is over 50 ms',
    constraints: { maxLatencyMs: 50 },
    ranking: ['onprem-london/ldn-1', 'ovh/gra', 'azure/westeurope', 'aws/eu-central-1'],
    rejected: { 'aws/us-east-1': ['maxLatencyMs: 100 ms > 50 ms'] },
  },
  {
    name: 'budget: over $75.00 is rejected with both amounts',
    constraints: { maxMonthlyBudget: 75 },
    ranking: ['onprem-london/ldn-1', 'ovh/gra', 'aws/us-east-1'],
    rejected: {
      'azure/westeurope': ['maxMonthlyBudget: $78.11 > $75.00'],
      'aws/eu-central-1': ['maxMonthlyBudget: $83.95 > $75.00'],
    },
  },
  {
    // 0.096 × 730 is 70.08000000000001 in doubles; the exact decimal total is 70.08, within budget
    name: 'budget: a total equal to the budget passes (checked in exact decimals)',
    constraints: { maxMonthlyBudget: 70.08, providers: ['aws'] },
    ranking: ['aws/us-east-1'],
  },
  {
    name: 'minAvailability: no SLA and 99.5% single-instance are below 99.9%',
    constraints: { minAvailability: 99.9 },
    ranking: ['ovh/gra', 'azure/westeurope'],
    rejected: {
      'onprem-london/ldn-1': ['minAvailability: no SLA known < 99.9%'],
      'aws/us-east-1': ['minAvailability: 99.5% < 99.9%'],
    },
  },
  {
    // scores (cost only): (83.95 − x) / (83.95 − 29.20): ovh 43.80 / 54.75 = 0.80, aws us-east-1 13.87 / 54.75 = 0.25,
    // azure 5.84 / 54.75 = 0.11
    name: 'why not: providers outside the top k get their best rank and the criterion that cost them',
    topK: 1,
    ranking: ['onprem-london/ldn-1'],
    whyNot: {
      ovh: 'ranked 2nd: score 0.80 vs 1.00 — cost $40.15 vs $29.20',
      aws: 'ranked 3rd: score 0.25 vs 1.00 — cost $70.08 vs $29.20',
      azure: 'ranked 4th: score 0.11 vs 1.00 — cost $78.11 vs $29.20',
    },
  },
  {
    // aws fails one constraint in both regions: the closest is the cheaper one, us-east-1 ($70.08 < $83.95)
    name: 'nothing feasible: every provider explained by its closest candidate',
    constraints: { countries: ['JP'] },
    ranking: [],
    whyNot: {
      aws: 'rejected: countries: region in US not in [JP]',
      azure: 'rejected: countries: region in NL not in [JP]',
      ovh: 'rejected: countries: region in FR not in [JP]',
      'onprem-london': 'rejected: countries: region in GB not in [JP]',
    },
  },
];

describe('scoreOptions: ranking table', () => {
  it.each(rows)('$name', (row) => {
    const result = run(row.constraints, row.weights, {}, row.topK);
    expect(keys(result)).toEqual(row.ranking);
    for (const [key, reasons] of Object.entries(row.rejected ?? {})) {
      const r = result.rejected.find((x) => `${x.providerId}/${x.regionCodes.join('+')}` === key);
      expect(r?.reasons).toEqual(reasons);
    }
    const whyNot = Object.fromEntries(result.whyNot.map((x) => [x.providerId, x.reason]));
    if (row.whyNot) expect(whyNot).toEqual(row.whyNot);
  });
});

describe('scoreOptions: result shape', () => {
  it('traces every criterion: raw, normalized, weight share, contribution', () => {
    const top = run({}, BALANCED).options.find((o) => o.providerId === 'onprem-london')!;
    const cost = top.trace.find((t) => t.criterion === 'cost')!;
    // cheapest: normalized 1, weight 1/4, contribution 0.25
    expect(cost).toMatchObject({
      raw: 29.2,
      unit: 'USD/month',
      normalized: 1,
      weight: 0.25,
      contribution: 0.25,
    });
    // no SLA → availability normalises as worst, and says so
    expect(top.trace.find((t) => t.criterion === 'availability')).toMatchObject({
      raw: null,
      normalized: 0,
      note: 'no SLA known: normalises as worst',
    });
    expect(top.score).toBeCloseTo(
      top.trace.reduce((s, t) => s + t.contribution, 0),
      12,
    );
    expect(top.latency.basis).toBe('ESTIMATED');
    expect(top.cost.totalUsd).toBe('29.2');
    expect(top.cost.onPremTco).toBeNull();
  });

  it('a criterion equal for every option normalises to 1 for all (each is the best); an unknown one to 0', () => {
    const result = run({ providers: ['aws'] }, BALANCED, { users: [] });
    for (const o of result.options) {
      expect(o.trace.find((t) => t.criterion === 'availability')).toMatchObject({ raw: 99.5, normalized: 1 });
      expect(o.trace.find((t) => t.criterion === 'latency')).toMatchObject({ raw: null, normalized: 0 });
    }
  });

  it('Pareto: an option worse on every criterion than another is not on the front', () => {
    const a = region('gcp', 'a', 'DE', CITIES.frankfurt);
    const b = region('gcp', 'b', 'DE', CITIES.frankfurt); // same as a but dearer: dominated
    const c = region('gcp', 'c', 'DE', CITIES.frankfurt, { carbonGco2ePerKwh: 10 }); // dearer but greener: on the front
    const offers = [offer(a, 'x', 2, 8, '0.10'), offer(b, 'x', 2, 8, '0.20'), offer(c, 'x', 2, 8, '0.30')];
    const w = workload([component('app', 2, 8)], { users: FRANKFURT_USERS });
    const result = scoreOptions(
      { regions: [a, b, c], offers: createOfferListSource(offers) },
      w,
      BALANCED,
      NOW,
    );
    expect(Object.fromEntries(result.options.map((o) => [o.regions[0].regionCode, o.pareto]))).toEqual({
      a: true,
      b: false,
      c: true,
    });
  });

  it('ties: equal scores and costs order by provider id then region code, whatever the input order', () => {
    const twins = ['zeta', 'alpha', 'mid'].flatMap((p) =>
      ['r2', 'r1'].map((code) => region(p, code, 'DE', CITIES.frankfurt)),
    );
    const offers = twins.map((r) => offer(r, 'x', 2, 8, '0.10'));
    const w = workload([component('app', 2, 8)]);
    const forward = scoreOptions(
      { regions: twins, offers: createOfferListSource(offers) },
      w,
      COST_ONLY,
      NOW,
    );
    const backward = scoreOptions(
      { regions: [...twins].reverse(), offers: createOfferListSource([...offers].reverse()) },
      w,
      COST_ONLY,
      NOW,
    );
    expect(keys(forward)).toEqual(['alpha/r1', 'alpha/r2', 'mid/r1', 'mid/r2', 'zeta/r1', 'zeta/r2']);
    expect(backward).toEqual(forward);
  });

  it('two regions: composite availability 1 − 0.001 × 0.0005 = 99.99995% meets 99.999%', () => {
    const r1 = region('gcp', 'europe-west3', 'DE', CITIES.frankfurt, {
      sla: { singleInstancePct: 99.9, multiZonePct: null, creditTiers: [] },
    });
    const r2 = region('gcp', 'europe-west9', 'FR', CITIES.paris, {
      sla: { singleInstancePct: 99.95, multiZonePct: null, creditTiers: [] },
    });
    const offers = [offer(r1, 'e2', 2, 8, '0.10'), offer(r2, 'e2', 2, 8, '0.10')];
    const w = workload([component('app', 2, 8)], {
      regionsCount: 2,
      constraints: { minAvailability: 99.999 },
    });
    const result = scoreOptions(
      { regions: [r1, r2], offers: createOfferListSource(offers) },
      w,
      COST_ONLY,
      NOW,
    );
    expect(keys(result)).toEqual(['gcp/europe-west3+europe-west9']);
    expect(result.options[0].availabilityPct).toBeCloseTo(99.99995, 9);
    // 2 × 0.10 × 730 = $146.00
    expect(result.options[0].cost.totalUsd).toBe('146');
    // Frankfurt–Paris 477.9 km → 2 × 477.9 / 200 × 1.5 + 2 = 9.17 ms (estimated)
    expect(result.options[0].latency.replicaRttMs).toBeCloseTo(9.17, 2);
    const single = scoreOptions(
      { regions: [r1, r2], offers: createOfferListSource(offers) },
      { ...w, regionsCount: 1 },
      COST_ONLY,
      NOW,
    );
    expect(single.options).toEqual([]);
  });

  it('a provider with fewer feasible regions than regionsCount is rejected with the count', () => {
    const result = run({}, COST_ONLY, { regionsCount: 2 });
    expect(keys(result)).toEqual(['aws/eu-central-1+us-east-1']);
    expect(result.whyNot.find((x) => x.providerId === 'ovh')?.reason).toBe(
      'rejected: regionsCount: ovh has 1 feasible region(s), 2 needed',
    );
  });

  it('weights all zero is an input error', () => {
    expect(() => run({}, { cost: 0, latency: 0, availability: 0, carbon: 0 })).toThrow(PlacementInputError);
    expect(() => run({}, { cost: 0, latency: 0, availability: 0, carbon: 0 })).toThrow(
      'weights: all weights are zero',
    );
  });

  it('stamps the result with now, never the clock', () => {
    expect(run().evaluatedAt).toBe('2026-11-27T12:00:00.000Z');
  });
});
