import { greatCircleKm, type GeoPoint } from './haversine.js';

/**
 * The one latency estimate used when nothing was measured (DESIGN.md, "Numbers that matter"):
 *
 *   RTT_ms ≈ 2 × distance_km / fibreKmPerMs × routeFactor + fixedMs
 *
 * - fibreKmPerMs 200: light in glass travels at about c / 1.47 ≈ 200 km per millisecond.
 * - routeFactor 1.5: cables do not follow great circles; 1.5 is the usual rule of thumb
 *   for terrestrial and submarine routes against the geodesic.
 * - fixedMs 2: switching, serialisation and the last mile, independent of distance.
 *
 * Frankfurt–Paris (≈ 479 km) → 2 × 479 / 200 × 1.5 + 2 ≈ 9.2 ms; Azure publishes ≈ 10 ms p95.
 */
export const LATENCY_ESTIMATE = Object.freeze({
  fibreKmPerMs: 200,
  routeFactor: 1.5,
  fixedMs: 2,
});

export type LatencySource = 'MEASURED' | 'ESTIMATED';

export interface RoundTrip {
  readonly rttMs: number;
  /** Where the number comes from: a measurement's source name, or "estimate: great-circle". */
  readonly source: string;
  readonly kind: LatencySource;
}

export function estimateRttMsFromKm(distanceKm: number): number {
  const { fibreKmPerMs, routeFactor, fixedMs } = LATENCY_ESTIMATE;
  return ((2 * distanceKm) / fibreKmPerMs) * routeFactor + fixedMs;
}

export function estimateRtt(a: GeoPoint, b: GeoPoint): RoundTrip {
  return {
    rttMs: estimateRttMsFromKm(greatCircleKm(a, b)),
    source: 'estimate: great-circle',
    kind: 'ESTIMATED',
  };
}
