import { aggregateSpend, type SpendGroup, type SpendQuery, type SpendRow } from './spend.js';

function row(start: string, providerName: string, cost: string, extra: Partial<SpendRow> = {}): SpendRow {
  return {
    chargePeriodStart: start,
    chargePeriodEnd: start.replace(/T\d{2}/, 'T23'),
    providerName,
    regionId: 'eu-west-1',
    regionName: null,
    workloadId: 'wl-shop',
    serviceCategory: 'COMPUTE',
    tags: { env: 'prod' },
    billingCurrency: 'USD',
    billedCost: cost,
    effectiveCost: cost,
    listCost: cost,
    ...extra,
  };
}

const rows: SpendRow[] = [
  row('2026-03-01T00:00:00Z', 'AWS', '0.1'),
  row('2026-03-01T12:00:00Z', 'AWS', '0.2'),
  row('2026-03-01T00:00:00Z', 'Google Cloud', '0.0104', { regionId: null, regionName: 'Belgium', tags: {} }),
  row('2026-03-02T00:00:00Z', 'AWS', '1.5', {
    serviceCategory: 'STORAGE',
    tags: { env: 'dev' },
    listCost: null,
  }),
  row('2026-04-01T00:00:00Z', 'AWS', '-0.3', { workloadId: null }),
  row('2026-03-01T00:00:00Z', 'AWS', '5', { billingCurrency: 'EUR' }),
];

type Expected = Pick<SpendGroup, 'period' | 'keys' | 'currency' | 'amount'>;

const cases: [string, SpendQuery, Expected[]][] = [
  [
    // 0.1 + 0.2 = 0.3 exactly (0.30000000000000004 as floats); EUR kept apart
    'by provider and day',
    { groupBy: ['PROVIDER'], granularity: 'DAY', metric: 'BILLED' },
    [
      { period: '2026-03-01', keys: { PROVIDER: 'AWS' }, currency: 'EUR', amount: '5' },
      { period: '2026-03-01', keys: { PROVIDER: 'AWS' }, currency: 'USD', amount: '0.3' },
      { period: '2026-03-01', keys: { PROVIDER: 'Google Cloud' }, currency: 'USD', amount: '0.0104' },
      { period: '2026-03-02', keys: { PROVIDER: 'AWS' }, currency: 'USD', amount: '1.5' },
      { period: '2026-04-01', keys: { PROVIDER: 'AWS' }, currency: 'USD', amount: '-0.3' },
    ],
  ],
  [
    'by month, region falls back to RegionName, workload null sorts last',
    { groupBy: ['REGION', 'WORKLOAD'], granularity: 'MONTH', metric: 'EFFECTIVE' },
    [
      {
        period: '2026-03',
        keys: { REGION: 'Belgium', WORKLOAD: 'wl-shop' },
        currency: 'USD',
        amount: '0.0104',
      },
      { period: '2026-03', keys: { REGION: 'eu-west-1', WORKLOAD: 'wl-shop' }, currency: 'EUR', amount: '5' },
      {
        period: '2026-03',
        keys: { REGION: 'eu-west-1', WORKLOAD: 'wl-shop' },
        currency: 'USD',
        amount: '1.8',
      },
      { period: '2026-04', keys: { REGION: 'eu-west-1', WORKLOAD: null }, currency: 'USD', amount: '-0.3' },
    ],
  ],
  [
    'by service category and tag; an untagged row groups under null; an all-null metric sums to null',
    { groupBy: ['SERVICE_CATEGORY', { tag: 'env' }], granularity: 'MONTH', metric: 'LIST' },
    [
      {
        period: '2026-03',
        keys: { SERVICE_CATEGORY: 'Compute', 'TAG:env': 'prod' },
        currency: 'EUR',
        amount: '5',
      },
      {
        period: '2026-03',
        keys: { SERVICE_CATEGORY: 'Compute', 'TAG:env': 'prod' },
        currency: 'USD',
        amount: '0.3',
      },
      {
        period: '2026-03',
        keys: { SERVICE_CATEGORY: 'Compute', 'TAG:env': null },
        currency: 'USD',
        amount: '0.0104',
      },
      {
        period: '2026-03',
        keys: { SERVICE_CATEGORY: 'Storage', 'TAG:env': 'dev' },
        currency: 'USD',
        amount: null,
      },
      {
        period: '2026-04',
        keys: { SERVICE_CATEGORY: 'Compute', 'TAG:env': 'prod' },
        currency: 'USD',
        amount: '-0.3',
      },
    ],
  ],
];

describe('aggregateSpend', () => {
  it.each(cases)('%s', (_name, query, expected) => {
    expect(
      aggregateSpend(rows, query).map(({ period, keys, currency, amount }) => ({
        period,
        keys,
        currency,
        amount,
      })),
    ).toEqual(expected);
  });

  it('counts rows per group and needs no dimension for a plain total', () => {
    expect(aggregateSpend(rows, { groupBy: [], granularity: 'MONTH', metric: 'BILLED' })).toEqual([
      { period: '2026-03', keys: {}, currency: 'EUR', amount: '5', rowCount: 1 },
      { period: '2026-03', keys: {}, currency: 'USD', amount: '1.8104', rowCount: 4 },
      { period: '2026-04', keys: {}, currency: 'USD', amount: '-0.3', rowCount: 1 },
    ]);
  });

  it('stays exact over many rows whose float sum drifts', () => {
    const many = Array.from({ length: 744 }, (_, h) =>
      row(new Date(Date.UTC(2026, 2, 1, h)).toISOString(), 'AWS', '0.0312'),
    );
    const [march] = aggregateSpend(many, { groupBy: [], granularity: 'MONTH', metric: 'BILLED' });
    expect(march?.amount).toBe('23.2128');
  });
});
