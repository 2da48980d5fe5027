import type { EgressTier } from './egress-cost.js';
import {
  MigrationPlanError,
  planMigration,
  type MigrationComponentInput,
  type MigrationPlanInput,
} from './plan-migration.js';

const NOW = new Date('2026-11-27T10:00:00.000Z');

// AWS internet egress out of eu-west-1 (offer file AWSLambda-20161207235208.offer.json, SKU
// FSEU4E6BRE95JTX8 "EU (Ireland)" → "External"); first paid tier = aws_transfer_costs.csv line 312
// and egress_cost_per_gb.csv line 790 (aws:eu-west-1 → azure:westeurope 0.09). See egress-cost.spec.
const AWS_EU_WEST_1_INTERNET: readonly EgressTier[] = [
  { startGb: 0, endGb: 1, pricePerGbUsd: '0.0000000000' },
  { startGb: 1, endGb: 10240, pricePerGbUsd: '0.0900000000' },
  { startGb: 10240, endGb: 51200, pricePerGbUsd: '0.0850000000' },
  { startGb: 51200, endGb: 153600, pricePerGbUsd: '0.0700000000' },
  { startGb: 153600, endGb: null, pricePerGbUsd: '0.0500000000' },
];

// skyplane/throughput.csv line 4711: aws:eu-west-1 → azure:westeurope throughput_received
// 4696837028.189097 bit/s → 4.696837028189097 Gbit/s.
const MEASURED = { gbitPerS: 4.696837028189097, source: 'measured:skyplane' as const };

const component = (
  name: string,
  storageGib: number,
  extra: Partial<MigrationComponentInput> = {},
): MigrationComponentInput => ({
  name,
  count: 1,
  vcpu: 4,
  memoryGib: 16,
  storageGib,
  ...extra,
});

function input(
  overrides: Partial<MigrationPlanInput> = {},
  options: Partial<MigrationPlanInput['options']> = {},
): MigrationPlanInput {
  return {
    components: [component('app', 250, { count: 2 })],
    source: {
      provider: 'aws',
      region: 'eu-west-1',
      kind: 'PUBLIC_CLOUD',
      monthlyCostUsd: '1200',
      egressTiers: AWS_EU_WEST_1_INTERNET,
    },
    target: { provider: 'azure', region: 'westeurope', kind: 'PUBLIC_CLOUD', monthlyCostUsd: '950' },
    throughput: MEASURED,
    ...overrides,
    options: { defaultBandwidthGbitPerS: 10, dnsTtlSeconds: 60, labourCostUsd: '300', ...options },
  };
}

