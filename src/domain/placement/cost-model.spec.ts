import { createOfferListSource, hourlyEquivalentUsd, type ListedOffer } from './compute-offers.js';
import { exactCostBreakdown } from './cost-breakdown.js';
import { priceRegion } from './cost-model.js';
import { splitByTiers } from './egress-cost.js';
import { CITIES, COST_ONLY, component, offer, region, workload } from './placement-fixtures.js';
import type { CandidateRegion, Component, Constraints } from './placement-types.js';
import { resolveWorkload } from './workload-input.js';

const fra = region('aws', 'eu-central-1', 'DE', CITIES.frankfurt);
const gcpFra = region('gcp', 'europe-west3', 'DE', CITIES.frankfurt, {
  customShapes: [
    {
      label: 'n2-custom',
      purchaseOption: 'ON_DEMAND',
      os: null,
      arch: 'x86_64',
      vcpuPerHourUsd: '0.031611',
      memoryGibPerHourUsd: '0.004237',
      vcpuOfferId: 'c1',
      memoryOfferId: 'm1',
    },
  ],
});

interface Row {
  name: string;
  region?: CandidateRegion;
  offers: ListedOffer[];
  components: Component[];
  constraints?: Constraints;
  regionsCount?: number;
  /** Chosen instance type per component, null = none fits. */
  chosen: (string | null)[];
  totalUsd: string;
  computeUsd?: string;
  storageUsd?: string;
  egressUsd?: string;
  unknownPrices?: string[];
  onPremTco?: Record<string, string>;
}

