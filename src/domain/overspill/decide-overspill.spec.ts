import { decideOverspill } from './decide-overspill.js';
import {
  aBurst,
  ago,
  aPendingMove,
  aScenario,
  aWorkload,
  baseWorkloads,
  later,
  NOW,
} from './overspill-fixtures.js';
import { OverspillInputError, type OverspillDecision, type OverspillInput } from './overspill-types.js';

// The base scenario (overspill-fixtures.ts): 100 vCPU, 93 used (0.93), high 0.85, low 0.4, so the
// burst target is (0.85 + 0.4) / 2 = 0.625, i.e. below 62.5 vCPU used. Burst order: job-3 (12 vCPU,
// priority 1), web-1 (8 vCPU, $10), web-2 (16 vCPU, $30.5). Expected values are worked out by hand.
const HEAD_ABOVE = 'utilisation 0.93 ≥ high watermark 0.85 for 3/3 ticks';
const SELECTOR = 'selector: 3 of 5 running workloads are candidates (1 not burstable)';
const NO_PLACEMENT = 'no external placement for batch-7';
const JOB3 = 'bursting job-3 (12 vCPU) to azure/uksouth at $12.000001/day';
const WEB1 = 'bursting web-1 (8 vCPU) to aws/eu-west-2 at $10/day';
const WEB2 = 'bursting web-2 (16 vCPU) to gcp/europe-west2 at $30.5/day';
const notReached = (u: string) => `projected utilisation ${u}: target 0.625 not reached, but below high 0.85`;

interface Case {
  readonly name: string;
  readonly input: OverspillInput;
  readonly expected: Partial<Record<keyof OverspillDecision, unknown>>;
}

