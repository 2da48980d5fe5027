import { deployment, priceChange } from './finance-fixtures.js';
import type { Deployment, PriceChange } from './finance-types.js';
import { monthlyRunRateUsd, priceChangesAffecting, type PriceImpact } from './price-impact.js';

const NOW = '2026-04-10T00:00:00Z';

const cases: [string, Deployment[], PriceChange[], Partial<PriceImpact>[]][] = [
  // 2 × (0.2 − 0.192) × 730 = 11.68 a month more; +4.17 %
  [
    'a later catalog price re-prices a running deployment',
    [deployment('d1', { count: 2 })],
    [priceChange('2026-03-15T12:00:00Z', '0.2')],
    [
      {
        deploymentId: 'd1',
        startedPricePerUnit: '0.192',
        currentPricePerUnit: '0.2',
        monthlyImpactUsd: '11.68',
        changePct: '4.17',
        changes: [{ effectiveFrom: '2026-03-15T12:00:00Z', pricePerUnit: '0.2', pricePerUnitUsd: '0.2' }],
      },
    ],
  ],
  // 0.192 → 0.18 → 0.15: 1 × (0.15 − 0.192) × 730 = −30.66
  [
    'two cuts: both listed, the last in force',
    [deployment('d1')],
    [priceChange('2026-03-05T00:00:00Z', '0.18'), priceChange('2026-04-01T00:00:00Z', '0.15')],
    [{ currentPricePerUnit: '0.15', monthlyImpactUsd: '-30.66', changePct: '-21.88' }],
  ],
  [
    'a change back to the starting price is no change',
    [deployment('d1')],
    [priceChange('2026-03-05T00:00:00Z', '0.18'), priceChange('2026-04-01T00:00:00Z', '0.192')],
    [],
  ],
  [
    'a change before the start, a change after now, and an ended deployment do not count',
    [deployment('d1', { from: '2026-03-10T00:00:00Z' }), deployment('ended', { to: '2026-04-01T00:00:00Z' })],
    [priceChange('2026-03-01T00:00:00Z', '0.3'), priceChange('2026-05-01T00:00:00Z', '0.25')],
    [],
  ],
  [
    'no USD price: the change is listed, the monthly impact is unknown',
    [deployment('d1', { offer: { currency: 'CHF', pricePerUnit: '0.2', pricePerUnitUsd: null } })],
    [priceChange('2026-03-15T00:00:00Z', '0.25', { pricePerUnitUsd: null })],
    [{ currentPricePerUnit: '0.25', monthlyImpactUsd: null, changePct: '25' }],
  ],
];

describe('priceChangesAffecting', () => {
  it.each(cases)('%s', (_name, deployments, history, expected) => {
    const impacts = priceChangesAffecting(deployments, history, NOW);
    expect(impacts).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(impacts[i]).toMatchObject(e));
  });

  it('orders the largest monthly increase first', () => {
    const impacts = priceChangesAffecting(
      [deployment('small'), deployment('big', { count: 10 })],
      [priceChange('2026-03-15T00:00:00Z', '0.2')],
      NOW,
    );
    expect(impacts.map((i) => [i.deploymentId, i.monthlyImpactUsd])).toEqual([
      ['big', '58.4'],
      ['small', '5.84'],
    ]);
  });
});

describe('monthlyRunRateUsd', () => {
  it('prices what runs at the instant at the price in force, over 730 hours', () => {
    // 2 × 0.2 × 730 = 292 (re-priced on 03-15) + 3 × 0.0104 × 730 = 22.776; the ended one and the CHF one add nothing
    const run = monthlyRunRateUsd(
      [
        deployment('d1', { count: 2 }),
        deployment('d2', {
          count: 3,
          offer: { sku: 'E2', pricePerUnit: '0.0104', pricePerUnitUsd: '0.0104' },
        }),
        deployment('ended', { to: '2026-04-01T00:00:00Z' }),
        deployment('chf', { offer: { sku: 'X', currency: 'CHF', pricePerUnitUsd: null } }),
      ],
      [priceChange('2026-03-15T00:00:00Z', '0.2')],
      NOW,
    );
    expect(run).toEqual({ costUsd: '314.776', unpriced: ['chf'] });
  });
});
