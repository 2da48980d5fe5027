import { aBurst, ago, anInstance, later, NOW } from './overspill-fixtures.js';
import { leaseFindings, reconcileInventory } from './reconcile-bursts.js';

describe('reconcileInventory', () => {
  const bursts = [aBurst('a-1'), aBurst('a-2', { target: { provider: 'gcp', region: 'europe-west2' } })];
  it('finds every kind of leak, in provider/region/instance order', () => {
    const inventory = [
      anInstance('a-2', 'i-400'),
      anInstance(null, 'i-300'),
      anInstance('a-1', 'i-200'),
      anInstance('a-1', 'i-100'),
      anInstance('gone-5', 'i-050'),
    ];
    const { leaks, missing } = reconcileInventory(bursts, inventory);
    expect(leaks.map((l) => [l.instanceId, l.reason])).toEqual([
      [
        'i-050',
        'instance i-050 in aws/eu-west-2 runs gone-5, which has no active burst (recalled or never bursted)',
      ],
      ['i-200', 'duplicate instance i-200 for a-1: i-100 already serves it'],
      ['i-300', 'untagged instance i-300 in aws/eu-west-2: no burst accounts for it'],
      ['i-400', 'instance i-400 in aws/eu-west-2 runs a-2, whose burst is in gcp/europe-west2'],
    ]);
    expect(missing).toEqual([
      {
        workloadId: 'a-2',
        target: { provider: 'gcp', region: 'europe-west2' },
        reason: 'no instance reported by gcp/europe-west2 for bursted a-2: it may have been torn down',
      },
    ]);
  });

  it('a clean inventory has no findings', () => {
    const inventory = [
      anInstance('a-1', 'i-1'),
      anInstance('a-2', 'i-2', { provider: 'gcp', region: 'europe-west2' }),
    ];
    expect(reconcileInventory(bursts, inventory)).toEqual({ leaks: [], missing: [] });
  });
});

describe('leaseFindings', () => {
  it.each([
    {
      name: 'more than half a lease left: no renewal',
      burst: aBurst('a', { leaseExpiresAt: later(31) }),
      recalled: [],
      missing: [],
      renewed: false,
      expired: false,
    },
    {
      name: 'half a lease left: renewed',
      burst: aBurst('a', { leaseExpiresAt: later(30) }),
      recalled: [],
      missing: [],
      renewed: true,
      expired: false,
    },
    {
      name: 'expires now: expired and renewed',
      burst: aBurst('a', { leaseExpiresAt: NOW }),
      recalled: [],
      missing: [],
      renewed: true,
      expired: true,
    },
    {
      name: 'being recalled: not renewed',
      burst: aBurst('a', { leaseExpiresAt: later(5) }),
      recalled: ['a'],
      missing: [],
      renewed: false,
      expired: false,
    },
    {
      name: 'expired and missing: not renewed',
      burst: aBurst('a', { leaseExpiresAt: ago(5) }),
      recalled: [],
      missing: ['a'],
      renewed: false,
      expired: true,
    },
  ])('$name', ({ burst, recalled, missing, renewed, expired }) => {
    const r = leaseFindings([burst], new Set(recalled), new Set(missing), 60, NOW);
    expect(r.renewals).toEqual(renewed ? [{ workloadId: 'a', leaseExpiresAt: later(60) }] : []);
    expect(r.expired.length).toBe(expired ? 1 : 0);
  });
});
