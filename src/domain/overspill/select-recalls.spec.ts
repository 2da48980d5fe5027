import { aBurst, aCapacity, ago, aPolicy } from './overspill-fixtures.js';
import { recallOrder, selectRecalls } from './select-recalls.js';

const ids = (bs: readonly { workloadId: string }[]) => bs.map((b) => b.workloadId);

describe('recallOrder', () => {
  it.each([
    {
      name: 'last out first back',
      bursts: [aBurst('old', { burstedAt: ago(90) }), aBurst('new', { burstedAt: ago(10) })],
      order: ['new', 'old'],
    },
    {
      name: 'same time: by id',
      bursts: [aBurst('b', { burstedAt: ago(10) }), aBurst('a', { burstedAt: ago(10) })],
      order: ['a', 'b'],
    },
    {
      name: 'one decision: the later move comes back first',
      bursts: [
        aBurst('a', { burstedAt: ago(10), sequence: 0 }),
        aBurst('c', { burstedAt: ago(10), sequence: 2 }),
        aBurst('b', { burstedAt: ago(10), sequence: 1 }),
        aBurst('z', { burstedAt: ago(5), sequence: 0 }),
      ],
      order: ['z', 'c', 'b', 'a'],
    },
  ])('$name', ({ bursts, order }) => expect(ids(recallOrder(bursts))).toEqual(order));
});

describe('selectRecalls', () => {
  const budget = {
    policy: aPolicy(),
    capacity: aCapacity({ usedVcpu: 30, usedMemoryGib: 100 }),
    movesInWindow: 0,
  };
  it.each([
    {
      name: 'all that keep the site at or below mid-band (0.625)',
      ordered: [aBurst('a', { vcpu: 20 }), aBurst('b', { vcpu: 12 })],
      over: {},
      chosen: ['a', 'b'],
      used: 62,
    },
    // 30 + 20 + 20 = 70: below high, but past mid-band, so noise would re-cross high and burst again.
    {
      name: 'stops past mid-band even below high',
      ordered: [aBurst('a', { vcpu: 20 }), aBurst('b', { vcpu: 20 })],
      over: {},
      chosen: ['a'],
      used: 50,
    },
    // 30 + 20 + 35 = 85 = high: that recall would trigger the next burst; mid-band stops it sooner.
    {
      name: 'stops before reaching high',
      ordered: [aBurst('a', { vcpu: 20 }), aBurst('b', { vcpu: 35 }), aBurst('c', { vcpu: 1 })],
      over: {},
      chosen: ['a'],
      used: 50,
    },
    {
      name: 'strict order: a big one blocks smaller older ones',
      ordered: [aBurst('big', { vcpu: 60 }), aBurst('small', { vcpu: 2 })],
      over: {},
      chosen: [],
      used: 30,
    },
    {
      name: 'moves cap',
      ordered: [aBurst('a'), aBurst('b')],
      over: { movesInWindow: 5 },
      chosen: ['a'],
      used: 34,
    },
    {
      name: 'memory must fit physically',
      ordered: [aBurst('a', { memoryGib: 301 })],
      over: {},
      chosen: [],
      used: 30,
    },
  ])('$name', ({ ordered, over, chosen, used }) => {
    const r = selectRecalls(ordered, { ...budget, ...over });
    expect(ids(r.selected)).toEqual(chosen);
    expect(r.usedVcpu).toBe(used);
  });
});
