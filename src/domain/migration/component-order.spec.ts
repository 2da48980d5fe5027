import { orderComponents, type OrderNode } from './component-order.js';

const node = (name: string, gib: number, sendsTo: string[] = []): OrderNode => ({ name, gib, sendsTo });

describe('orderComponents', () => {
  it.each([
    {
      name: 'independent components: smaller data first',
      nodes: [node('db', 500), node('web', 10), node('cache', 1)],
      order: ['cache', 'web', 'db'],
      cycles: [],
    },
    {
      name: 'equal size: by name',
      nodes: [node('b', 5), node('a', 5)],
      order: ['a', 'b'],
      cycles: [],
    },
    {
      name: 'a caller moves before what it calls, even when bigger',
      nodes: [node('frontend', 1000, ['db']), node('db', 1)],
      order: ['frontend', 'db'],
      cycles: [],
    },
    {
      name: 'a chain web → api → db',
      nodes: [node('db', 500), node('api', 20, ['db']), node('web', 10, ['api'])],
      order: ['web', 'api', 'db'],
      cycles: [],
    },
    {
      // Groups: {cache 1}, {worker 5, queue 8} (a cycle), {web 10} → {api 20} → {db 500}.
      // Ready at first: cache (1), the cycle (its smallest member 5), web (10); the cycle moves
      // as a block, smaller member first; api only becomes ready after web; db last.
      name: 'a cycle worker ↔ queue is grouped, ordered inside by size, and reported',
      nodes: [
        node('web', 10, ['api']),
        node('api', 20, ['db']),
        node('db', 500),
        node('worker', 5, ['queue']),
        node('queue', 8, ['worker']),
        node('cache', 1),
      ],
      order: ['cache', 'worker', 'queue', 'web', 'api', 'db'],
      cycles: [['queue', 'worker']],
    },
    {
      // a → b → c → a is one group that also feeds d: the group precedes d.
      name: 'a three-node cycle upstream of another component',
      nodes: [node('a', 30, ['b']), node('b', 20, ['c']), node('c', 10, ['a', 'd']), node('d', 1)],
      order: ['c', 'b', 'a', 'd'],
      cycles: [['a', 'b', 'c']],
    },
    {
      name: 'self traffic is not a dependency',
      nodes: [node('db', 5, ['db']), node('web', 1, ['db'])],
      order: ['web', 'db'],
      cycles: [],
    },
  ])('$name', ({ nodes, order, cycles }) => {
    expect(orderComponents(nodes)).toEqual({ order, cycles });
  });

  it('handles a long chain without recursion limits', () => {
    const n = 20_000;
    const nodes = Array.from({ length: n }, (_, i) =>
      node(`c${String(i).padStart(5, '0')}`, 1, i + 1 < n ? [`c${String(i + 1).padStart(5, '0')}`] : []),
    );
    const { order } = orderComponents([...nodes].reverse());
    expect(order[0]).toBe('c00000');
    expect(order[n - 1]).toBe(`c${n - 1}`);
  });
});
