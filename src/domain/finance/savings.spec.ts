import { estimateSavings, type SavingsEstimate, type SavingsInput } from './savings.js';

const cases: [string, Omit<SavingsInput, 'currency'>, Partial<SavingsEstimate>][] = [
  // 1000 − 800 = 200 a month; 500 / 200 = 2.5 months; 12 × 200 − 500 = 1900
  [
    'a cheaper placement pays back',
    { currentMonthlyCost: '1000', bestMonthlyCost: '800', migrationOneOffCost: '500' },
    { monthlySaving: '200', annualSaving: '2400', paybackMonths: '2.5', netSavingOverHorizon: '1900' },
  ],
  // 100 / 30 = 3.333… → 3.34, rounded up so payback is never shown sooner than it is
  [
    'payback rounds up',
    { currentMonthlyCost: '100', bestMonthlyCost: '70', migrationOneOffCost: '100' },
    { monthlySaving: '30', paybackMonths: '3.34' },
  ],
  [
    'no saving, no payback',
    { currentMonthlyCost: '800', bestMonthlyCost: '800', migrationOneOffCost: '500' },
    { monthlySaving: '0', paybackMonths: null, netSavingOverHorizon: '-500' },
  ],
  [
    'a dearer placement loses money',
    { currentMonthlyCost: '700', bestMonthlyCost: '800', migrationOneOffCost: '500' },
    { monthlySaving: '-100', paybackMonths: null, netSavingOverHorizon: '-1700' },
  ],
  [
    'a free move pays back at once',
    { currentMonthlyCost: '10', bestMonthlyCost: '9.99', migrationOneOffCost: '0' },
    { monthlySaving: '0.01', paybackMonths: '0' },
  ],
  // 730-h monthly figures from placement: 2 × 0.192 × 730 = 280.32 vs 3 × 0.0104 × 730 = 22.776; saving 257.544; 1000 / 257.544 = 3.8828… → 3.89
  [
    'monthly figures on the 730-hour basis',
    { currentMonthlyCost: '280.32', bestMonthlyCost: '22.776', migrationOneOffCost: '1000' },
    { monthlySaving: '257.544', paybackMonths: '3.89' },
  ],
];

describe('estimateSavings', () => {
  it.each(cases)('%s', (_name, input, expected) => {
    expect(estimateSavings({ ...input, currency: 'USD' })).toMatchObject(expected);
  });

  it('refuses a negative one-off cost', () => {
    expect(() =>
      estimateSavings({
        currentMonthlyCost: '1',
        bestMonthlyCost: '0',
        migrationOneOffCost: '-1',
        currency: 'USD',
      }),
    ).toThrow(RangeError);
  });
});