const rows: Row[] = [
  {
    // m6a.xlarge is twice the size but cheaper: 2 × 0.090 $/h × 730 h = $131.40 (exact fit would be 2 × 0.096 × 730 = $140.16)
    name: 'cheapest fitting type: a bigger cheaper type beats an exact-fit dearer one',
    offers: [
      offer(fra, 'm5.large', 2, 8, '0.096'),
      offer(fra, 'm6a.xlarge', 4, 16, '0.090'),
      offer(fra, 't3.small', 2, 2, '0.0208'),
    ],
    components: [component('app', 2, 8, { count: 2 })],
    chosen: ['m6a.xlarge'],
    totalUsd: '131.4',
  },
  {
    // t3.small (2 GiB) is cheapest but too small; m5.large fits: 1 × 0.096 × 730 = $70.08
    name: 'a cheaper type with too little memory does not fit',
    offers: [offer(fra, 't3.small', 2, 2, '0.0208'), offer(fra, 'm5.large', 2, 8, '0.096')],
    components: [component('app', 2, 8)],
    chosen: ['m5.large'],
    totalUsd: '70.08',
  },
  {
    // only the A100 type fits 1 × A100: 3.673 × 730 = $2,681.29; g5 has an A10G, c5 no GPU
    name: 'GPU model and count must fit',
    offers: [
      offer(fra, 'c5.4xlarge', 16, 32, '0.68'),
      offer(fra, 'g5.xlarge', 4, 16, '1.006', { gpuModel: 'A10G', gpuCount: 1 }),
      offer(fra, 'a2-highgpu-1g', 12, 85, '3.673', { gpuModel: 'A100', gpuCount: 1 }),
      offer(fra, 'p4d.24xlarge', 96, 1152, '32.7726', { gpuModel: 'A100', gpuCount: 8 }),
    ],
    components: [component('train', 4, 16, { gpuModel: 'a100' })],
    chosen: ['a2-highgpu-1g'],
    totalUsd: '2681.29',
  },
  {
    // arm64 asked: m7g.large 0.0816 × 730 = $59.568 although the x86 type is cheaper
    name: 'arch asked is honoured',
    offers: [
      offer(fra, 'm6a.large', 2, 8, '0.05'),
      offer(fra, 'm7g.large', 2, 8, '0.0816', { arch: 'arm64' }),
    ],
    components: [component('app', 2, 8, { arch: 'arm64' })],
    chosen: ['m7g.large'],
    totalUsd: '59.568',
  },
  {
    // arch unspecified = any: the cheapest, 0.05 × 730 = $36.50
    name: 'arch unspecified fits any architecture',
    offers: [
      offer(fra, 'm6a.large', 2, 8, '0.05'),
      offer(fra, 'm7g.large', 2, 8, '0.0816', { arch: 'arm64' }),
    ],
    components: [component('app', 2, 8)],
    chosen: ['m6a.large'],
    totalUsd: '36.5',
  },
  {
    // custom 2 vCPU × 0.031611 + 4 GiB × 0.004237 = 0.08017 $/h × 730 = $58.5241 < n2-standard-4 0.1942 × 730 = $141.766
    name: 'custom shape (per-vCPU + per-GiB) when cheaper than any fitting type',
    region: gcpFra,
    offers: [offer(gcpFra, 'n2-standard-4', 4, 16, '0.1942')],
    components: [component('app', 2, 4)],
    chosen: ['n2-custom'],
    totalUsd: '58.5241',
  },
  {
    // RESERVED_3Y priced for the whole term: 1681.92 / (8760 × 3) = 0.064 $/h × 730 = $46.72
    name: 'reservation priced ONE_TIME for the term is spread over its hours',
    offers: [
      offer(fra, 'm5.large', 2, 8, '0.096'),
      offer(fra, 'm5.large', 2, 8, '1681.92', {
        purchaseOption: 'RESERVED_3Y',
        unit: 'ONE_TIME',
        pricePerHourUsd: 0.064,
      }),
    ],
    components: [component('app', 2, 8)],
    constraints: { purchaseOptions: ['ON_DEMAND', 'RESERVED_3Y'] },
    chosen: ['m5.large'],
    totalUsd: '46.72',
  },
  {
    // 200 h/month: on demand 0.10 × 200 = $20.00; a 1-year reservation bills the whole month: 525.60 / 8760 × 730 = $43.80
    name: 'part-time component: a commitment bills every hour, so on demand wins',
    offers: [
      offer(fra, 'm5.large', 2, 8, '0.10'),
      offer(fra, 'm5.large', 2, 8, '525.60', {
        purchaseOption: 'RESERVED_1Y',
        unit: 'ONE_TIME',
        pricePerHourUsd: 0.06,
      }),
    ],
    components: [component('batch', 2, 8, { hoursPerMonth: 200 })],
    constraints: { purchaseOptions: ['ON_DEMAND', 'RESERVED_1Y'] },
    chosen: ['m5.large'],
    totalUsd: '20',
  },
  {
    // spot is cheaper but not allowed by default (purchase options default to ON_DEMAND)
    name: 'purchase options default to ON_DEMAND',
    offers: [
      offer(fra, 'm5.large', 2, 8, '0.096'),
      offer(fra, 'm5.large', 2, 8, '0.03', { purchaseOption: 'SPOT' }),
    ],
    components: [component('app', 2, 8)],
    chosen: ['m5.large'],
    totalUsd: '70.08',
  },
  {
    // compute 70.08; storage 2 × 100 GiB × 0.08 = $16.00 for db; cache asks ARCHIVE, which the region does not price
    name: 'storage by class; an unknown class is flagged, never guessed',
    offers: [offer(fra, 'm5.large', 2, 8, '0.048')],
    components: [
      component('db', 2, 8, { storageGib: 100 }),
      component('cache', 2, 8, { storageGib: 50, storageClass: 'ARCHIVE', count: 2 }),
    ],
    chosen: ['m5.large', 'm5.large'],
    // compute: 0.048 × 730 × (1 + 2) = $105.12; total 105.12 + 8.00 = $113.12 (db has 1 instance × 100 GiB × 0.08)
    totalUsd: '113.12',
    storageUsd: '8',
    unknownPrices: ['storage ARCHIVE for cache in eu-central-1'],
  },
  {
    // 10,300 GB: 100 GB free + 10,140 GB × 0.09 = 912.60 + 60 GB × 0.085 = 5.10 → $917.70; compute 0.01 × 730 = 7.30
    name: 'internet egress tiers crossing a boundary',
    region: region('aws', 'eu-central-1', 'DE', CITIES.frankfurt, {
      egress: {
        internet: [
          { startGb: 0, endGb: 100, pricePerGbUsd: '0' },
          { startGb: 100, endGb: 10240, pricePerGbUsd: '0.09' },
          { startGb: 10240, endGb: null, pricePerGbUsd: '0.085' },
        ],
        interRegionPerGbUsd: '0.02',
      },
    }),
    offers: [offer(fra, 't4g.nano', 2, 8, '0.01')],
    components: [component('web', 2, 8, { egressInternetGibPerMonth: 10300 })],
    chosen: ['t4g.nano'],
    totalUsd: '925',
    egressUsd: '917.7',
  },
  {
    // 2 regions: this region serves half the 200 GiB internet egress (100 × 0.09 = 9.00) and forwards half the
    // 50 GiB inter-component traffic to the other replica (25 × 0.02 = 0.50); compute 7.30 → $16.80
    name: 'two replicas: internet egress split, inter-component traffic priced inter-region',
    offers: [offer(fra, 't4g.nano', 2, 8, '0.01')],
    components: [
      component('web', 2, 8, {
        egressInternetGibPerMonth: 200,
        egressToComponents: [{ component: 'web', gibPerMonth: 50 }],
      }),
    ],
    regionsCount: 2,
    chosen: ['t4g.nano'],
    totalUsd: '16.8',
    egressUsd: '9.5',
  },
  {
    // on-prem all-in 0.04 $/h = hardware 0.03 + power×PUE 0.01; 2 × 730 h → total $58.40 = 43.80 + 14.60
    name: 'on-prem keeps its TCO breakdown',
    region: region('onprem-london', 'ldn-1', 'GB', CITIES.london, {
      egress: { internet: null, interRegionPerGbUsd: null },
    }),
    offers: [
      offer({ providerId: 'onprem-london', regionCode: 'ldn-1' }, 'vm-4-16', 4, 16, '0.04', {
        tcoPerHourUsd: { hardware: '0.03', power: '0.01' },
      }),
    ],
    components: [component('app', 4, 16, { count: 2 })],
    chosen: ['vm-4-16'],
    totalUsd: '58.4',
    onPremTco: { hardware: '43.8', power: '14.6' },
  },
  {
    name: 'nothing fits: component reported unfit',
    offers: [offer(fra, 'm5.large', 2, 8, '0.096')],
    components: [component('big', 64, 512)],
    chosen: [null],
    totalUsd: '0',
  },
];

