import { applyDecision, simulatedInstanceId, type OverspillState } from './apply-decision.js';
import { decideOverspill } from './decide-overspill.js';
import {
  aBurst,
  aCapacity,
  aHistory,
  ago,
  anInstance,
  aPolicy,
  aWorkload,
  baseWorkloads,
  later,
  NOW,
} from './overspill-fixtures.js';
import type { OverspillPolicy } from './overspill-types.js';

const base = (over: Partial<OverspillState> = {}): OverspillState => ({
  capacity: aCapacity(),
  workloads: baseWorkloads(),
  bursts: [],
  burstedWorkloads: [],
  history: aHistory({ consecutiveTicksAbove: 2 }),
  targetInventory: [],
  ...over,
});
const step = (state: OverspillState, policy: OverspillPolicy = aPolicy()) =>
  applyDecision(state, decideOverspill({ policy, ...state }, NOW));

describe('applyDecision', () => {
  it('a burst takes the workloads off the site, opens leased bursts and instances', () => {
    const after = step(base());
    expect(after.capacity).toMatchObject({ usedVcpu: 57, usedMemoryGib: 200 - 24 - 16 - 32 });
    expect(after.workloads.map((w) => w.id)).toEqual(['batch-7', 'db-1']);
    expect(after.burstedWorkloads.map((w) => w.id)).toEqual(['job-3', 'web-1', 'web-2']);
    expect(after.bursts[0]).toEqual({
      workloadId: 'job-3',
      vcpu: 12,
      memoryGib: 24,
      burstedAt: NOW,
      leaseExpiresAt: later(60),
      target: { provider: 'azure', region: 'uksouth' },
      costPerDayUsd: '12.000001',
    });
    expect(after.targetInventory).toEqual([
      anInstance('job-3', 'sim-job-3', { provider: 'azure', region: 'uksouth' }),
      anInstance('web-1', 'sim-web-1'),
      anInstance('web-2', 'sim-web-2', { provider: 'gcp', region: 'europe-west2' }),
    ]);
    expect(after.history.lastActionAt).toEqual(NOW);
  });

  it('a recall brings the whole workload back and closes its instance; leaks are terminated', () => {
    const web1 = aWorkload('web-1', { vcpu: 8, memoryGib: 16 });
    const state = base({
      capacity: aCapacity({ usedVcpu: 30 }),
      workloads: [],
      bursts: [aBurst('web-1', { vcpu: 8, memoryGib: 16, leaseExpiresAt: later(50) })],
      burstedWorkloads: [web1],
      history: aHistory({ consecutiveTicksBelow: 2 }),
      targetInventory: [anInstance('web-1', simulatedInstanceId('web-1')), anInstance(null, 'i-leak')],
    });
    const after = step(state);
    expect(after.workloads).toEqual([web1]);
    expect(after.bursts).toEqual([]);
    expect(after.capacity).toMatchObject({ usedVcpu: 38, usedMemoryGib: 216 });
    expect(after.targetInventory).toEqual([]);
  });

  it.each([
    {
      name: 'renews a lease whose instance is reported',
      inventory: [anInstance('a-1', 'i-1')],
      lease: later(60),
    },
    { name: 'leaves the lease of a missing burst to lapse', inventory: [], lease: later(5) },
  ])('$name', ({ inventory, lease }) => {
    const state = base({
      capacity: aCapacity({ usedVcpu: 70 }),
      bursts: [aBurst('a-1', { leaseExpiresAt: later(5) })],
      burstedWorkloads: [aWorkload('a-1')],
      targetInventory: inventory,
    });
    expect(step(state).bursts[0].leaseExpiresAt).toEqual(lease);
  });

  it('DRY_RUN changes nothing but the history', () => {
    const state = base();
    const after = step(state, aPolicy({ mode: 'DRY_RUN' }));
    expect({ ...after, history: state.history }).toEqual(state);
    expect(after.history.lastActionAt).toEqual(NOW);
  });

  it('does not modify its input', () => {
    const state = base({ history: aHistory({ consecutiveTicksAbove: 2, movesInLastHour: [ago(70)] }) });
    const copy = structuredClone(state);
    step(state);
    expect(state).toEqual(copy);
  });
});
