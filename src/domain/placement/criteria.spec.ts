import { FALLBACK_WATTS_PER_GPU, WATTS_PER_VCPU, wattsPerGpu } from './carbon-coefficients.js';
import type { ComponentChoice } from './cost-model.js';
import {
  compositeAvailabilityPct,
  expectedCreditPct,
  regionAvailability,
  regionCarbon,
  usersLatency,
  userRtts,
} from './criteria.js';
import { AWS_SLA, CITIES, region } from './placement-fixtures.js';
import type { CandidateRegion } from './placement-types.js';
import type { ResolvedComponent } from './workload-input.js';

const fra = region('aws', 'eu-central-1', 'DE', CITIES.frankfurt);

describe('regionAvailability', () => {
  it.each([
    { name: 'one instance: single-instance SLA', counts: [1], pct: 99.5 },
    { name: 'two instances: multi-zone SLA', counts: [2], pct: 99.99 },
    { name: 'the weakest component sets the region (2 and 1 instances)', counts: [2, 1], pct: 99.5 },
    { name: 'no SLA known', counts: [2], pct: null, sla: null },
  ])('$name', ({ counts, pct, sla }) => {
    const r: CandidateRegion = sla === null ? { ...fra, sla: null } : fra;
    expect(
      regionAvailability(
        r,
        counts.map((count) => ({ count })),
      ).pct,
    ).toBe(pct);
  });
});

