import { money } from '../money.js';
import {
  chooseStrategy,
  componentDowntimeSeconds,
  transferSeconds,
  warmDeltas,
  type StrategyFacts,
} from './migration-estimates.js';

// shared/data/latency/skyplane/throughput.csv line 4711: aws:eu-west-1 → azure:westeurope,
// throughput_received 4696837028.189097 bit/s = 4.696837028189097 Gbit/s (iperf3, 64 connections).
const AWS_EU_WEST_1_TO_AZURE_WESTEUROPE_GBIT = money('4.696837028189097');

describe('transferSeconds (GiB × 8 / Gbit/s)', () => {
  it.each([
    // 500 × 8 / 4.696837028189097 = 4000 / 4.696837028189097 = 851.63695823… s
    {
      name: '500 GiB at the measured aws:eu-west-1 → azure:westeurope rate',
      gib: '500',
      gbit: AWS_EU_WEST_1_TO_AZURE_WESTEUROPE_GBIT,
      seconds: 851.63695823,
    },
    // 1 × 8 / 1 = 8 s
    { name: '1 GiB at 1 Gbit/s', gib: '1', gbit: money(1), seconds: 8 },
    // 20,000 × 8 / 1 = 160,000 s
    { name: '20,000 GiB at 1 Gbit/s', gib: '20000', gbit: money(1), seconds: 160000 },
  ])('$name', ({ gib, gbit, seconds }) => {
    expect(transferSeconds(money(gib), gbit).toNumber()).toBeCloseTo(seconds, 6);
  });
});

describe('warmDeltas', () => {
  it('shrinks geometrically by ρ = rate × T0 / 86,400', () => {
    // G 20,000 GiB at 1 Gbit/s: T0 = 160,000 s; 20 %/day: ρ = 0.2 × 160,000 / 86,400 = 0.370370…
    // deltas G ρ, G ρ², G ρ³ = 7,407.407…, 2,743.484…, 1,016.105… GiB
    const w = warmDeltas(money(20000), money(1), 20, 2);
    expect(w.ratio.toNumber()).toBeCloseTo(0.37037037, 8);
    expect(w.deltaGib.map((d) => d.toNumber())).toEqual([
      expect.closeTo(7407.407407, 5),
      expect.closeTo(2743.484225, 5),
      expect.closeTo(1016.105269, 5),
    ]);
  });

  it('reports ρ ≥ 1 when data changes faster than it is copied', () => {
    // 100,000 GiB at 1 Gbit/s: T0 = 800,000 s; ρ = 0.2 × 800,000 / 86,400 = 1.85
    expect(warmDeltas(money(100000), money(1), 20, 2).ratio.toNumber()).toBeCloseTo(1.851851852, 8);
  });
});

describe('componentDowntimeSeconds', () => {
  const input = {
    gib: money(500),
    finalDeltaGib: money('0.5'),
    gbitPerS: money(1),
    cutoverOverheadSeconds: 300,
    dnsTtlSeconds: 60,
  };
  it.each([
    // transfer 500 × 8 / 1 = 4,000 s, + 300 s overhead + 60 s TTL = 4,360 s
    { strategy: 'COLD' as const, seconds: 4360 },
    // final delta 0.5 × 8 / 1 = 4 s, + 300 + 60 = 364 s
    { strategy: 'WARM' as const, seconds: 364 },
    { strategy: 'BLUE_GREEN' as const, seconds: 0 },
  ])('$strategy', ({ strategy, seconds }) => {
    expect(componentDowntimeSeconds(strategy, input).toNumber()).toBe(seconds);
  });
});

describe('chooseStrategy', () => {
  const base: StrategyFacts = {
    requested: undefined,
    allStateless: false,
    coldDowntimeSeconds: money(1200),
    warmDowntimeSeconds: money(400),
    warmConverges: true,
    maxDowntimeSeconds: 3600,
  };
  it.each([
    {
      name: 'a requested strategy wins',
      facts: { ...base, requested: 'WARM' as const },
      strategy: 'WARM',
      reason: /requested/,
      warnings: 0,
    },
    {
      name: 'requested WARM that cannot converge warns',
      facts: { ...base, requested: 'WARM' as const, warmConverges: false },
      strategy: 'WARM',
      reason: /requested/,
      warnings: 1,
    },
    {
      name: 'all stateless → BLUE_GREEN',
      facts: { ...base, allStateless: true },
      strategy: 'BLUE_GREEN',
      reason: /stateless/,
      warnings: 0,
    },
    {
      name: 'COLD fits the budget → COLD',
      facts: base,
      strategy: 'COLD',
      reason: /fits the 3600 s budget/,
      warnings: 0,
    },
    {
      name: 'COLD too long, WARM fits → WARM',
      facts: { ...base, coldDowntimeSeconds: money(9000) },
      strategy: 'WARM',
      reason: /WARM downtime 400 s fits/,
      warnings: 0,
    },
    {
      name: 'neither fits, WARM shorter → WARM with a warning',
      facts: { ...base, coldDowntimeSeconds: money(160360), warmDowntimeSeconds: money(8489) },
      strategy: 'WARM',
      reason: /shortest/,
      warnings: 1,
    },
    {
      name: 'neither fits, WARM diverges → COLD with a warning',
      facts: { ...base, coldDowntimeSeconds: money(800360), warmConverges: false },
      strategy: 'COLD',
      reason: /shortest/,
      warnings: 1,
    },
  ])('$name', ({ facts, strategy, reason, warnings }) => {
    const choice = chooseStrategy(facts);
    expect(choice.strategy).toBe(strategy);
    expect(choice.reason).toMatch(reason);
    expect(choice.warnings).toHaveLength(warnings);
  });
});
