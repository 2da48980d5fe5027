import { regionRegimes } from './region-regimes.js';

describe('regionRegimes', () => {
  it.each([
    {
      name: 'US provider in the EU is exposed to the CLOUD Act',
      regime: 'EU_GDPR',
      hq: 'US',
      expected: ['EU_GDPR', 'US_CLOUD_ACT'],
    },
    { name: 'German on-prem site of a German owner', regime: 'EU_GDPR', hq: 'DE', expected: ['EU_GDPR'] },
    { name: 'US region of a US provider', regime: 'US', hq: 'US', expected: ['US', 'US_CLOUD_ACT'] },
    { name: 'Chinese provider abroad', regime: 'SG_PDPA', hq: 'CN', expected: ['CN_NIL', 'SG_PDPA'] },
    { name: 'unknown country regime keeps the exposure', regime: null, hq: 'US', expected: ['US_CLOUD_ACT'] },
    { name: 'nothing known', regime: null, hq: null, expected: [] },
  ])('$name', ({ regime, hq, expected }) => {
    expect(regionRegimes(regime, hq)).toEqual(expected);
  });
});