const cases: Case[] = [
  {
    name: 'dwell not reached: 2 of 3 ticks above high',
    input: aScenario({ history: { consecutiveTicksAbove: 1 } }),
    expected: {
      action: 'HOLD',
      workloads: [],
      reasons: ['utilisation 0.93 ≥ high watermark 0.85 for 2/3 ticks: dwell not reached'],
      nextHistory: {
        consecutiveTicksAbove: 2,
        consecutiveTicksBelow: 0,
        lastActionAt: null,
        movesInLastHour: [],
      },
    },
  },
  {
    name: 'dwell reached: bursts just enough, lowest priority first, to below the band middle',
    input: aScenario(),
    expected: {
      action: 'BURST',
      workloads: ['job-3', 'web-1', 'web-2'],
      reasons: [
        HEAD_ABOVE,
        SELECTOR,
        NO_PLACEMENT,
        JOB3,
        WEB1,
        WEB2,
        'projected utilisation 0.57 < target 0.625 (middle of the band)',
      ],
      utilisation: 0.93,
      projectedUtilisation: 0.57,
      projectedVcpuOut: 36,
      projectedCostPerDayUsd: '52.500001', // 12.000001 + 10 + 30.5
      nextHistory: {
        consecutiveTicksAbove: 0,
        consecutiveTicksBelow: 0,
        lastActionAt: NOW,
        movesInLastHour: [NOW, NOW, NOW],
      },
    },
  },
  {
    name: 'cooldown holds a due burst',
    input: aScenario({ history: { lastActionAt: ago(7) } }),
    expected: {
      action: 'HOLD',
      reasons: [HEAD_ABOVE, 'cooldown: last move 7 min ago < 15 min'],
      nextHistory: {
        consecutiveTicksAbove: 3,
        consecutiveTicksBelow: 0,
        lastActionAt: ago(7),
        movesInLastHour: [],
      },
    },
  },
  {
    name: 'cap maxVcpuOut binds: 36 vCPU already out, web-2 would make 72 > 64',
    input: aScenario({ bursts: [aBurst('old-1', { vcpu: 36, costPerDayUsd: '0' })] }),
    expected: {
      action: 'BURST',
      workloads: ['job-3', 'web-1'],
      reasons: [
        HEAD_ABOVE,
        SELECTOR,
        NO_PLACEMENT,
        JOB3,
        WEB1,
        'cap maxVcpuOut 64: bursting web-2 (16 vCPU) would make 72',
        notReached('0.73'),
      ],
      projectedVcpuOut: 56,
      projectedCostPerDayUsd: '22.000001',
    },
  },
  {
    name: 'cap maxCostPerDay binds: web-2 would make $52.500001 > $40',
    input: aScenario({ policy: { maxCostPerDay: '40' } }),
    expected: {
      action: 'BURST',
      workloads: ['job-3', 'web-1'],
      reasons: [
        HEAD_ABOVE,
        SELECTOR,
        NO_PLACEMENT,
        JOB3,
        WEB1,
        'cap maxCostPerDay $40: bursting web-2 ($30.5/day) would make $52.500001',
        notReached('0.73'),
      ],
      projectedCostPerDayUsd: '22.000001',
    },
  },
  {
    name: 'cap maxMovesPerHour binds: 4 moves in the window (one 61 min ago has left it), 2 left',
    input: aScenario({
      history: { lastActionAt: ago(30), movesInLastHour: [ago(61), ago(50), ago(45), ago(40), ago(30)] },
    }),
    expected: {
      action: 'BURST',
      workloads: ['job-3', 'web-1'],
      reasons: [
        HEAD_ABOVE,
        SELECTOR,
        NO_PLACEMENT,
        JOB3,
        WEB1,
        'cap maxMovesPerHour 6: 6 moves in the last hour, web-2 must wait',
        notReached('0.73'),
      ],
      nextHistory: {
        consecutiveTicksAbove: 0,
        consecutiveTicksBelow: 0,
        lastActionAt: NOW,
        movesInLastHour: [ago(50), ago(45), ago(40), ago(30), NOW, NOW],
      },
    },
  },
  {
    name: 'cap maxMovesPerHour exhausted: hold',
    input: aScenario({
      policy: { maxMovesPerHour: 4 },
      history: { lastActionAt: ago(30), movesInLastHour: [ago(50), ago(45), ago(40), ago(30)] },
    }),
    expected: {
      action: 'HOLD',
      reasons: [
        HEAD_ABOVE,
        SELECTOR,
        NO_PLACEMENT,
        'cap maxMovesPerHour 4: 4 moves in the last hour, job-3 must wait',
        'no candidate fits: holding',
      ],
      nextHistory: {
        consecutiveTicksAbove: 3,
        consecutiveTicksBelow: 0,
        lastActionAt: ago(30),
        movesInLastHour: [ago(50), ago(45), ago(40), ago(30)],
      },
    },
  },
  {
    name: 'selector: every tag required',
    input: aScenario({ policy: { selector: { tags: ['burst', 'stateless'], minPriority: 0 } } }),
    expected: {
      action: 'BURST',
      workloads: ['web-2'],
      reasons: [
        HEAD_ABOVE,
        'selector: 1 of 5 running workloads are candidates (1 not burstable, 3 missing tags [burst, stateless])',
        WEB2,
        notReached('0.77'),
      ],
    },
  },
  {
    name: 'selector: minPriority keeps priority-1 work home',
    input: aScenario({ policy: { selector: { tags: ['burst'], minPriority: 2 } } }),
    expected: {
      action: 'BURST',
      workloads: ['web-1', 'web-2'],
      reasons: [
        HEAD_ABOVE,
        'selector: 2 of 5 running workloads are candidates (1 not burstable, 2 priority < 2)',
        WEB1,
        WEB2,
        notReached('0.69'),
      ],
    },
  },
  {
    name: 'a migration dearer than the limit does not move',
    input: aScenario({
      policy: { maxMigrationCostUsd: '100' },
      workloads: baseWorkloads().map((w) => (w.id === 'job-3' ? { ...w, migrationCostUsd: '250' } : w)),
    }),
    expected: {
      action: 'BURST',
      workloads: ['web-1', 'web-2'],
      reasons: [
        HEAD_ABOVE,
        'selector: 2 of 5 running workloads are candidates (1 not burstable)',
        NO_PLACEMENT,
        'migration cost of job-3 $250 > limit $100: skipped',
        WEB1,
        WEB2,
        notReached('0.69'),
      ],
    },
  },
  {
    name: 'a burst that cannot get below high is not worth the disruption',
    input: aScenario({ capacity: { usedVcpu: 99 }, policy: { maxVcpuOut: 12 } }),
    expected: {
      action: 'HOLD',
      workloads: [],
      projectedUtilisation: 0.99,
      reasons: [
        'utilisation 0.99 ≥ high watermark 0.85 for 3/3 ticks',
        SELECTOR,
        NO_PLACEMENT,
        JOB3,
        'cap maxVcpuOut 12: bursting web-1 (8 vCPU) would make 20',
        'cap maxVcpuOut 12: bursting web-2 (16 vCPU) would make 28',
        'bursting job-3 would leave utilisation at 0.87 ≥ high 0.85: not worth the disruption, holding',
      ],
    },
  },
  {
    name: 'a burst that would drop the site below low is skipped (it would flap back)',
    input: aScenario({
      workloads: [
        ...baseWorkloads(),
        aWorkload('big-1', {
          vcpu: 60,
          priority: 0,
          externalPlacement: { provider: 'aws', region: 'eu-west-2', costPerDayUsd: '1' },
        }),
      ],
    }),
    expected: {
      action: 'BURST',
      workloads: ['job-3', 'web-1', 'web-2'],
      reasons: [
        HEAD_ABOVE,
        'selector: 4 of 6 running workloads are candidates (1 not burstable)',
        NO_PLACEMENT,
        'bursting big-1 (60 vCPU) would drop utilisation to 0.33 ≤ low 0.4: it would be recalled, skipped',
        JOB3,
        WEB1,
        WEB2,
        'projected utilisation 0.57 < target 0.625 (middle of the band)',
      ],
    },
  },
  {
    name: 'MEMORY metric: relief and order by GiB',
    input: aScenario({ policy: { metric: 'MEMORY' }, capacity: { usedMemoryGib: 372, usedVcpu: 50 } }),
    expected: {
      action: 'BURST',
      workloads: ['job-3', 'web-1', 'web-2'],
      projectedUtilisation: 0.75, // (372 − 24 − 16 − 32) / 400
    },
  },
  {
    name: 'inside the band: hold and reset the counters',
    input: aScenario({ capacity: { usedVcpu: 70 } }),
    expected: {
      action: 'HOLD',
      reasons: ['utilisation 0.7 inside the band (low 0.4, high 0.85)'],
      nextHistory: {
        consecutiveTicksAbove: 0,
        consecutiveTicksBelow: 0,
        lastActionAt: null,
        movesInLastHour: [],
      },
    },
  },
  {
    name: 'stale capacity: hold, tick not counted',
    input: aScenario({ capacity: { observedAt: ago(20) } }),
    expected: {
      action: 'HOLD',
      reasons: ['capacity of onprem-london observed 20 min ago > 15 min: stale, tick not counted'],
      nextHistory: {
        consecutiveTicksAbove: 2,
        consecutiveTicksBelow: 0,
        lastActionAt: null,
        movesInLastHour: [],
      },
    },
  },
  {
    name: 'moves in flight: hold without counting the tick, whatever the utilisation says',
    input: aScenario({
      pendingMoves: [
        aPendingMove('web-1', { since: ago(1) }),
        aPendingMove('old-2', { kind: 'RECALL', since: ago(3), migrationState: 'FAILED' }),
      ],
    }),
    expected: {
      action: 'HOLD',
      workloads: [],
      reasons: [
        'utilisation 0.93; 2 move(s) in flight: RECALL old-2 (FAILED), BURST web-1 (RUNNING): holding until they finish, tick not counted',
      ],
      nextHistory: {
        consecutiveTicksAbove: 2,
        consecutiveTicksBelow: 0,
        lastActionAt: null,
        movesInLastHour: [],
      },
    },
  },
  {
    name: 'moves in flight: held bursts still get their leases renewed',
    input: aScenario({
      bursts: [aBurst('out-1', { leaseExpiresAt: later(10) })],
      pendingMoves: [aPendingMove('web-1')],
    }),
    expected: {
      action: 'HOLD',
      leaseRenewals: [{ workloadId: 'out-1', leaseExpiresAt: later(60) }],
    },
  },
];

