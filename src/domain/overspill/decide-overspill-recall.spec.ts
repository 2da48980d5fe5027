import { decideOverspill } from './decide-overspill.js';
import { aBurst, ago, anInstance, aScenario, aWorkload, later, NOW } from './overspill-fixtures.js';
import type { OverspillDecision, OverspillInput } from './overspill-types.js';

// Recall scenario: 30 vCPU used (0.3); out are old-9 (40 vCPU, 3 h ago), job-3 (12, 2 h ago),
// web-1 (8) and web-2 (16), both 1 h ago (tie broken by id). Last out, first back: web-1, web-2,
// job-3, old-9.
const recallBursts = () => [
  aBurst('job-3', { vcpu: 12, memoryGib: 24, burstedAt: ago(120), costPerDayUsd: '12.000001' }),
  aBurst('web-2', {
    vcpu: 16,
    memoryGib: 32,
    burstedAt: ago(60),
    costPerDayUsd: '30.5',
    target: { provider: 'gcp', region: 'europe-west2' },
  }),
  aBurst('old-9', {
    vcpu: 40,
    memoryGib: 80,
    burstedAt: ago(180),
    costPerDayUsd: '5',
    leaseExpiresAt: later(10),
  }),
  aBurst('web-1', {
    vcpu: 8,
    memoryGib: 16,
    burstedAt: ago(60),
    costPerDayUsd: '10',
    leaseExpiresAt: later(10),
  }),
];
const recallScenario = (over: Parameters<typeof aScenario>[0] = {}): OverspillInput =>
  aScenario({
    capacity: { usedVcpu: 30 },
    workloads: [aWorkload('db-1', { vcpu: 32, burstable: false, tags: [] })],
    bursts: recallBursts(),
    ...over,
    history: { consecutiveTicksAbove: 0, consecutiveTicksBelow: 2, ...over.history },
  });
const HEAD_BELOW = 'utilisation 0.3 ≤ low watermark 0.4 for 3/3 ticks';

interface Case {
  readonly name: string;
  readonly input: OverspillInput;
  readonly expected: Partial<Record<keyof OverspillDecision, unknown>>;
}

