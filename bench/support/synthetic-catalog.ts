import type { CandidateRegion } from '../../src/domain/placement/placement-types.js';
import { OfferIndex, type OfferIndexRow } from '../../src/placement/offer-index.js';
import type { PlacementSnapshot } from '../../src/placement/placement-snapshot.js';
import { mulberry32 } from '../../src/domain/seeded-random.js';

/**
 * A catalog of `size` offers made from the real one: every real region is copied `regionCopies`
 * times under a synthetic code (coordinates moved up to ±2°), and every real offer appears in
 * each copy, repeated until the size is reached, with its price perturbed by ±15 % and its
 * memory by up to +10 %. SYNTHETIC: for benchmarks only.
 */
export function syntheticSnapshot(
  real: PlacementSnapshot,
  realRows: readonly OfferIndexRow[],
  size: number,
  regionCopies: number,
  seed = 7,
): PlacementSnapshot {
  const random = mulberry32(seed);
  const copyCode = (code: string, copy: number) => (copy === 0 ? code : `${code}~s${copy}`);
  const perRegionCopy = Math.ceil(size / (realRows.length * regionCopies));
  function* rows(): Generator<OfferIndexRow> {
    let n = 0;
    for (let repeat = 0; repeat < perRegionCopy; repeat++) {
      for (let copy = 0; copy < regionCopies; copy++) {
        for (const row of realRows) {
          if (n >= size) return;
          n++;
          yield {
            ...row,
            offerId: String(n),
            regionCode: copyCode(row.regionCode, copy),
            pricePerHourUsd: Math.round(row.pricePerHourUsd * (0.85 + 0.3 * random()) * 1e6) / 1e6,
            memoryGib:
              repeat === 0 ? row.memoryGib : Math.round(row.memoryGib * (1 + 0.1 * random()) * 100) / 100,
          };
        }
      }
    }
  }
  const index = OfferIndex.build(rows());
  const regions: CandidateRegion[] = [];
  for (let copy = 0; copy < regionCopies; copy++) {
    for (const region of real.regions) {
      regions.push({
        ...region,
        regionCode: copyCode(region.regionCode, copy),
        regionName: copy === 0 ? region.regionName : `${region.regionName} (synthetic ${copy})`,
        latitude: Math.max(-89, Math.min(89, region.latitude + (copy === 0 ? 0 : (random() - 0.5) * 4))),
        longitude: region.longitude + (copy === 0 ? 0 : (random() - 0.5) * 4),
      });
    }
  }
  return {
    ...real,
    index,
    regions,
    exact: new Map(),
    stats: {
      ...real.stats,
      offersRead: index.stats.rows,
      offersIndexed: index.size,
      indexBytesPerOffer: index.byteSize().bytesPerOffer,
      indexBuildMs: Math.round(index.stats.buildMs),
    },
  };
}
