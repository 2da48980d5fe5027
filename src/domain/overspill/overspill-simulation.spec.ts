import type { Decimal } from 'decimal.js';
import { money } from '../money.js';
import { applyDecision, type OverspillState } from './apply-decision.js';
import { decideOverspill } from './decide-overspill.js';
import { aPolicy, aWorkload, minutesFrom } from './overspill-fixtures.js';
import type { OverspillDecision, OverspillPolicy, OverspillWorkload } from './overspill-types.js';

interface Tick {
  readonly at: Date;
  readonly decision: OverspillDecision;
  readonly after: OverspillState;
}

/**
 * Runs a policy tick by tick. Site usage = background load (not movable) + the running workloads;
 * between ticks the decision is carried out with applyDecision and the background moves on.
 */
function simulate(
  policy: OverspillPolicy,
  workloads: OverspillWorkload[],
  background: (tick: number) => number,
  ticks: number,
  stepMinutes: number,
  start: Date,
): Tick[] {
  const running = workloads.reduce((sum, w) => sum + w.vcpu, 0);
  let state: OverspillState = {
    capacity: {
      site: policy.site,
      totalVcpu: 100,
      usedVcpu: background(0) + running,
      totalMemoryGib: 1000,
      usedMemoryGib: workloads.reduce((s, w) => s + w.memoryGib, 0),
      observedAt: start,
    },
    workloads,
    bursts: [],
    burstedWorkloads: [],
    history: { consecutiveTicksAbove: 0, consecutiveTicksBelow: 0, lastActionAt: null, movesInLastHour: [] },
    targetInventory: [],
  };
  const out: Tick[] = [];
  for (let t = 0; t < ticks; t++) {
    const at = minutesFrom(start, t * stepMinutes);
    const delta = t === 0 ? 0 : background(t) - background(t - 1);
    state = {
      ...state,
      capacity: { ...state.capacity, usedVcpu: state.capacity.usedVcpu + delta, observedAt: at },
    };
    const decision = decideOverspill({ policy, ...state }, at);
    state = applyDecision(state, decision);
    out.push({ at, decision, after: state });
  }
  return out;
}

const costOf = (state: OverspillState): Decimal =>
  state.bursts.reduce((s, b) => s.add(b.costPerDayUsd), money(0));

/** Every invariant the lessons ask for, checked on every tick of a run. */
function assertNeverFlaps(run: Tick[], policy: OverspillPolicy): void {
  const moves: Date[] = [];
  let lastAction: Date | null = null;
  for (const { at, decision, after } of run) {
    if (decision.action !== 'HOLD') {
      if (lastAction !== null)
        expect(at.getTime() - lastAction.getTime()).toBeGreaterThanOrEqual(policy.cooldownMinutes * 60_000);
      lastAction = at;
      for (const _ of decision.workloads) moves.push(at);
    }
    const inLastHour = moves.filter((m) => m.getTime() > at.getTime() - 3_600_000).length;
    expect(inLastHour).toBeLessThanOrEqual(policy.maxMovesPerHour);
    expect(after.bursts.reduce((s, b) => s + b.vcpu, 0)).toBeLessThanOrEqual(policy.maxVcpuOut);
    expect(costOf(after).lte(policy.maxCostPerDay)).toBe(true);
    expect(decision.leaks).toEqual([]);
    expect(decision.expiredLeases).toEqual([]);
  }
}

const START = new Date('2025-03-03T00:00:00.000Z');
const eightWorkersAndCore = () =>
  [...Array(8).keys()]
    .map((i) =>
      aWorkload(`worker-${i}`, {
        vcpu: 5,
        memoryGib: 10,
        priority: i % 3,
        externalPlacement: { provider: 'aws', region: 'eu-west-2', costPerDayUsd: `${7 + i}.25` },
      }),
    )
    .concat([aWorkload('core', { vcpu: 20, burstable: false })]);

describe('overspill simulation: flapping load', () => {
  it('utilisation flipping around high every tick never reaches a dwell of 3', () => {
    const policy = aPolicy({ highWatermark: 0.85, lowWatermark: 0.4, dwellTicks: 3 });
    // 60 vCPU of workloads; background 24 / 28 → 0.84 / 0.88.
    const run = simulate(policy, eightWorkersAndCore(), (t) => (t % 2 === 0 ? 24 : 28), 200, 1, START);
    expect(run.every((t) => t.decision.action === 'HOLD')).toBe(true);
  });

  it.each([
    { name: 'extremes every tick, dwell 1', dwellTicks: 1, bg: (t: number) => (t % 2 === 0 ? 35 : 0) },
    { name: 'spike every 3rd tick, dwell 1', dwellTicks: 1, bg: (t: number) => (t % 3 === 0 ? 38 : 2) },
    {
      name: 'pseudo-random around high, dwell 2',
      dwellTicks: 2,
      bg: (t: number) => ((t * 7919 + 13) % 41) - 5,
    },
  ])('$name: moves stay within cooldown, hourly cap, vCPU and cost caps', ({ dwellTicks, bg }) => {
    const policy = aPolicy({
      dwellTicks,
      cooldownMinutes: 15,
      maxMovesPerHour: 3,
      maxVcpuOut: 25,
      maxCostPerDay: '45',
    });
    const run = simulate(policy, eightWorkersAndCore(), bg, 200, 1, START);
    assertNeverFlaps(run, policy);
    expect(run.some((t) => t.decision.action === 'BURST')).toBe(true);
  });

  it('a square wave (30 ticks high, 30 ticks low) bursts and recalls, still within every bound', () => {
    const policy = aPolicy({
      dwellTicks: 1,
      cooldownMinutes: 15,
      maxMovesPerHour: 3,
      maxVcpuOut: 25,
      maxCostPerDay: '45',
    });
    const run = simulate(
      policy,
      eightWorkersAndCore(),
      (t) => (Math.floor(t / 30) % 2 === 0 ? 35 : -25),
      200,
      1,
      START,
    );
    assertNeverFlaps(run, policy);
    expect(run.some((t) => t.decision.action === 'BURST')).toBe(true);
    expect(run.some((t) => t.decision.action === 'RECALL')).toBe(true);
  });

  it('DRY_RUN moves nothing: the site keeps its load', () => {
    const policy = aPolicy({ dwellTicks: 1, mode: 'DRY_RUN' });
    const run = simulate(policy, eightWorkersAndCore(), (t) => (t % 2 === 0 ? 35 : 0), 50, 1, START);
    expect(run.some((t) => t.decision.action === 'BURST')).toBe(true);
    expect(run.every((t) => t.after.bursts.length === 0 && t.after.workloads.length === 9)).toBe(true);
  });
});