const cases: Case[] = [
  {
    name: 'recall: last out first back, as many as keep the site at or below mid-band; held leases renewed',
    input: recallScenario(),
    expected: {
      action: 'RECALL',
      workloads: ['web-1', 'web-2'],
      reasons: [
        HEAD_BELOW,
        'recalling web-1 (8 vCPU) from aws/eu-west-2, saving $10/day',
        'recalling web-2 (16 vCPU) from gcp/europe-west2, saving $30.5/day',
        // 30 + 8 + 16 + 12 = 66 of 100: past the middle of the 0.4–0.85 band, where a burst aims.
        'recalling job-3 (12 vCPU) would push utilisation to 0.66 > 0.625 (mid-band): recalling only web-1, web-2',
      ],
      projectedUtilisation: 0.54,
      projectedVcpuOut: 52,
      projectedCostPerDayUsd: '17.000001',
      // web-1's lease is as short as old-9's, but web-1 is coming back.
      leaseRenewals: [{ workloadId: 'old-9', leaseExpiresAt: later(60) }],
    },
  },
  {
    name: 'recall partial: the next one would push the site to 0.88',
    input: recallScenario({
      capacity: { usedVcpu: 38 },
      bursts: [
        aBurst('big-2', { vcpu: 38, burstedAt: ago(90) }),
        aBurst('job-3', { vcpu: 12, burstedAt: ago(30) }),
      ],
    }),
    expected: {
      action: 'RECALL',
      workloads: ['job-3'],
      reasons: [
        'utilisation 0.38 ≤ low watermark 0.4 for 3/3 ticks',
        'recalling job-3 (12 vCPU) from aws/eu-west-2, saving $10/day',
        'recalling big-2 (38 vCPU) would push utilisation to 0.88 > 0.625 (mid-band): recalling only job-3',
      ],
      projectedUtilisation: 0.5,
    },
  },
  {
    name: 'recall: nothing fits, hold',
    input: recallScenario({ capacity: { usedVcpu: 38 }, bursts: [aBurst('big-2', { vcpu: 50 })] }),
    expected: {
      action: 'HOLD',
      reasons: [
        'utilisation 0.38 ≤ low watermark 0.4 for 3/3 ticks',
        'recalling big-2 (50 vCPU) would push utilisation to 0.88 > 0.625 (mid-band): holding',
      ],
      nextHistory: {
        consecutiveTicksAbove: 0,
        consecutiveTicksBelow: 3,
        lastActionAt: null,
        movesInLastHour: [],
      },
    },
  },
  {
    name: 'recall: must fit the other dimension too',
    input: recallScenario({ bursts: [aBurst('fat-1', { vcpu: 4, memoryGib: 300 })] }),
    expected: {
      action: 'HOLD',
      reasons: [HEAD_BELOW, 'recalling fat-1 needs 4 vCPU and 300 GiB the site does not have: holding'],
    },
  },
  {
    name: 'recall: moves cap binds',
    input: recallScenario({ policy: { maxMovesPerHour: 2 } }),
    expected: { action: 'RECALL', workloads: ['web-1', 'web-2'] },
  },
  {
    name: 'recall: cooldown holds',
    input: recallScenario({ history: { lastActionAt: ago(14) } }),
    expected: { action: 'HOLD', reasons: [HEAD_BELOW, 'cooldown: last move 14 min ago < 15 min'] },
  },
  {
    name: 'below low with nothing out',
    input: recallScenario({ bursts: [] }),
    expected: { action: 'HOLD', reasons: [`${HEAD_BELOW}: nothing is bursted`] },
  },
  {
    name: 'lease renewal: only when less than half a lease remains',
    input: aScenario({
      capacity: { usedVcpu: 70 },
      bursts: [aBurst('a-1', { leaseExpiresAt: later(20) }), aBurst('a-2', { leaseExpiresAt: later(45) })],
    }),
    expected: {
      action: 'HOLD',
      leaseRenewals: [{ workloadId: 'a-1', leaseExpiresAt: later(60) }],
      expiredLeases: [],
    },
  },
  {
    name: 'expired lease: reported, renewed while the instance is still there',
    input: aScenario({
      capacity: { usedVcpu: 70 },
      bursts: [aBurst('a-1', { leaseExpiresAt: ago(12) })],
      targetInventory: [anInstance('a-1', 'i-1')],
    }),
    expected: {
      reasons: ['utilisation 0.7 inside the band (low 0.4, high 0.85)', 'leases: 1 expired before this tick'],
      leaseRenewals: [{ workloadId: 'a-1', leaseExpiresAt: later(60) }],
      expiredLeases: [
        {
          workloadId: 'a-1',
          target: { provider: 'aws', region: 'eu-west-2' },
          leaseExpiresAt: ago(12),
          reason:
            'lease of a-1 in aws/eu-west-2 expired 12 min ago: renewals were missed; renewed: still out',
        },
      ],
    },
  },
  {
    name: 'expired lease with no instance: missing, not renewed',
    input: aScenario({
      capacity: { usedVcpu: 70 },
      bursts: [aBurst('a-1', { leaseExpiresAt: ago(12) })],
      targetInventory: [],
    }),
    expected: {
      leaseRenewals: [],
      missingBursts: [
        {
          workloadId: 'a-1',
          target: { provider: 'aws', region: 'eu-west-2' },
          reason: 'no instance reported by aws/eu-west-2 for bursted a-1: it may have been torn down',
        },
      ],
      expiredLeases: [
        expect.objectContaining({
          reason:
            'lease of a-1 in aws/eu-west-2 expired 12 min ago: renewals were missed; no instance reported: not renewed',
        }),
      ],
    },
  },
  {
    name: 'leak detection: an instance with no burst is an idle node billing',
    input: aScenario({
      capacity: { usedVcpu: 70 },
      bursts: [aBurst('a-1')],
      targetInventory: [anInstance('a-1', 'i-1'), anInstance('gone-5', 'i-2')],
    }),
    expected: {
      leaks: [
        {
          provider: 'aws',
          region: 'eu-west-2',
          instanceId: 'i-2',
          workloadId: 'gone-5',
          reason:
            'instance i-2 in aws/eu-west-2 runs gone-5, which has no active burst (recalled or never bursted)',
        },
      ],
      missingBursts: [],
    },
  },
];

describe('decideOverspill: recall, leases and reconciliation', () => {
  it.each(cases)('$name', ({ input, expected }) => {
    expect(decideOverspill(input, NOW)).toMatchObject(expected);
  });
});
