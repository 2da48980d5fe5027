import { accrueDay } from './accrue-day.js';
import { sumDecimals } from './exact-sum.js';
import { deployment, GCP, GCP_BELGIUM, priceChange } from './finance-fixtures.js';
import type { Deployment, PriceChange } from './finance-types.js';
import type { FocusCostRow } from './focus-columns.js';
import { validateFocusRows } from './focus-validate.js';

interface ExpectedRow {
  deploymentId: string;
  start: string;
  end: string;
  quantity: string;
  listUnitPrice: string;
  billedCost: string;
}

interface Case {
  name: string;
  day: string;
  deployments: Deployment[];
  history?: PriceChange[];
  rows: ExpectedRow[];
  dayTotal: string;
  skipped?: string[];
}

const row = (
  deploymentId: string,
  start: string,
  end: string,
  quantity: string,
  listUnitPrice: string,
  billedCost: string,
): ExpectedRow => ({
  deploymentId,
  start,
  end,
  quantity,
  listUnitPrice,
  billedCost,
});

const cases: Case[] = [
  {
    // 2 × 0.192 $/h × 24 h = 9.216
    name: 'a deployment running all day is one 24-hour row',
    day: '2026-03-10',
    deployments: [deployment('d1', { count: 2 })],
    rows: [row('d1', '2026-03-10T00:00:00Z', '2026-03-11T00:00:00Z', '48', '0.192', '9.216')],
    dayTotal: '9.216',
  },
  {
    // new catalog version active at 12:00: 2 × 0.192 × 12 = 4.608, then 2 × 0.2 × 12 = 4.8; 9.408
    name: 'a price change at 2026-03-15T12:00Z splits the day',
    day: '2026-03-15',
    deployments: [deployment('d1', { count: 2 })],
    history: [priceChange('2026-03-15T12:00:00Z', '0.2')],
    rows: [
      row('d1', '2026-03-15T00:00:00Z', '2026-03-15T12:00:00Z', '24', '0.192', '4.608'),
      row('d1', '2026-03-15T12:00:00Z', '2026-03-16T00:00:00Z', '24', '0.2', '4.8'),
    ],
    dayTotal: '9.408',
  },
  {
    // AWS until 09:30: 2 × 0.192 × 9.5 = 3.648; GCP from 09:30: 3 × 0.0104 × 14.5 = 0.4524; 4.1004
    name: 'a migration at 09:30 ends one deployment and starts the next, no gap, no overlap',
    day: '2026-03-10',
    deployments: [
      deployment('d-aws', { count: 2, to: '2026-03-10T09:30:00Z' }),
      deployment('d-gcp', {
        count: 3,
        from: '2026-03-10T09:30:00Z',
        provider: GCP,
        region: GCP_BELGIUM,
        offer: {
          id: 'offer-e2-micro',
          sku: 'E2MICRO-EUW1',
          service: 'Compute Engine',
          pricePerUnit: '0.0104',
          pricePerUnitUsd: '0.0104',
        },
      }),
    ],
    rows: [
      row('d-aws', '2026-03-10T00:00:00Z', '2026-03-10T09:30:00Z', '19', '0.192', '3.648'),
      row('d-gcp', '2026-03-10T09:30:00Z', '2026-03-11T00:00:00Z', '43.5', '0.0104', '0.4524'),
    ],
    dayTotal: '4.1004',
  },
  {
    // old price 0.192 until 06:00, 0.18 until 18:00, 0.2 after: 1.152 + 2.16 + 1.2 = 4.512
    name: 'two price changes in one day give three rows; a change before the day sets the opening price',
    day: '2026-03-20',
    deployments: [deployment('d1')],
    history: [
      priceChange('2026-03-02T00:00:00Z', '0.192'),
      priceChange('2026-03-20T18:00:00Z', '0.2'),
      priceChange('2026-03-20T06:00:00Z', '0.18'),
    ],
    rows: [
      row('d1', '2026-03-20T00:00:00Z', '2026-03-20T06:00:00Z', '6', '0.192', '1.152'),
      row('d1', '2026-03-20T06:00:00Z', '2026-03-20T18:00:00Z', '12', '0.18', '2.16'),
      row('d1', '2026-03-20T18:00:00Z', '2026-03-21T00:00:00Z', '6', '0.2', '1.2'),
    ],
    dayTotal: '4.512',
  },
  {
    // started 03-10 at its own 0.15 (a snapshot the catalog's 03-01 price of 0.3 does not override); 03-15 12:00 → 0.2
    name: 'a change before the deployment started keeps its own price; a later one re-prices it',
    day: '2026-03-15',
    deployments: [
      deployment('d1', {
        from: '2026-03-10T00:00:00Z',
        offer: { pricePerUnit: '0.15', pricePerUnitUsd: '0.15' },
      }),
    ],
    history: [priceChange('2026-03-01T00:00:00Z', '0.3'), priceChange('2026-03-15T12:00:00Z', '0.2')],
    rows: [
      row('d1', '2026-03-15T00:00:00Z', '2026-03-15T12:00:00Z', '12', '0.15', '1.8'),
      row('d1', '2026-03-15T12:00:00Z', '2026-03-16T00:00:00Z', '12', '0.2', '2.4'),
    ],
    dayTotal: '4.2',
  },
  {
    name: 'a price fixed outside the catalog is not re-priced by a catalog change of its sku',
    day: '2026-03-15',
    deployments: [
      deployment('d1', { offer: { pricePerUnit: '0.3', pricePerUnitUsd: '0.3', priceFixed: true } }),
    ],
    history: [priceChange('2026-03-15T12:00:00Z', '0.2')],
    rows: [row('d1', '2026-03-15T00:00:00Z', '2026-03-16T00:00:00Z', '24', '0.3', '7.2')],
    dayTotal: '7.2',
  },
  {
    name: 'a change for another region or purchase option does not apply',
    day: '2026-03-15',
    deployments: [deployment('d1')],
    history: [
      priceChange('2026-03-15T12:00:00Z', '9', { regionCode: 'us-east-1' }),
      priceChange('2026-03-15T12:00:00Z', '9', { purchaseOption: 'SPOT' }),
    ],
    rows: [row('d1', '2026-03-15T00:00:00Z', '2026-03-16T00:00:00Z', '24', '0.192', '4.608')],
    dayTotal: '4.608',
  },
  {
    // half-open: ending at 00:00 on the 10th means nothing on the 10th; starting at 00:00 on the 11th likewise
    name: 'deployments ending at the day start or starting at the day end accrue nothing',
    day: '2026-03-10',
    deployments: [
      deployment('ended', { to: '2026-03-10T00:00:00Z' }),
      deployment('later', { from: '2026-03-11T00:00:00Z' }),
    ],
    rows: [],
    dayTotal: '0',
  },
  {
    // 20 minutes = 1/3 h, rounded to 12 places: 0.333333333333 × 0.192 = 0.063999999999936
    name: 'a stretch that is not a terminating decimal of hours is rounded to 12 places, never floated',
    day: '2026-03-10',
    deployments: [deployment('d1', { from: '2026-03-10T10:00:00Z', to: '2026-03-10T10:20:00Z' })],
    rows: [
      row(
        'd1',
        '2026-03-10T10:00:00Z',
        '2026-03-10T10:20:00Z',
        '0.333333333333',
        '0.192',
        '0.063999999999936',
      ),
    ],
    dayTotal: '0.063999999999936',
  },
  {
    // EUR 0.0900/h listed, 0.0972 USD/h through FX: 24 × 0.0972 = 2.3328 USD billed
    name: 'a price in another currency bills in USD and keeps the list price in PricingCurrency',
    day: '2026-03-10',
    deployments: [
      deployment('d-eu', { offer: { currency: 'EUR', pricePerUnit: '0.0900', pricePerUnitUsd: '0.0972' } }),
    ],
    rows: [row('d-eu', '2026-03-10T00:00:00Z', '2026-03-11T00:00:00Z', '24', '0.0972', '2.3328')],
    dayTotal: '2.3328',
  },
  {
    name: 'metered units and prices without USD are skipped with a reason, not guessed',
    day: '2026-03-10',
    deployments: [
      deployment('d-storage', { offer: { unit: 'GB_MONTH', serviceCategory: 'STORAGE' } }),
      deployment('d-nofx', { offer: { currency: 'CHF', pricePerUnitUsd: null } }),
    ],
    rows: [],
    dayTotal: '0',
    skipped: ['d-storage: unit GB_MONTH is metered', 'd-nofx: no USD price'],
  },
];