describe('compositeAvailabilityPct', () => {
  it.each([
    // 1 − (1 − 0.999) × (1 − 0.9995) = 1 − 0.001 × 0.0005 = 0.9999995 → 99.99995%
    { name: 'two regions 99.9% and 99.95%', pcts: [99.9, 99.95], pct: 99.99995 },
    // 1 − 0.005³ = 1 − 1.25e-7 → 99.9999875%
    { name: 'three regions at 99.5%', pcts: [99.5, 99.5, 99.5], pct: 99.9999875 },
    { name: 'one region is itself', pcts: [99.9], pct: 99.9 },
    { name: 'an unknown region makes it unknown', pcts: [99.9, null], pct: null },
  ])('$name', ({ pcts, pct }) => {
    const got = compositeAvailabilityPct(pcts);
    if (pct === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(pct, 9);
  });
});

describe('expectedCreditPct', () => {
  it.each([
    // μ = 0.5: 10 × (e⁻¹ − e⁻²) + 30 × (e⁻² − e⁻¹⁰) + 100 × e⁻¹⁰ = 2.32544 + 4.05869 + 0.00454 = 6.38868%
    { name: 'AWS single instance 99.5% (10/30/100)', sla: 99.5, tiers: AWS_SLA.creditTiers, pct: 6.388678 },
    // μ = 0.01: 10 × (e⁻¹ − e⁻⁹⁹) + … ≈ 10 × 0.367879 = 3.67879%
    { name: 'AWS multi-zone 99.99%', sla: 99.99, tiers: AWS_SLA.multiZoneCreditTiers!, pct: 3.678794 },
    // one tier at the SLA level: 10 × P(uptime < SLA) = 10 × e⁻¹ = 3.67879%
    {
      name: 'a single tier at the SLA',
      sla: 99.9,
      tiers: [{ belowPct: 99.9, creditPct: 10 }],
      pct: 3.678794,
    },
    { name: 'no tiers, no credit', sla: 99.9, tiers: [], pct: 0 },
  ])('$name', ({ sla, tiers, pct }) => {
    expect(expectedCreditPct(sla, tiers)).toBeCloseTo(pct, 5);
  });
});

function choice(
  vcpu: number,
  count: number,
  hours: number,
  gpu?: { model: string; count: number },
): ComponentChoice {
  const component = { name: 'c', count, hoursPerMonth: hours } as ResolvedComponent;
  return {
    component,
    pricing: 'INSTANCE',
    offerId: '1',
    label: 'x',
    vcpu,
    memoryGib: 8,
    gpuModel: gpu?.model ?? null,
    gpuCount: gpu?.count ?? 0,
    purchaseOption: 'ON_DEMAND',
    lines: [],
    monthlyUsd: 0,
    tco: null,
  };
}

describe('regionCarbon', () => {
  it('uses the CCF mean watts per vCPU at 50% utilisation', () => {
    // 0.9001 + 0.5 × (3.6354 − 0.9001) = 2.26775 W
    expect(WATTS_PER_VCPU).toBeCloseTo(2.26775, 9);
  });

  it.each([
    // 2 instances × 4 vCPU × 2.26775 W × 730 h = 13,243.66 Wh = 13.24366 kWh × PUE 1.2 × 300 g = 4,767.72 g
    { name: '2 × 4 vCPU all month, PUE 1.2, 300 g/kWh', r: fra, choices: [choice(4, 2, 730)], kg: 4.7677176 },
    // PUE unknown → 1.185: 13.24366 × 1.185 × 300 / 1000 = 4.70812 kg
    {
      name: 'PUE unknown: the conservative default',
      r: { ...fra, pue: null },
      choices: [choice(4, 2, 730)],
      kg: 4.708121,
    },
    // 1 × (0 vCPU + 1 A100 × 226.5 W) × 100 h = 22.65 kWh × 1.2 × 300 = 8,154 g
    {
      name: 'GPU watts from the CCF table (A100: 46 + 0.5 × 361 = 226.5 W)',
      r: fra,
      choices: [choice(0, 1, 100, { model: 'NVIDIA A100', count: 1 })],
      kg: 8.154,
    },
    {
      name: 'grid intensity unknown → null',
      r: { ...fra, carbonGco2ePerKwh: null },
      choices: [choice(4, 2, 730)],
      kg: null,
    },
  ])('$name', ({ r, choices, kg }) => {
    const got = regionCarbon(r, choices);
    if (kg === null) {
      expect(got.kgPerMonth).toBeNull();
      expect(got.describe()).toMatch(/normalises as worst/);
    } else expect(got.kgPerMonth).toBeCloseTo(kg, 5);
  });

  it('an unknown GPU model uses the table mean and says so', () => {
    expect(wattsPerGpu('MI300X')).toEqual({ watts: FALLBACK_WATTS_PER_GPU, known: false });
    expect(regionCarbon(fra, [choice(0, 1, 1, { model: 'MI300X', count: 1 })]).describe()).toMatch(
      /not in CCF table/,
    );
  });
});

describe('usersLatency', () => {
  const users = [
    { ...CITIES.frankfurt, weight: 3 },
    { ...CITIES.virginia, weight: 1 },
  ];
  const iad = region('aws', 'us-east-1', 'US', CITIES.virginia);
  const none = { regions: [], offers: { cheapestFitting: () => null } };

  it('weighted mean of each user to the nearest region, with the basis', () => {
    // both regions sit on a user: every user is 2 ms away (the fixed cost) → mean 2 ms
    const got = usersLatency(users, [userRtts(users, fra, none), userRtts(users, iad, none)]);
    expect(got).toEqual({ meanMs: 2, maxUserMs: 2, basis: 'ESTIMATED' });
  });

  it('a single far region raises the mean by the weight of the far users', () => {
    const rtts = userRtts(users, fra, none);
    const far = rtts.rttMs[1];
    const got = usersLatency(users, [rtts]);
    // (3 × 2 + 1 × far) / 4
    expect(got.meanMs).toBeCloseTo((3 * 2 + far) / 4, 9);
    expect(got.maxUserMs).toBe(far);
  });

  it('a measured value wins over the estimate and the basis says MIXED', () => {
    const measured = {
      ...none,
      userLatency: (u: { weight: number }) =>
        u.weight === 3 ? { rttMs: 5, source: 'probe', kind: 'MEASURED' as const } : null,
    };
    const got = usersLatency(users, [userRtts(users, fra, measured)]);
    expect(got.basis).toBe('MIXED');
  });

  it('no users: latency unknown', () => {
    expect(usersLatency([], [])).toEqual({ meanMs: null, maxUserMs: null, basis: 'NONE' });
  });
});