describe('decideOverspill', () => {
  it.each(cases)('$name', ({ input, expected }) => {
    expect(decideOverspill(input, NOW)).toMatchObject(expected);
  });

  it('DRY_RUN returns the ENFORCE decision, flagged', () => {
    const enforce = decideOverspill(aScenario(), NOW);
    const dry = decideOverspill(aScenario({ policy: { mode: 'DRY_RUN' } }), NOW);
    expect(dry.dryRun).toBe(true);
    expect(enforce.dryRun).toBe(false);
    expect(dry.action).toBe('BURST');
    expect(dry.reasons).toEqual([...enforce.reasons, 'dry run: the decision is logged, nothing is moved']);
    expect({ ...dry, mode: 'ENFORCE', dryRun: false, reasons: enforce.reasons }).toEqual(enforce);
  });

  it('is deterministic: input order does not matter', () => {
    const a = decideOverspill(aScenario({ workloads: baseWorkloads() }), NOW);
    const b = decideOverspill(aScenario({ workloads: [...baseWorkloads()].reverse() }), NOW);
    expect(b).toEqual(a);
  });

  it.each([
    // The full table of invalid policies is in validate-overspill-input.spec.ts.
    { name: 'low not below high', input: aScenario({ policy: { lowWatermark: 0.9 } }) },
    {
      name: 'malformed placement cost',
      input: aScenario({
        workloads: [
          aWorkload('x', { externalPlacement: { provider: 'aws', region: 'r', costPerDayUsd: '1,5' } }),
        ],
      }),
    },
  ])('rejects invalid input: $name', ({ input }) => {
    expect(() => decideOverspill(input, NOW)).toThrow(OverspillInputError);
  });
});
