import {
  addSeconds,
  backoffSeconds,
  DEFAULT_MIGRATION_POLICY,
  fnv1a32,
  jitterFraction,
} from './retry-policy.js';

describe('fnv1a32', () => {
  // Published FNV-1a 32-bit test vectors (Fowler/Noll/Vo reference).
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('"%s"', (text, hash) => {
    expect(fnv1a32(text)).toBe(hash);
  });
});

describe('jitterFraction', () => {
  it('spreads keys that differ only in the last character over [0, 1)', () => {
    const values = Array.from({ length: 1000 }, (_, i) => jitterFraction(`m1:db:transfer:1#${i}`));
    const deciles = new Array<number>(10).fill(0);
    for (const v of values) deciles[Math.floor(v * 10)] += 1;
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    // 100 expected per decile; 60 is far outside binomial noise (σ ≈ 9.5).
    for (const count of deciles) expect(count).toBeGreaterThan(60);
  });
});

describe('backoffSeconds', () => {
  const policy = { backoffBaseSeconds: 30, backoffMaxSeconds: 3600 };
  const key = 'm1:web:transfer:1';
  // ceiling = min(3600, 30 × 2^(attempt−1)); delay = ceiling/2 + u × ceiling/2, rounded up to ms.
  // u computed independently (Python: FNV-1a then fmix32, / 2^32):
  //   #1 u = 0.870412745 → 15 + 0.870412745 × 15 = 28.0562 → 28.057
  //   #2 u = 0.697176990 → 30 + 0.697176990 × 30 = 50.9153 → 50.916
  //   #3 u = 0.980278490 → 60 + 0.980278490 × 60 = 118.8167 → 118.817
  //   #8 ceiling capped at 3600: u = 0.157349045 → 1800 + 283.228 = 2083.228… → 2083.229
  it.each([
    { attempt: 1, seconds: 28.057 },
    { attempt: 2, seconds: 50.916 },
    { attempt: 3, seconds: 118.817 },
    { attempt: 8, seconds: 2083.229 },
  ])('attempt $attempt waits $seconds s', ({ attempt, seconds }) => {
    expect(backoffSeconds(key, attempt, policy)).toBe(seconds);
  });

  it('stays within [ceiling/2, ceiling] and is the same every time for the same key and attempt', () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      const ceiling = Math.min(3600, 30 * 2 ** (attempt - 1));
      const delay = backoffSeconds(key, attempt, policy);
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
      expect(backoffSeconds(key, attempt, policy)).toBe(delay);
    }
  });

  it('differs between keys failing at the same attempt (no thundering herd)', () => {
    const delays = new Set(
      ['a', 'b', 'c', 'd', 'e'].map((c) => backoffSeconds(`m1:${c}:transfer:1`, 3, policy)),
    );
    expect(delays.size).toBe(5);
  });

  it('has frozen defaults', () => {
    expect(Object.isFrozen(DEFAULT_MIGRATION_POLICY)).toBe(true);
    expect(DEFAULT_MIGRATION_POLICY.maxAttemptsPerStep).toBe(5);
  });
});

describe('addSeconds', () => {
  it('adds to an instant and prints ISO', () => {
    expect(addSeconds(new Date('2026-11-27T10:00:00.000Z'), 28.057)).toBe('2026-11-27T10:00:28.057Z');
  });
});
