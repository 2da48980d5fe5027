import { HOURS_PER_MONTH, money } from '../money.js';
import { deployment, GCP, priceChange } from './finance-fixtures.js';
import type { Deployment, PriceChange } from './finance-types.js';
import { forecastSpend } from './forecast.js';

interface Case {
  name: string;
  from: string;
  months: number;
  deployments: Deployment[];
  prices?: PriceChange[];
  /** month → providerId → cost */
  expected: Record<string, Record<string, string>>;
}

const cases: Case[] = [
  {
    // calendar hours: Feb 672 × 0.192 = 129.024, Mar 744 × 0.192 = 142.848, Apr 720 × 0.192 = 138.24
    name: 'each month is priced by its calendar hours, not 730',
    from: '2026-02-01T00:00:00Z',
    months: 3,
    deployments: [deployment('d1', { from: '2026-01-01T00:00:00Z' })],
    expected: { '2026-02': { aws: '129.024' }, '2026-03': { aws: '142.848' }, '2026-04': { aws: '138.24' } },
  },
  {
    // 16 days left in March = 384 h; 3 × 0.0104 × 384 = 11.9808
    name: 'the first month counts only the hours from `from` to its end',
    from: '2026-03-16T00:00:00Z',
    months: 1,
    deployments: [
      deployment('d1', { count: 3, offer: { pricePerUnit: '0.0104', pricePerUnitUsd: '0.0104' } }),
    ],
    expected: { '2026-03': { aws: '11.9808' } },
  },
  {
    // in force at `from`: 0.18 (changed 03-01); scheduled 0.2 from 04-01: Mar 24 × 0.18 = 4.32, Apr 720 × 0.2 = 144
    name: 'the price in force at `from` and scheduled changes apply',
    from: '2026-03-31T00:00:00Z',
    months: 2,
    deployments: [deployment('d1')],
    prices: [priceChange('2026-03-01T00:00:00Z', '0.18'), priceChange('2026-04-01T00:00:00Z', '0.2')],
    expected: { '2026-03': { aws: '4.32' }, '2026-04': { aws: '144' } },
  },
  {
    // lease ends 04-10: 216 h × 0.192 = 41.472; nothing in May
    name: 'a deployment with an end stops there',
    from: '2026-04-01T00:00:00Z',
    months: 2,
    deployments: [deployment('d1', { to: '2026-04-10T00:00:00Z' })],
    expected: { '2026-04': { aws: '41.472' } },
  },
  {
    // AWS 2 × 0.192 × 744 = 285.696; GCP 3 × 0.0104 × 744 = 23.2128, starting 03-01 after the migration
    name: 'per provider',
    from: '2026-03-01T00:00:00Z',
    months: 1,
    deployments: [
      deployment('d-aws', { count: 2 }),
      deployment('d-gcp', {
        count: 3,
        provider: GCP,
        offer: { sku: 'E2', pricePerUnit: '0.0104', pricePerUnitUsd: '0.0104' },
      }),
    ],
    expected: { '2026-03': { aws: '285.696', gcp: '23.2128' } },
  },
  {
    // negotiated 0.15 × 744 = 111.6, as accrual will bill it
    name: 'a negotiated price is what is forecast',
    from: '2026-03-01T00:00:00Z',
    months: 1,
    deployments: [deployment('d1', { offer: { contractedPricePerUnitUsd: '0.15' } })],
    expected: { '2026-03': { aws: '111.6' } },
  },
];

describe('forecastSpend', () => {
  it.each(cases)('$name', ({ from, months, deployments, prices, expected }) => {
    const forecast = forecastSpend({ from, months, deployments, prices: prices ?? [] });
    const actual: Record<string, Record<string, string>> = {};
    for (const p of forecast.byProvider) (actual[p.month] ??= {})[p.providerId] = p.cost;
    expect(actual).toEqual(expected);
    expect(forecast.skipped).toEqual([]);
  });

  it('a 730-hour month would be 1.9 % low for March: calendar hours are what the ledger accrues', () => {
    const [march] = forecastSpend({
      from: '2026-03-01T00:00:00Z',
      months: 1,
      deployments: [deployment('d1')],
      prices: [],
    }).byProvider;
    expect(march?.instanceHours).toBe('744');
    expect(money('0.192').mul(HOURS_PER_MONTH).toFixed()).toBe('140.16');
    expect(march?.cost).toBe('142.848');
  });

  it('skips metered offers with a reason', () => {
    const forecast = forecastSpend({
      from: '2026-03-01T00:00:00Z',
      months: 1,
      deployments: [deployment('s', { offer: { unit: 'GB_MONTH' } })],
      prices: [],
    });
    expect(forecast.lines).toEqual([]);
    expect(forecast.skipped[0]?.reason).toContain('metered');
  });
});
