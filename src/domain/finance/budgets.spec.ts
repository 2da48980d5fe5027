import { accrueDay } from './accrue-day.js';
import { evaluateBudget, type Budget, type BudgetAlert } from './budgets.js';
import { deployment } from './finance-fixtures.js';
import type { Deployment } from './finance-types.js';
import { spendRowFromCostRow, type SpendRow } from './spend.js';

// 2 × 0.25 $/h = 12 $ a day; March (31 days) = 372 $. Budget 300 $: 50 % = 150, 80 % = 240, 100 % = 300.
const shop = deployment('d-shop', {
  count: 2,
  offer: { pricePerUnit: '0.25', pricePerUnitUsd: '0.25' },
  from: '2026-02-01T00:00:00Z',
});
const other = deployment('d-other', { workloadId: 'wl-other', count: 10, from: '2026-02-01T00:00:00Z' });
const budget: Budget = {
  id: 'b-shop',
  amount: '300',
  currency: 'USD',
  period: 'MONTH',
  scope: { workloadId: 'wl-shop' },
  thresholdsPct: [50, 80, 100],
};

function ledger(deployments: Deployment[], days: number): SpendRow[] {
  return Array.from({ length: days }, (_, i) => `2026-03-${String(i + 1).padStart(2, '0')}`).flatMap((day) =>
    accrueDay(day, deployments, []).rows.map(spendRowFromCostRow),
  );
}

function at(day: number): string {
  return `2026-03-${String(day).padStart(2, '0')}T00:00:00Z`;
}

describe('evaluateBudget through March, evaluated each midnight', () => {
  const raised: BudgetAlert[] = [];
  const byDay = new Map<number, BudgetAlert[]>();
  beforeAll(() => {
    const rows = ledger([shop, other], 31);
    for (let day = 1; day <= 31; day++) {
      // the ledger holds days 1 … day−1; the forecast covers the rest of the month
      const visible = rows.filter((r) => r.chargePeriodStart < at(day));
      const result = evaluateBudget({
        budget,
        now: at(day),
        actualRows: visible,
        deployments: [shop, other],
        prices: [],
        raisedAlerts: raised,
      });
      byDay.set(day, result.newAlerts);
      raised.push(...result.newAlerts);
    }
  });

  it('raises each threshold once per basis, forecast before actual', () => {
    const summary = raised.map((a) => [a.thresholdPct, a.basis, a.crossedAt, a.amount]);
    expect(summary).toEqual([
      // 03-01: actual 0, forecast 31 × 12 = 372 ≥ 150, 240, 300
      [50, 'FORECAST', at(1), '372'],
      [80, 'FORECAST', at(1), '372'],
      [100, 'FORECAST', at(1), '372'],
      // seen 03-14 (13 days = 156): day 13 carried the total past 150, its period ends 03-14T00:00
      [50, 'ACTUAL', at(14), '156'],
      // seen 03-21 (20 days = 240 exactly: reaching the threshold counts)
      [80, 'ACTUAL', at(21), '240'],
      // seen 03-26 (25 days = 300)
      [100, 'ACTUAL', at(26), '300'],
    ]);
    expect([...byDay].filter(([, alerts]) => alerts.length > 0).map(([day]) => day)).toEqual([1, 14, 21, 26]);
  });

  it('threshold amounts are exact percentages; the other workload (46.08 a day) never counts, as the amounts above show', () => {
    expect(
      raised.every((a) => a.currency === 'USD' && a.thresholdAmount === String((300 * a.thresholdPct) / 100)),
    ).toBe(true);
  });
});

describe('evaluateBudget', () => {
  const rows = ledger([shop], 10); // 10 days = 120

  it('reports actual to date and forecast to period end', () => {
    const result = evaluateBudget({
      budget,
      now: '2026-03-11T06:00:00Z',
      actualThrough: at(11),
      actualRows: rows,
      deployments: [shop],
      prices: [],
      raisedAlerts: [],
    });
    // 120 actual + 21 days × 12 = 252 forecast remainder; 372
    expect([result.period, result.actualToDate, result.forecastToPeriodEnd]).toEqual([
      '2026-03',
      '120',
      '372',
    ]);
  });

  it('an actual crossing raises no forecast alert for the same threshold', () => {
    const small: Budget = { ...budget, amount: '100', thresholdsPct: [100] };
    const result = evaluateBudget({
      budget: small,
      now: at(11),
      actualRows: rows,
      deployments: [shop],
      prices: [],
      raisedAlerts: [],
    });
    // 8 days = 96, 9 days = 108: day 9 carried it past 100, its period ends 03-10T00:00
    expect(result.newAlerts.map((a) => [a.basis, a.crossedAt])).toEqual([['ACTUAL', at(10)]]);
  });

  it('alerts of another period do not silence this one', () => {
    const february: BudgetAlert = {
      budgetId: 'b-shop',
      period: '2026-02',
      thresholdPct: 50,
      basis: 'FORECAST',
      crossedAt: '2026-02-01T00:00:00Z',
      amount: '336',
      thresholdAmount: '150',
      currency: 'USD',
    };
    const result = evaluateBudget({
      budget,
      now: at(1),
      actualRows: [],
      deployments: [shop],
      prices: [],
      raisedAlerts: [february],
    });
    expect(result.newAlerts.map((a) => a.thresholdPct)).toEqual([50, 80, 100]);
  });

  it('a price cut that brings the forecast under a threshold raises nothing', () => {
    // from 03-11 at 0.05 $/h: 21 days × 2 × 0.05 × 24 = 50.4; 120 + 50.4 = 170.4 ≥ 150 only
    const cut = [
      {
        sku: shop.offer.sku,
        regionCode: shop.region.code,
        effectiveFrom: at(11),
        pricePerUnit: '0.05',
        pricePerUnitUsd: '0.05',
      },
    ];
    const result = evaluateBudget({
      budget,
      now: at(11),
      actualRows: rows,
      deployments: [shop],
      prices: cut,
      raisedAlerts: [],
    });
    expect(result.forecastToPeriodEnd).toBe('170.4');
    expect(result.newAlerts.map((a) => [a.thresholdPct, a.basis])).toEqual([[50, 'FORECAST']]);
  });

  it('scopes by tag and provider, and counts rows in another currency instead of adding them', () => {
    const eur: SpendRow = { ...rows[0], billingCurrency: 'EUR' };
    const scoped: Budget = { ...budget, scope: { providerName: 'AWS', tag: { key: 'env', value: 'prod' } } };
    const result = evaluateBudget({
      budget: scoped,
      now: at(11),
      actualRows: [...rows, eur],
      deployments: [],
      prices: [],
      raisedAlerts: [],
    });
    expect([result.actualToDate, result.ignoredRowsOtherCurrency]).toEqual(['120', 1]);
    const untagged = evaluateBudget({
      budget: { ...scoped, scope: { tag: { key: 'env', value: 'dev' } } },
      now: at(11),
      actualRows: rows,
      deployments: [],
      prices: [],
      raisedAlerts: [],
    });
    expect(untagged.actualToDate).toBe('0');
  });
});