describe('planMigration: figures worked by hand', () => {
  it('500 GiB aws:eu-west-1 → azure:westeurope at the measured rate (COLD)', () => {
    const plan = planMigration(input(), NOW);
    // 2 × 250 GiB = 500 GiB; transfer = 500 × 8 / 4.696837028189097 = 851.6369582 s (measured).
    expect(plan.gibToMove).toBe(500);
    expect(plan.throughputSource).toBe('measured:skyplane');
    expect(plan.transferSeconds).toBeCloseTo(851.6369582, 6);
    // COLD downtime = 851.637 + 300 (start + verify) + 60 (TTL) = 1,211.637 s ≤ 3,600 s budget → COLD.
    expect(plan.strategy).toBe('COLD');
    expect(plan.expectedDowntimeSeconds).toBeCloseTo(1211.6369582, 6);
    // Egress: 1 GB × 0 + 499 GB × 0.09 = 44.91.
    expect(plan.egressCostUsd).toBe('44.91');
    // Double running: 950 × (851.637 + 3,600 soak) / 3,600 / 730 = 950 × 1.23656582 / 730 = 1.609229.
    expect(plan.doubleRunningCostUsd).toBe('1.609229');
    // One-off = 44.91 + 1.609229 + 300 labour = 346.519229; saving 1,200 − 950 = 250;
    // payback = 346.519229 / 250 = 1.386… → 1.39 months (rounded up).
    expect(plan.oneOffCostUsd).toBe('346.519229');
    expect(plan.monthlySavingUsd).toBe('250');
    expect(plan.paybackMonths).toBe('1.39');
    expect(plan.plannedAt).toBe('2026-11-27T10:00:00.000Z');
    // aws exports VMDK, Azure imports VHD: the conversion runs.
    const steps = plan.components[0].steps;
    expect(steps.find((s) => s.kind === 'convert_image')).toMatchObject({
      skippedReason: null,
      params: { fromFormat: 'VMDK', toFormat: 'VHD' },
    });
    expect(steps.map((s) => s.kind)).toContain('stop_source');
  });

  it('says the throughput was assumed when nothing was measured', () => {
    const plan = planMigration(input({ throughput: null }), NOW);
    // 500 × 8 / 10 = 400 s at the configured default.
    expect(plan).toMatchObject({
      throughputSource: 'configured-default',
      throughputGbitPerS: 10,
      transferSeconds: 400,
    });
  });

  it('12,000 GiB crosses the 10 TB egress tier and picks WARM for the downtime budget', () => {
    const plan = planMigration(
      input(
        {
          throughput: null,
          components: [component('db', 12000)],
          source: {
            provider: 'aws',
            region: 'eu-west-1',
            kind: 'PUBLIC_CLOUD',
            monthlyCostUsd: '4300',
            egressTiers: AWS_EU_WEST_1_INTERNET,
          },
          target: { provider: 'azure', region: 'westeurope', kind: 'PUBLIC_CLOUD', monthlyCostUsd: '4000' },
        },
        { labourCostUsd: undefined },
      ),
      NOW,
    );
    // T0 = 12,000 × 8 / 10 = 9,600 s → COLD downtime 9,600 + 360 = 9,960 s > 3,600 s.
    // ρ = 0.05 × 9,600 / 86,400 = 0.0055556; deltas 12,000 ρ = 66.6667, 12,000 ρ² = 0.370370,
    // 12,000 ρ³ = 0.0020576 GiB; WARM downtime = 0.0020576 × 8 / 10 + 360 = 360.0016 s → WARM.
    expect(plan.strategy).toBe('WARM');
    expect(plan.expectedDowntimeSeconds).toBeCloseTo(360.0016461, 6);
    expect(plan.components[0].deltaGib).toEqual([
      expect.closeTo(66.6666667, 6),
      expect.closeTo(0.3703704, 6),
      expect.closeTo(0.0020576, 6),
    ]);
    // Moved = 12,067.0390947 GiB; transfer 12,067.0390947 × 8 / 10 = 9,653.6312757 s.
    expect(plan.gibToMove).toBeCloseTo(12067.0390947, 6);
    expect(plan.transferSeconds).toBeCloseTo(9653.6312757, 6);
    // Egress: 1 × 0 + 10,239 × 0.09 + (12,067.0390947 − 10,240) × 0.085 = 921.51 + 155.2983230 = 1,076.808323.
    expect(plan.egressCostUsd).toBe('1076.808323');
    expect(plan.egressTiers.map((t) => [t.startGb, t.costUsd])).toEqual([
      [0, '0'],
      [1, '921.51'],
      [10240, '155.298323'],
    ]);
    // Double running: 4,000 × (9,653.6312757 + 3,600) / 3,600 / 730 = 20.172955; one-off 1,096.981278;
    // saving 300; payback 1,096.981278 / 300 = 3.6566 → 3.66.
    expect(plan.doubleRunningCostUsd).toBe('20.172955');
    expect(plan.oneOffCostUsd).toBe('1096.981278');
    expect(plan.paybackMonths).toBe('3.66');
  });

  it('neither strategy fits: WARM (shorter) with a warning', () => {
    const plan = planMigration(
      input(
        { throughput: null, components: [component('lake', 20000)] },
        { defaultBandwidthGbitPerS: 1, dailyChangeRatePct: 20 },
      ),
      NOW,
    );
    // T0 = 160,000 s; ρ = 0.2 × 160,000 / 86,400 = 0.37037; final delta 20,000 ρ³ = 1,016.105 GiB
    // → 8,128.842 s + 360 = 8,488.842 s (COLD would be 160,360 s); both over 3,600 s.
    expect(plan.strategy).toBe('WARM');
    expect(plan.expectedDowntimeSeconds).toBeCloseTo(8488.842148, 5);
    expect(plan.warnings.join(' ')).toMatch(/no strategy fits the 3600 s downtime budget/);
  });

  it.each([
    // saving 800 − 950 = −150: never pays back.
    { name: 'the target costs more', source: '800', target: '950', saving: '-150', payback: null },
    { name: 'the same cost', source: '950', target: '950', saving: '0', payback: null },
  ])('payback is null when $name', ({ source, target, saving, payback }) => {
    const base = input();
    const plan = planMigration(
      {
        ...base,
        source: { ...base.source, monthlyCostUsd: source },
        target: { ...base.target, monthlyCostUsd: target },
      },
      NOW,
    );
    expect(plan.monthlySavingUsd).toBe(saving);
    expect(plan.paybackMonths).toBe(payback);
    expect(plan.warnings.join(' ')).toMatch(/never pays back/);
  });

  it('stateless components go BLUE_GREEN with zero downtime and no stop_source', () => {
    const plan = planMigration(
      input({ components: [component('web', 20, { stateless: true, count: 3 })] }),
      NOW,
    );
    expect(plan.strategy).toBe('BLUE_GREEN');
    expect(plan.expectedDowntimeSeconds).toBe(0);
    expect(plan.components[0].steps.map((s) => s.kind)).not.toContain('stop_source');
  });

  it('orders components least impact first and reports a cycle', () => {
    const plan = planMigration(
      input({
        components: [
          component('db', 400),
          component('api', 20, { egressToComponents: [{ component: 'db', gibPerMonth: 300 }] }),
          component('web', 10, { egressToComponents: [{ component: 'api', gibPerMonth: 50 }] }),
          component('worker', 5, { egressToComponents: [{ component: 'queue', gibPerMonth: 5 }] }),
          component('queue', 8, { egressToComponents: [{ component: 'worker', gibPerMonth: 5 }] }),
        ],
      }),
      NOW,
    );
    expect(plan.componentOrder).toEqual(['worker', 'queue', 'web', 'api', 'db']);
    expect(plan.components.map((c) => c.name)).toEqual(plan.componentOrder);
    expect(plan.cycles).toEqual([['queue', 'worker']]);
    expect(plan.warnings).toContain(
      'dependency cycle among [queue, worker]: they move one after another by size, then name',
    );
  });

  it('skips convert_image when both sides use the same format', () => {
    const base = input();
    const plan = planMigration(
      { ...base, target: { ...base.target, provider: 'aws', region: 'eu-central-1' } },
      NOW,
    );
    expect(plan.components[0].steps.find((s) => s.kind === 'convert_image')!.skippedReason).toBe(
      'source and target both use VMDK',
    );
  });

  it.each([
    { kind: 'PUBLIC_CLOUD' as const, warned: true },
    { kind: 'PRIVATE_CLOUD' as const, warned: false },
  ])('missing egress prices from a $kind source: $0, warned=$warned', ({ kind, warned }) => {
    const base = input();
    const plan = planMigration({ ...base, source: { ...base.source, kind, egressTiers: [] } }, NOW);
    expect(plan.egressCostUsd).toBe('0');
    expect(plan.warnings.some((w) => w.includes('no egress prices'))).toBe(warned);
  });
});