describe('priceRegion', () => {
  it.each(rows)('$name', (row) => {
    const r = row.region ?? fra;
    const w = resolveWorkload(
      workload(row.components, { constraints: row.constraints ?? {}, regionsCount: row.regionsCount }),
      COST_ONLY,
    );
    const cost = priceRegion(r, w, createOfferListSource(row.offers));
    const byName = new Map(cost.choices.map((c) => [c.component.name, c.label]));
    expect(row.components.map((c) => byName.get(c.name) ?? null)).toEqual(row.chosen);
    const exact = exactCostBreakdown([cost]);
    expect(exact.totalUsd).toBe(row.totalUsd);
    expect(cost.monthlyUsd).toBeCloseTo(Number(row.totalUsd), 9);
    if (row.computeUsd) expect(exact.computeUsd).toBe(row.computeUsd);
    if (row.storageUsd) expect(exact.storageUsd).toBe(row.storageUsd);
    if (row.egressUsd) expect(exact.egressUsd).toBe(row.egressUsd);
    expect(exact.unknownPrices).toEqual(row.unknownPrices ?? []);
    expect(exact.onPremTco).toEqual(row.onPremTco ?? null);
  });
});

describe('splitByTiers', () => {
  const tiers = [
    { startGb: 0, endGb: 10, pricePerGbUsd: '0.1' },
    { startGb: 10, endGb: 50, pricePerGbUsd: '0.05' },
  ];
  it.each([
    { name: 'inside the first tier', gb: 4, parts: [4] },
    { name: 'exactly on the boundary', gb: 10, parts: [10] },
    { name: 'across the boundary', gb: 12, parts: [10, 2] },
    // the last tier is bounded at 50: GB past it pay the last tier's price
    { name: 'past a bounded last tier', gb: 70, parts: [10, 60] },
    { name: 'nothing transferred', gb: 0, parts: [] },
  ])('$name', ({ gb, parts }) => {
    expect(splitByTiers(tiers, gb).map((p) => p.gb)).toEqual(parts);
  });
});

describe('hourlyEquivalentUsd', () => {
  it.each([
    {
      name: 'hourly price is itself',
      unit: 'HOUR' as const,
      option: 'ON_DEMAND' as const,
      price: '0.192',
      hourly: '0.192',
    },
    // 876 / 8760 = 0.1
    {
      name: '1-year term / 8,760 h',
      unit: 'ONE_TIME' as const,
      option: 'RESERVED_1Y' as const,
      price: '876',
      hourly: '0.1',
    },
    // 1681.92 / 26280 = 0.064
    {
      name: '3-year term / 26,280 h',
      unit: 'ONE_TIME' as const,
      option: 'RESERVED_3Y' as const,
      price: '1681.92',
      hourly: '0.064',
    },
    {
      name: 'an upfront fee without a term has no hourly equivalent',
      unit: 'ONE_TIME' as const,
      option: 'ON_DEMAND' as const,
      price: '100',
      hourly: null,
    },
  ])('$name', ({ unit, option, price, hourly }) => {
    expect(hourlyEquivalentUsd(unit, option, price)?.toFixed() ?? null).toBe(hourly);
  });
});
