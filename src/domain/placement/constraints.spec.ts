import {
  availabilityReason,
  budgetReason,
  formatUsd,
  latencyReason,
  regionReasons,
  unfitReason,
} from './constraints.js';
import { CITIES, region } from './placement-fixtures.js';
import type { Constraints } from './placement-types.js';
import type { ResolvedComponent } from './workload-input.js';

const iad = region('aws', 'us-east-1', 'US', CITIES.virginia);
const fra = region('aws', 'eu-central-1', 'DE', CITIES.frankfurt);
const ovh = region('ovh', 'gra', 'FR', CITIES.paris);

describe('regionReasons', () => {
  it.each([
    { name: 'no constraints', r: fra, c: {}, reasons: [] },
    {
      name: 'forbidRegimes names the regime and where it comes from',
      r: fra,
      c: { forbidRegimes: ['US_CLOUD_ACT'] },
      reasons: ['forbidRegimes: US_CLOUD_ACT (provider headquartered in US)'],
    },
    {
      name: 'forbidRegimes on the country regime',
      r: iad,
      c: { forbidRegimes: ['US'] },
      reasons: ['forbidRegimes: US (region in US)'],
    },
    { name: 'a French hoster is not exposed', r: ovh, c: { forbidRegimes: ['US_CLOUD_ACT'] }, reasons: [] },
    {
      name: 'countries',
      r: iad,
      c: { countries: ['DE', 'FR'] },
      reasons: ['countries: region in US not in [DE, FR]'],
    },
    {
      name: 'forbidCountries',
      r: iad,
      c: { forbidCountries: ['US'] },
      reasons: ['forbidCountries: region in US'],
    },
    {
      name: 'required regimes (all)',
      r: iad,
      c: { regimes: ['EU_GDPR'] },
      reasons: ['regimes: region lacks EU_GDPR (has [US, US_CLOUD_ACT])'],
    },
    {
      name: 'providers allow-list',
      r: fra,
      c: { providers: ['gcp', 'ovh'] },
      reasons: ['providers: aws not in [gcp, ovh]'],
    },
    { name: 'forbidProviders', r: fra, c: { forbidProviders: ['aws'] }, reasons: ['forbidProviders: aws'] },
    {
      name: 'providerKinds',
      r: fra,
      c: { providerKinds: ['HOSTING'] },
      reasons: ['providerKinds: PUBLIC_CLOUD not in [HOSTING]'],
    },
    {
      name: 'every failing constraint is listed, in a fixed order',
      r: iad,
      c: { countries: ['DE'], forbidRegimes: ['US_CLOUD_ACT'] },
      reasons: [
        'countries: region in US not in [DE]',
        'forbidRegimes: US_CLOUD_ACT (provider headquartered in US)',
      ],
    },
  ] as { name: string; r: typeof fra; c: Constraints; reasons: string[] }[])('$name', ({ r, c, reasons }) => {
    expect(regionReasons(r, c)).toEqual(reasons);
  });
});

describe('option-level reasons', () => {
  it.each([
    {
      name: 'minAvailability below',
      got: availabilityReason(99.5, { minAvailability: 99.9 }),
      want: 'minAvailability: 99.5% < 99.9%',
    },
    {
      name: 'minAvailability met',
      got: availabilityReason(99.99995, { minAvailability: 99.999 }),
      want: null,
    },
    {
      name: 'minAvailability without SLA',
      got: availabilityReason(null, { minAvailability: 99 }),
      want: 'minAvailability: no SLA known < 99%',
    },
    {
      name: 'maxLatencyMs over (rounded ms)',
      got: latencyReason(142.6, { maxLatencyMs: 50 }),
      want: 'maxLatencyMs: 143 ms > 50 ms',
    },
    { name: 'maxLatencyMs on the bound passes', got: latencyReason(50, { maxLatencyMs: 50 }), want: null },
    {
      name: 'maxMonthlyBudget over',
      got: budgetReason(1234.5, true, { maxMonthlyBudget: 1000 }),
      want: 'maxMonthlyBudget: $1,234.50 > $1,000.00',
    },
    {
      name: 'maxMonthlyBudget within',
      got: budgetReason(999, false, { maxMonthlyBudget: 1000 }),
      want: null,
    },
  ])('$name', ({ got, want }) => {
    expect(got).toBe(want);
  });

  it('names the component that nothing fits', () => {
    const c = {
      name: 'app',
      vcpu: 8,
      memoryGib: 32,
      gpuModel: null,
      gpuCount: 0,
      arch: null,
      os: 'LINUX',
    } as ResolvedComponent;
    expect(unfitReason(c, ['ON_DEMAND'])).toBe(
      'no offer fits component app (8 vCPU, 32 GiB) with purchase options [ON_DEMAND]',
    );
    const g = { ...c, name: 'train', gpuModel: 'A100', gpuCount: 2, arch: 'arm64' } as ResolvedComponent;
    expect(unfitReason(g, ['ON_DEMAND', 'SPOT'])).toBe(
      'no offer fits component train (8 vCPU, 32 GiB, 2 × A100, arm64) with purchase options [ON_DEMAND, SPOT]',
    );
  });

  it('formats dollars for people', () => {
    expect(formatUsd(402)).toBe('$402.00');
    expect(formatUsd(1234567.891)).toBe('$1,234,567.89');
  });
});
