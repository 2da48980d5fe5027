import { greatCircleKm } from './haversine.js';
import { estimateRtt, estimateRttMsFromKm, LATENCY_ESTIMATE } from './latency-estimate.js';

describe('greatCircleKm', () => {
  // Distances read off published great-circle calculators (rounded to the km).
  const cases = [
    {
      name: 'same point',
      a: { latitude: 50.11, longitude: 8.68 },
      b: { latitude: 50.11, longitude: 8.68 },
      km: 0,
      tol: 0.001,
    },
    {
      name: 'Frankfurt–Paris',
      a: { latitude: 50.1109, longitude: 8.6821 },
      b: { latitude: 48.8566, longitude: 2.3522 },
      km: 479,
      tol: 3,
    },
    {
      name: 'London–New York',
      a: { latitude: 51.5074, longitude: -0.1278 },
      b: { latitude: 40.7128, longitude: -74.006 },
      km: 5570,
      tol: 10,
    },
    {
      name: 'quarter meridian (equator to pole)',
      a: { latitude: 0, longitude: 0 },
      b: { latitude: 90, longitude: 0 },
      km: 10008,
      tol: 2,
    },
    {
      name: 'antipodes (half circumference)',
      a: { latitude: 0, longitude: 0 },
      b: { latitude: 0, longitude: 180 },
      km: 20015,
      tol: 2,
    },
  ];
  it.each(cases)('$name', ({ a, b, km, tol }) => {
    expect(Math.abs(greatCircleKm(a, b) - km)).toBeLessThanOrEqual(tol);
  });
});

describe('estimateRttMsFromKm', () => {
  const cases = [
    // 2 × 0 / 200 × 1.5 + 2 = 2 ms
    { name: 'zero distance is the fixed cost', km: 0, ms: 2 },
    // 2 × 1000 / 200 × 1.5 + 2 = 15 + 2 = 17 ms
    { name: '1000 km', km: 1000, ms: 17 },
    // 2 × 5570 / 200 × 1.5 + 2 = 83.55 + 2 = 85.55 ms
    { name: 'London–New York distance', km: 5570, ms: 85.55 },
  ];
  it.each(cases)('$name', ({ km, ms }) => {
    expect(estimateRttMsFromKm(km)).toBeCloseTo(ms, 9);
  });

  it('is one frozen constant object', () => {
    expect(Object.isFrozen(LATENCY_ESTIMATE)).toBe(true);
  });

  it('says the value is an estimate', () => {
    const rtt = estimateRtt({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 0 });
    expect(rtt).toEqual({ rttMs: 2, source: 'estimate: great-circle', kind: 'ESTIMATED' });
  });
});