describe('overspill simulation: a scripted day', () => {
  // 100 vCPU site; high 0.8, low 0.5 (burst target 0.65); dwell 2 ticks of 15 min; cooldown 30 min;
  // caps 40 vCPU out, $100/day, 2 moves per hour. Running: 52 vCPU of workloads + background.
  const policy = aPolicy({
    highWatermark: 0.8,
    lowWatermark: 0.5,
    dwellTicks: 2,
    cooldownMinutes: 30,
    maxVcpuOut: 40,
    maxCostPerDay: '100',
    maxMovesPerHour: 2,
  });
  const workloads = [
    aWorkload('batch-a', {
      vcpu: 10,
      priority: 1,
      externalPlacement: { provider: 'aws', region: 'eu-west-1', costPerDayUsd: '24.12' },
    }),
    aWorkload('batch-b', {
      vcpu: 10,
      priority: 1,
      externalPlacement: { provider: 'gcp', region: 'europe-west1', costPerDayUsd: '18.50' },
    }),
    aWorkload('etl-e', {
      vcpu: 8,
      priority: 2,
      externalPlacement: { provider: 'aws', region: 'eu-west-1', costPerDayUsd: '9.999999' },
    }),
    aWorkload('web-c', {
      vcpu: 20,
      priority: 5,
      externalPlacement: { provider: 'azure', region: 'westeurope', costPerDayUsd: '40.333333' },
    }),
    aWorkload('db-d', { vcpu: 4, priority: 9, burstable: false }),
  ];
  // Background vCPU by hour: night 5, ramp 20 at 07h, 30 from 08h, spike 50 at 12h and 60 at 13h,
  // back to 30 at 14h, 0 from 18h.
  const byHour = [5, 5, 5, 5, 5, 5, 5, 20, 30, 30, 30, 30, 50, 60, 30, 30, 30, 30, 0, 0, 0, 0, 0, 0];
  const run = simulate(policy, workloads, (t) => byHour[Math.floor(t / 4)], 96, 15, START);
  const hhmm = (d: Date) => d.toISOString().slice(11, 16);

  it('takes exactly these moves, at these times, with these costs per day', () => {
    const actions = run
      .filter((t) => t.decision.action !== 'HOLD')
      .map((t) => [hhmm(t.at), t.decision.action, t.decision.workloads, t.decision.projectedCostPerDayUsd]);
    expect(actions).toEqual([
      // 08:00 is the first tick at 0.82 (dwell 1/2). Need < 65 vCPU: batch-b (more vCPU per $), batch-a → 0.62.
      ['08:15', 'BURST', ['batch-b', 'batch-a'], '42.62'],
      // Spike: 0.82 again. etl-e → 0.74; web-c would make 48 vCPU out > 40.
      ['12:15', 'BURST', ['etl-e'], '52.619999'],
      // Evening: 24 vCPU used (0.24). Last out first back; the hourly cap of 2 leaves batch-b out.
      ['18:15', 'RECALL', ['etl-e', 'batch-a'], '18.5'],
      // 18:45 and 19:00 are held by the hourly cap; 18:15 leaves the window at 19:15 → 0.52.
      ['19:15', 'RECALL', ['batch-b'], '0'],
    ]);
  });

  it('says why it held when the spike could not be relieved', () => {
    const at1315 = run.find((t) => hhmm(t.at) === '13:15')!.decision;
    expect(at1315.reasons).toEqual([
      'utilisation 0.84 ≥ high watermark 0.8 for 2/2 ticks',
      'selector: 1 of 2 running workloads are candidates (1 not burstable)',
      'cap maxVcpuOut 40: bursting web-c (20 vCPU) would make 48',
      'no candidate fits: holding',
    ]);
    const at1845 = run.find((t) => hhmm(t.at) === '18:45')!.decision;
    expect(at1845.reasons).toEqual([
      'utilisation 0.42 ≤ low watermark 0.5 for 2/2 ticks',
      'cap maxMovesPerHour 2: 2 moves in the last hour: holding',
    ]);
  });

  it('keeps every lease alive, leaks nothing and respects every cap', () => {
    assertNeverFlaps(run, policy);
    expect(run.at(-1)!.after.bursts).toEqual([]);
    expect(run.at(-1)!.after.targetInventory).toEqual([]);
  });
});
