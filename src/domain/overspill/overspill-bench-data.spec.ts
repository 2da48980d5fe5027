import { decideOverspill } from './decide-overspill.js';
import { mulberry32 } from '../seeded-random.js';
import { generateOverspillBench } from './overspill-bench-data.js';

describe('generateOverspillBench', () => {
  const bench = generateOverspillBench();

  it('is 10k workloads over 50 sites by default', () => {
    expect(bench.inputs).toHaveLength(50);
    expect(bench.inputs.reduce((n, i) => n + i.workloads.length, 0)).toBe(10_000);
  });

  it('is deterministic for a seed and changes with it', () => {
    expect(generateOverspillBench({ sites: 5, workloads: 300 })).toEqual(
      generateOverspillBench({ sites: 5, workloads: 300 }),
    );
    expect(generateOverspillBench({ sites: 5, workloads: 300, seed: 1 })).not.toEqual(
      generateOverspillBench({ sites: 5, workloads: 300 }),
    );
  });

  it.each([
    { seed: 1, first: 0.6270739405881613 },
    { seed: 42, first: 0.6011037519201636 },
  ])('mulberry32($seed) is the reference sequence', ({ seed, first }) =>
    expect(mulberry32(seed)()).toBe(first),
  );

  it('exercises every decision path in one tick', () => {
    const decisions = bench.inputs.map((input) => decideOverspill(input, bench.now));
    const actions = new Set(decisions.map((d) => d.action));
    expect([...actions].sort()).toEqual(['BURST', 'HOLD', 'RECALL']);
    expect(decisions.some((d) => d.leaks.length > 0)).toBe(true);
    expect(decisions.some((d) => d.expiredLeases.length > 0)).toBe(true);
    expect(decisions.some((d) => d.leaseRenewals.length > 0)).toBe(true);
    expect(decisions.some((d) => d.dryRun)).toBe(true);
  });
});
