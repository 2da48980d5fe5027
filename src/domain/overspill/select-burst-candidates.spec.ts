import { money } from '../money.js';
import { aPolicy, aWorkload } from './overspill-fixtures.js';
import {
  burstTarget,
  eligibleCandidates,
  orderCandidates,
  selectBursts,
  type BurstCandidate,
} from './select-burst-candidates.js';

const candidate = (id: string, priority: number, relief: number, costPerDayUsd: string): BurstCandidate => {
  const workload = aWorkload(id, {
    vcpu: relief,
    priority,
    externalPlacement: { provider: 'aws', region: 'eu-west-2', costPerDayUsd },
  });
  return { workload, placement: workload.externalPlacement!, relief, costPerDay: money(costPerDayUsd) };
};
const ids = (cs: readonly BurstCandidate[]) => cs.map((c) => c.workload.id);

describe('orderCandidates', () => {
  it.each([
    {
      name: 'lowest priority first',
      input: [candidate('a', 5, 8, '1'), candidate('b', 1, 8, '100')],
      order: ['b', 'a'],
    },
    {
      name: 'then most relief per dollar',
      input: [candidate('a', 1, 8, '10'), candidate('b', 1, 16, '10'), candidate('c', 1, 4, '1')],
      order: ['c', 'b', 'a'],
    },
    {
      name: 'a free placement first',
      input: [candidate('a', 1, 8, '0.01'), candidate('b', 1, 1, '0')],
      order: ['b', 'a'],
    },
    {
      name: 'equal per dollar: larger relief first',
      input: [candidate('a', 1, 4, '5'), candidate('b', 1, 8, '10')],
      order: ['b', 'a'],
    },
    {
      name: 'all equal: by id',
      input: [candidate('z', 1, 4, '5'), candidate('m', 1, 4, '5')],
      order: ['m', 'z'],
    },
    // 1/3 vs 0.3333333333 per dollar: exact cross-multiplication tells them apart.
    {
      name: 'exact comparison of close ratios',
      input: [candidate('a', 1, 1, '3'), candidate('b', 1, 1, '3.0000000001')],
      order: ['a', 'b'],
    },
  ])('$name', ({ input, order }) => expect(ids(orderCandidates(input))).toEqual(order));
});

describe('eligibleCandidates', () => {
  const policy = aPolicy({ selector: { tags: ['burst', 'eu'], minPriority: 2 }, maxMigrationCostUsd: '50' });
  it.each([
    {
      name: 'not burstable',
      w: aWorkload('x', { burstable: false, tags: ['burst', 'eu'], priority: 3 }),
      reason: 'selector: 0 of 1 running workloads are candidates (1 not burstable)',
    },
    {
      name: 'one tag missing',
      w: aWorkload('x', { tags: ['burst'], priority: 3 }),
      reason: 'selector: 0 of 1 running workloads are candidates (1 missing tags [burst, eu])',
    },
    {
      name: 'priority below minimum',
      w: aWorkload('x', { tags: ['burst', 'eu'], priority: 1 }),
      reason: 'selector: 0 of 1 running workloads are candidates (1 priority < 2)',
    },
    {
      name: 'already out',
      w: aWorkload('out', { tags: ['burst', 'eu'], priority: 3 }),
      reason: 'selector: 0 of 1 running workloads are candidates (1 already bursted)',
    },
    {
      name: 'no placement',
      w: aWorkload('x', { tags: ['burst', 'eu'], priority: 3, externalPlacement: null }),
      reason: 'no external placement for x',
    },
    {
      name: 'frees nothing',
      w: aWorkload('x', { tags: ['burst', 'eu'], priority: 3, vcpu: 0 }),
      reason: 'x frees no vCPU on the site: skipped',
    },
    {
      name: 'migration too dear',
      w: aWorkload('x', { tags: ['burst', 'eu'], priority: 3, migrationCostUsd: '50.01' }),
      reason: 'migration cost of x $50.01 > limit $50: skipped',
    },
  ])('excludes: $name', ({ w, reason }) => {
    const { candidates, reasons } = eligibleCandidates([w], policy, new Set(['out']));
    expect(candidates).toEqual([]);
    expect(reasons).toContain(reason);
  });

  it('a migration cost equal to the limit is allowed', () => {
    const w = aWorkload('x', { tags: ['burst', 'eu'], priority: 3, migrationCostUsd: '50' });
    expect(ids(eligibleCandidates([w], policy, new Set()).candidates)).toEqual(['x']);
  });

  it('lists at most 10 per-workload reasons', () => {
    const many = [...Array(12).keys()].map((i) =>
      aWorkload(`w-${String(i).padStart(2, '0')}`, {
        tags: ['burst', 'eu'],
        priority: 3,
        externalPlacement: null,
      }),
    );
    const { reasons } = eligibleCandidates(many, policy, new Set());
    expect(reasons).toHaveLength(12);
    expect(reasons.at(-1)).toBe('… and 2 more like these');
  });
});

describe('selectBursts', () => {
  const budget = {
    policy: aPolicy(),
    used: 93,
    total: 100,
    vcpuOut: 0,
    costPerDay: money(0),
    movesInWindow: 0,
  };
  it('target is the middle of the band', () =>
    expect(burstTarget(aPolicy({ highWatermark: 0.9, lowWatermark: 0.5 }))).toBeCloseTo(0.7, 12));
  it.each([
    {
      name: 'stops once below the target',
      ordered: [candidate('a', 1, 20, '1'), candidate('b', 1, 20, '1'), candidate('c', 1, 20, '1')],
      over: {},
      chosen: ['a', 'b'],
    },
    {
      name: 'skips what breaks the vCPU cap, tries the next',
      ordered: [candidate('a', 1, 20, '1'), candidate('b', 1, 8, '1'), candidate('c', 1, 4, '1')],
      over: { vcpuOut: 50 },
      chosen: ['b', 'c'],
    },
    {
      name: 'skips what breaks the cost cap',
      ordered: [candidate('a', 1, 20, '499.99'), candidate('b', 1, 20, '0.01')],
      over: { costPerDay: money('100') },
      chosen: ['b'],
    },
    {
      name: 'cost cap reached exactly is allowed',
      ordered: [candidate('a', 1, 20, '400'), candidate('b', 1, 20, '1')],
      over: { costPerDay: money('100') },
      chosen: ['a'],
    },
    {
      name: 'moves cap stops',
      ordered: [candidate('a', 1, 10, '1'), candidate('b', 1, 10, '1')],
      over: { movesInWindow: 5 },
      chosen: ['a'],
    },
    {
      name: 'never drops the site to low',
      ordered: [candidate('a', 1, 53, '1'), candidate('b', 1, 40, '1')],
      over: {},
      chosen: ['b'],
    },
  ])('$name', ({ ordered, over, chosen }) =>
    expect(ids(selectBursts(ordered, { ...budget, ...over }).selected)).toEqual(chosen),
  );
});