describe('accrueDay', () => {
  it.each(cases)('$name', ({ day, deployments, history, rows: expected, dayTotal, skipped }) => {
    const accrual = accrueDay(day, deployments, history ?? []);
    expect(
      accrual.rows.map((r) =>
        row(
          r.x_DeploymentId,
          r.ChargePeriodStart,
          r.ChargePeriodEnd,
          r.PricingQuantity ?? '',
          r.ListUnitPrice ?? '',
          r.BilledCost,
        ),
      ),
    ).toEqual(expected);
    expect(sumDecimals(accrual.rows.map((r) => r.BilledCost))).toBe(dayTotal);
    for (const reason of skipped ?? []) {
      const [id, text] = reason.split(': ');
      expect(accrual.skipped.some((s) => s.deploymentId === id && s.reason.includes(text))).toBe(true);
    }
    expect(accrual.skipped).toHaveLength(skipped?.length ?? 0);
    expect(validateFocusRows(accrual.rows)).toEqual([]);
  });

  it('fills the FOCUS columns of a usage row', () => {
    const [r] = accrueDay(
      '2026-03-10',
      [deployment('d1', { count: 2, billingAccountId: '123456789012' })],
      [],
    ).rows;
    expect(r).toMatchObject<Partial<FocusCostRow>>({
      BillingAccountId: '123456789012',
      BillingCurrency: 'USD',
      BillingPeriodStart: '2026-03-01T00:00:00Z',
      BillingPeriodEnd: '2026-04-01T00:00:00Z',
      ChargeCategory: 'Usage',
      ChargeClass: null,
      ChargeFrequency: 'Usage-Based',
      PricingUnit: 'Hours',
      PricingCategory: 'Standard',
      ListCost: '9.216',
      ContractedCost: '9.216',
      EffectiveCost: '9.216',
      ProviderName: 'AWS',
      PublisherName: 'AWS',
      InvoiceIssuerName: 'AWS',
      RegionId: 'eu-west-1',
      RegionName: 'Europe (Ireland)',
      ServiceName: 'AmazonEC2',
      ServiceCategory: 'Compute',
      SkuId: 'M5LARGE-EUW1',
      SkuPriceId: 'offer-m5-large',
      ResourceId: 'd1/web',
      ResourceName: 'shop/web',
      Tags: { env: 'prod' },
      x_WorkloadId: 'wl-shop',
      x_DeploymentId: 'd1',
      x_Basis: 'ESTIMATED',
      x_IdempotencyKey: 'd1@2026-03-10T00:00:00Z',
    });
  });

  it('prices a negotiated rate as ContractedCost, Billed and Effective, keeping ListCost at list', () => {
    // list 2 × 0.192 × 24 = 9.216; contracted 2 × 0.15 × 24 = 7.2
    const [r] = accrueDay(
      '2026-03-10',
      [deployment('d1', { count: 2, offer: { contractedPricePerUnitUsd: '0.15' } })],
      [],
    ).rows;
    expect([r?.ListCost, r?.ContractedCost, r?.BilledCost, r?.EffectiveCost, r?.ContractedUnitPrice]).toEqual(
      ['9.216', '7.2', '7.2', '7.2', '0.15'],
    );
  });

  it('re-accruing a day gives the same rows and the same idempotency keys', () => {
    const deployments = [
      deployment('d-aws', { count: 2, to: '2026-03-15T09:30:00Z' }),
      deployment('d-gcp', { from: '2026-03-15T09:30:00Z', provider: GCP }),
    ];
    const history = [priceChange('2026-03-15T12:00:00Z', '0.2')];
    const first = accrueDay('2026-03-15', deployments, history);
    const again = accrueDay('2026-03-15', deployments, history);
    expect(again).toEqual(first);
    const keys = first.rows.map((r) => r.x_IdempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('half-open periods of a deployment tile its part of the day, never overlapping', () => {
    const history = ['03:00', '07:45', '07:45', '13:30', '23:59'].map((t, i) =>
      priceChange(`2026-03-15T${t}:00Z`, `0.1${i}`),
    );
    const d = deployment('d1', { from: '2026-03-15T02:10:00Z', to: '2026-03-15T22:00:00Z' });
    const rows = accrueDay('2026-03-15', [d], history).rows;
    expect(rows[0]?.ChargePeriodStart).toBe('2026-03-15T02:10:00Z');
    expect(rows.at(-1)?.ChargePeriodEnd).toBe('2026-03-15T22:00:00Z');
    for (const [i, r] of rows.entries()) {
      expect(Date.parse(r.ChargePeriodStart)).toBeLessThan(Date.parse(r.ChargePeriodEnd));
      if (i > 0) expect(r.ChargePeriodStart).toBe(rows[i - 1]?.ChargePeriodEnd);
    }
    // 02:10–22:00 is 19 h 50 min, cut at 03:00, 07:45 (twice: one cut), 13:30
    expect(rows).toHaveLength(4);
  });

  it('a 31-day month equals the sum of its days exactly, where a float sum drifts', () => {
    // March 2026 = 744 h. 3 × 0.0104 $/h for 14.5 days (348 h) = 10.8576, then 3 × 0.0105 $/h for 396 h = 12.474; 23.3316
    const d = deployment('d1', { count: 3, offer: { pricePerUnit: '0.0104', pricePerUnitUsd: '0.0104' } });
    const history = [priceChange('2026-03-15T12:00:00Z', '0.0105')];
    const days = Array.from({ length: 31 }, (_, i) => `2026-03-${String(i + 1).padStart(2, '0')}`);
    const rows = days.flatMap((day) => accrueDay(day, [d], history).rows);
    expect(rows).toHaveLength(32);
    expect(sumDecimals(rows.map((r) => r.BilledCost))).toBe('23.3316');
    expect(sumDecimals(rows.map((r) => r.PricingQuantity ?? '0'))).toBe('2232'); // 3 × 744 instance-hours

    // the same month hour by hour: 744 × 3 × 0.0104 = 23.2128 exactly; as floats it is not
    const flat = deployment('d2', { count: 3, offer: { pricePerUnit: '0.0104', pricePerUnitUsd: '0.0104' } });
    const hourly = days.flatMap((day) => accrueDay(day, [flat], []).rows);
    expect(sumDecimals(hourly.map((r) => r.BilledCost))).toBe('23.2128');
    let floatSum = 0;
    for (let hour = 0; hour < 744; hour++) floatSum += 3 * 0.0104;
    expect(floatSum).not.toBe(23.2128);
  });

  it('refuses a day that does not exist', () => {
    expect(() => accrueDay('2026-02-30', [], [])).toThrow(RangeError);
  });
});
