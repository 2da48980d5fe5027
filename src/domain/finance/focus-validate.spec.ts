import { accrueDay } from './accrue-day.js';
import { deployment } from './finance-fixtures.js';
import { FOCUS_1_2_COLUMNS, FOCUS_EXPORT_COLUMNS, FOCUS_NON_NULL_COLUMNS } from './focus-columns.js';
import {
  checkColumnTotal,
  findOverlappingChargePeriods,
  sumColumn,
  validateFocusRows,
  type FocusRule,
} from './focus-validate.js';

const [valid] = accrueDay('2026-03-10', [deployment('d1', { count: 2 })], []).rows;
if (!valid) throw new Error('fixture row missing');

interface Case {
  name: string;
  change: Record<string, unknown>;
  violations: [column: string, rule: FocusRule][];
}

const cases: Case[] = [
  { name: 'an accrued row is valid', change: {}, violations: [] },
  {
    name: 'a null mandatory column',
    change: { BillingCurrency: null },
    violations: [['BillingCurrency', 'NOT_NULL']],
  },
  {
    name: 'an empty string counts as null',
    change: { ProviderName: '' },
    violations: [['ProviderName', 'NOT_NULL']],
  },
  {
    name: 'a nullable mandatory column may be null',
    change: { ChargeDescription: null, BillingAccountName: null },
    violations: [],
  },
  {
    name: 'an inverted charge period',
    change: { ChargePeriodStart: '2026-03-11T00:00:00Z', ChargePeriodEnd: '2026-03-10T00:00:00Z' },
    violations: [['ChargePeriodEnd', 'CHARGE_PERIOD_ORDER']],
  },
  {
    name: 'an empty charge period (start = end) breaks half-openness',
    change: { ChargePeriodEnd: '2026-03-10T00:00:00Z' },
    violations: [['ChargePeriodEnd', 'CHARGE_PERIOD_ORDER']],
  },
  {
    name: 'a charge period past its billing period',
    change: { ChargePeriodStart: '2026-03-31T12:00:00Z', ChargePeriodEnd: '2026-04-01T12:00:00Z' },
    violations: [['ChargePeriodStart', 'CHARGE_PERIOD_WITHIN_BILLING_PERIOD']],
  },
  {
    name: 'timestamps in the FOCUS 1.0 sample style are not ISO 8601 Z',
    change: { ChargePeriodStart: '2026-03-10 00:00:00' },
    violations: [['ChargePeriodStart', 'DATETIME_FORMAT']],
  },
  {
    name: 'a currency that is not ISO 4217',
    change: { BillingCurrency: 'usd' },
    violations: [['BillingCurrency', 'CURRENCY_FORMAT']],
  },
  {
    name: 'an exponent is not a plain decimal',
    change: { BilledCost: '9.216e0' },
    violations: [['BilledCost', 'DECIMAL_FORMAT']],
  },
  {
    name: 'a value outside the allowed list',
    change: { ChargeFrequency: 'Usage-based' },
    violations: [['ChargeFrequency', 'ALLOWED_VALUE']],
  },
  {
    name: 'an unknown service category',
    change: { ServiceCategory: 'COMPUTE' },
    violations: [['ServiceCategory', 'ALLOWED_VALUE']],
  },
  {
    name: 'a usage row without a pricing quantity',
    change: { PricingQuantity: null },
    violations: [['PricingQuantity', 'CONDITIONAL_NOT_NULL']],
  },
  {
    name: 'a correction may miss its pricing quantity',
    change: { PricingQuantity: null, ChargeClass: 'Correction' },
    violations: [],
  },
  // 48 h × 0.192 = 9.216, not 9.2
  {
    name: 'cost that is not quantity × unit price',
    change: { ListCost: '9.2' },
    violations: [['ListCost', 'UNIT_PRICE_TIMES_QUANTITY']],
  },
  { name: 'tags that are not an object', change: { Tags: '["env"]' }, violations: [['Tags', 'TAGS_FORMAT']] },
];

describe('validateFocusRows', () => {
  it.each(cases)('$name', ({ change, violations }) => {
    const found = validateFocusRows([{ ...valid, ...change }]).map((v) => [v.column, v.rule]);
    expect(found).toEqual(violations);
  });

  it('reports the row index of each violation', () => {
    const rows = [valid, { ...valid, EffectiveCost: null }, valid, { ...valid, ChargeCategory: 'Refund' }];
    expect(validateFocusRows(rows).map((v) => [v.rowIndex, v.rule])).toEqual([
      [1, 'NOT_NULL'],
      [3, 'ALLOWED_VALUE'],
    ]);
  });
});

describe('FOCUS 1.2 columns', () => {
  it('lists the 57 columns in spec (alphabetical) order', () => {
    const ids = FOCUS_1_2_COLUMNS.map((c) => c.id);
    expect(ids).toHaveLength(57);
    expect([...ids].sort()).toEqual(ids);
  });

  it('requires the non-nullable mandatory columns', () => {
    expect(FOCUS_NON_NULL_COLUMNS).toEqual([
      'BilledCost',
      'BillingAccountId',
      'BillingCurrency',
      'BillingPeriodEnd',
      'BillingPeriodStart',
      'ChargeCategory',
      'ChargePeriodEnd',
      'ChargePeriodStart',
      'ContractedCost',
      'EffectiveCost',
      'InvoiceIssuerName',
      'ListCost',
      'ProviderName',
      'PublisherName',
      'ServiceCategory',
      'ServiceName',
    ]);
  });

  it('exports every non-null column, then the x_ columns', () => {
    for (const column of FOCUS_NON_NULL_COLUMNS) expect(FOCUS_EXPORT_COLUMNS).toContain(column);
    const firstCustom = FOCUS_EXPORT_COLUMNS.findIndex((c) => c.startsWith('x_'));
    expect(FOCUS_EXPORT_COLUMNS.slice(firstCustom).every((c) => c.startsWith('x_'))).toBe(true);
    for (const column of FOCUS_EXPORT_COLUMNS) expect(Object.keys(valid)).toContain(column);
  });
});

describe('sum and overlap checks', () => {
  const rows = accrueDay(
    '2026-03-15',
    [
      deployment('d1', { count: 3, offer: { pricePerUnitUsd: '0.0104' }, to: '2026-03-15T09:30:00Z' }),
      deployment('d2'),
    ],
    [],
  ).rows;

  it('sums a cost column exactly and flags a total that differs', () => {
    // d1: 3 × 0.0104 × 9.5 = 0.2964; d2: 0.192 × 24 = 4.608; 4.9044
    expect(sumColumn(rows, 'BilledCost')).toBe('4.9044');
    expect(checkColumnTotal(rows, 'BilledCost', '4.90440')).toBeNull();
    expect(checkColumnTotal(rows, 'BilledCost', '4.9043')?.rule).toBe('TOTAL_MISMATCH');
  });

  it('finds rows of one deployment whose half-open periods overlap, not ones that touch', () => {
    const [first] = rows;
    if (!first) throw new Error('no row');
    const touching = {
      ...first,
      ChargePeriodStart: '2026-03-15T09:30:00Z',
      ChargePeriodEnd: '2026-03-15T10:00:00Z',
    };
    expect(findOverlappingChargePeriods([...rows, touching])).toEqual([]);
    const overlapping = {
      ...first,
      ChargePeriodStart: '2026-03-15T09:00:00Z',
      ChargePeriodEnd: '2026-03-15T10:00:00Z',
    };
    expect(findOverlappingChargePeriods([...rows, overlapping]).map((v) => v.rowIndex)).toEqual([2]);
  });
});