describe('planMigration: refused inputs', () => {
  it.each([
    { name: 'no components', patch: { components: [] }, message: /at least one component/ },
    {
      name: 'duplicate names',
      patch: { components: [component('a', 1), component('a', 2)] },
      message: /appears twice/,
    },
    {
      name: 'a colon in a name (breaks idempotency keys)',
      patch: { components: [component('a:b', 1)] },
      message: /contain no ":"/,
    },
    { name: 'negative storage', patch: { components: [component('a', -1)] }, message: /storageGib must be/ },
    {
      name: 'traffic to an unknown component',
      patch: {
        components: [component('a', 1, { egressToComponents: [{ component: 'zz', gibPerMonth: 1 }] })],
      },
      message: /unknown component zz/,
    },
    {
      name: 'a money value that is not a decimal',
      patch: {
        target: {
          provider: 'azure',
          region: 'westeurope',
          kind: 'PUBLIC_CLOUD' as const,
          monthlyCostUsd: '9,50',
        },
      },
      message: /target.monthlyCostUsd/,
    },
  ])('$name', ({ patch, message }) => {
    expect(() => planMigration(input(patch), NOW)).toThrow(MigrationPlanError);
    expect(() => planMigration(input(patch), NOW)).toThrow(message);
  });

  it('no bandwidth at all', () => {
    expect(() => planMigration(input({ throughput: null }, { defaultBandwidthGbitPerS: 0 }), NOW)).toThrow(
      /defaultBandwidthGbitPerS/,
    );
  });
});
