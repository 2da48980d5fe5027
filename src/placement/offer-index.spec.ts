import { ARCHITECTURES } from '../domain/catalog/catalog-enums.js';
import type { PurchaseOption } from '../domain/catalog/catalog-enums.js';
import { createOfferListSource, type ListedOffer } from '../domain/placement/compute-offers.js';
import { OfferIndex, offerIndexSource, type FitQuery, type OfferIndexRow } from './offer-index.js';
import { mulberry32 } from '../domain/seeded-random.js';

let id = 1;
function row(
  regionCode: string,
  instanceType: string,
  vcpu: number,
  memoryGib: number,
  price: number,
  extra: Partial<OfferIndexRow> = {},
): OfferIndexRow {
  return {
    offerId: String(id++),
    providerId: 'aws',
    regionCode,
    instanceType,
    vcpu,
    memoryGib,
    gpuModel: null,
    gpuCount: 0,
    arch: 'x86_64',
    os: 'LINUX',
    purchaseOption: 'ON_DEMAND',
    resourceKind: 'INSTANCE',
    pricePerHourUsd: price,
    ...extra,
  };
}
const q = (vcpu: number, memoryGib: number, extra: Partial<FitQuery> = {}): FitQuery => ({
  vcpu,
  memoryGib,
  os: 'LINUX',
  purchaseOptions: ['ON_DEMAND'],
  ...extra,
});

interface Row {
  name: string;
  rows: OfferIndexRow[];
  query: FitQuery;
  region?: string;
  /** Expected instance type, null = nothing fits. */
  type: string | null;
}

const cases: Row[] = [
  {
    name: 'a bigger cheaper type beats an exact fit',
    rows: [
      row('r', 'm5.large', 2, 8, 0.096),
      row('r', 'm6a.xlarge', 4, 16, 0.09),
      row('r', 't3.small', 2, 2, 0.02),
    ],
    query: q(2, 8),
    type: 'm6a.xlarge',
  },
  {
    name: 'memory must fit: the cheaper low-memory type is skipped',
    rows: [row('r', 'c5.large', 2, 4, 0.085), row('r', 'r5.large', 2, 16, 0.126)],
    query: q(2, 8),
    type: 'r5.large',
  },
  {
    name: 'GPU model (case-insensitive) and count',
    rows: [
      row('r', 'g5.xlarge', 4, 16, 1.006, { gpuModel: 'A10G', gpuCount: 1 }),
      row('r', 'p4d', 96, 1152, 32.77, { gpuModel: 'A100', gpuCount: 8 }),
      row('r', 'a2-1g', 12, 85, 3.67, { gpuModel: 'A100', gpuCount: 1 }),
      row('r', 'a2-2g', 24, 170, 7.34, { gpuModel: 'A100', gpuCount: 2 }),
    ],
    query: q(4, 16, { gpuModel: 'a100', gpuCount: 2 }),
    type: 'a2-2g',
  },
  {
    name: 'any GPU when only a count is asked',
    rows: [row('r', 'c5', 8, 16, 0.3), row('r', 'g4dn', 4, 16, 0.526, { gpuModel: 'T4', gpuCount: 1 })],
    query: q(4, 16, { gpuCount: 1 }),
    type: 'g4dn',
  },
  {
    name: 'a GPU instance fits a CPU-only ask when it is the cheapest fit',
    rows: [
      row('r', 'c5.4xlarge', 16, 32, 0.9),
      row('r', 'g4dn.4xlarge', 16, 64, 0.8, { gpuModel: 'T4', gpuCount: 1 }),
    ],
    query: q(16, 32),
    type: 'g4dn.4xlarge',
  },
  {
    name: 'an unknown GPU model fits nothing',
    rows: [row('r', 'g5', 4, 16, 1, { gpuModel: 'A10G', gpuCount: 1 })],
    query: q(1, 1, { gpuModel: 'H100' }),
    type: null,
  },
  {
    name: 'arch asked; unspecified = any',
    rows: [row('r', 'm6a', 2, 8, 0.05), row('r', 'm7g', 2, 8, 0.08, { arch: 'arm64' })],
    query: q(2, 8, { arch: 'arm64' }),
    type: 'm7g',
  },
  {
    name: 'an offer without OS fits any OS; another OS does not',
    rows: [
      row('r', 'win', 2, 8, 0.01, { os: 'WINDOWS' }),
      row('r', 'bare', 2, 8, 0.04, { os: null }),
      row('r', 'linux', 2, 8, 0.05),
    ],
    query: q(2, 8),
    type: 'bare',
  },
  {
    name: 'purchase options: SPOT only when allowed',
    rows: [row('r', 'spot', 2, 8, 0.02, { purchaseOption: 'SPOT' }), row('r', 'od', 2, 8, 0.09)],
    query: q(2, 8, { purchaseOptions: ['ON_DEMAND', 'SPOT'] }),
    type: 'spot',
  },
  {
    name: 'offers with a variant and non-instance rows are not indexed',
    rows: [
      row('r', 'variant', 2, 8, 0.01, { variant: 'dedicated' }),
      row('r', 'host', 2, 8, 0.01, { resourceKind: 'DEDICATED_HOST' }),
      row('r', 'plain', 2, 8, 0.09),
    ],
    query: q(2, 8),
    type: 'plain',
  },
  {
    name: 'equal prices: the smaller offer id (numerically: 9 before 10)',
    rows: [row('r', 'ten', 2, 8, 0.1, { offerId: '10' }), row('r', 'nine', 4, 16, 0.1, { offerId: '9' })],
    query: q(2, 8),
    type: 'nine',
  },
  {
    name: 'string offer ids tie-break as strings',
    rows: [row('r', 'b', 2, 8, 0.1, { offerId: 'sku-b' }), row('r', 'a', 2, 8, 0.1, { offerId: 'sku-a' })],
    query: q(2, 8),
    type: 'a',
  },
  {
    name: 'another region is not searched',
    rows: [row('other', 'cheap', 2, 8, 0.01), row('r', 'here', 2, 8, 0.09)],
    query: q(2, 8),
    type: 'here',
  },
  { name: 'nothing big enough', rows: [row('r', 'small', 2, 8, 0.1)], query: q(64, 512), type: null },
  { name: 'unknown region', rows: [row('r', 'x', 2, 8, 0.1)], query: q(1, 1), region: 'nowhere', type: null },
];

describe('OfferIndex.cheapestFitting', () => {
  it.each(cases)('$name', ({ rows, query, region, type }) => {
    const index = OfferIndex.build(rows);
    const key = index.regionKey('aws', region ?? 'r');
    const i = index.cheapestFitting(key, query);
    expect(i < 0 ? null : index.offerAt(i).instanceType).toBe(type);
    expect(index.bareScanCheapest(key, query)).toBe(i);
  });
});

describe('OfferIndex build', () => {
  it('counts what it excluded and pairs VCPU + MEMORY rates into custom shapes', () => {
    const index = OfferIndex.build([
      row('r', 'm5', 2, 8, 0.1),
      row('r', 'v', 2, 8, 0.1, { variant: 'byol' }),
      row('r', 'n2', 1, 0, 0.031611, { resourceKind: 'VCPU', offerId: '900' }),
      row('r', 'n2', 0, 1, 0.004237, { resourceKind: 'MEMORY', offerId: '901' }),
      row('r', 'n2', 1, 0, 0.04, { resourceKind: 'VCPU', offerId: '902' }),
      row('r', 'disk', 0, 0, 0.1, { resourceKind: 'STORAGE' }),
    ]);
    expect(index.stats).toMatchObject({
      rows: 6,
      indexed: 1,
      excludedVariant: 1,
      excludedOtherKind: 1,
      invalid: 0,
    });
    expect(index.customShapeRates(index.regionKey('aws', 'r'))).toEqual([
      {
        family: 'n2',
        purchaseOption: 'ON_DEMAND',
        os: 'LINUX',
        arch: 'x86_64',
        vcpuPerHourUsd: 0.031611,
        vcpuOfferId: '900',
        memoryGibPerHourUsd: 0.004237,
        memoryOfferId: '901',
      },
    ]);
    expect(index.regions()).toEqual([{ key: 0, providerId: 'aws', regionCode: 'r' }]);
  });

  it('serves the domain as a ComputeOfferSource with the exact price printed back', () => {
    const index = OfferIndex.build([row('r', 'm5.large', 2, 8, 0.096, { offerId: '42' })]);
    const offer = offerIndexSource(index).cheapestFitting(
      { providerId: 'aws', regionCode: 'r' },
      { ...q(2, 8), gpuModel: null, gpuCount: 0, arch: null },
    );
    expect(offer).toMatchObject({
      offerId: '42',
      instanceType: 'm5.large',
      unit: 'HOUR',
      priceUsd: '0.096',
      pricePerHourUsd: 0.096,
    });
  });
});

function syntheticRows(count: number, regions: number, seed = 7): OfferIndexRow[] {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const options: PurchaseOption[] = ['ON_DEMAND', 'SPOT', 'RESERVED_1Y', 'RESERVED_3Y'];
  return Array.from({ length: count }, (_, i) => {
    const vcpu = pick([1, 2, 4, 8, 16, 32, 48, 64, 96, 128]);
    const gpu = rand() < 0.05;
    return {
      offerId: String(i + 1),
      providerId: `p${i % 7}`,
      regionCode: `r${Math.floor(rand() * regions)}`,
      instanceType: `t${Math.floor(rand() * 800)}`,
      vcpu,
      memoryGib: vcpu * pick([0.5, 1, 2, 4, 8, 3.75, 7.5]),
      gpuModel: gpu ? pick(['T4', 'A10G', 'A100', 'V100', 'L4']) : null,
      gpuCount: gpu ? pick([1, 2, 4, 8]) : 0,
      arch: rand() < 0.2 ? 'arm64' : 'x86_64',
      os: pick(['LINUX', 'LINUX', 'WINDOWS', 'RHEL', null] as const),
      purchaseOption: pick(options),
      resourceKind: 'INSTANCE',
      pricePerHourUsd: Math.round(vcpu * (0.02 + rand() * 0.05) * 1e4) / 1e4,
    };
  });
}

describe('OfferIndex against the bare scan and the domain list scan', () => {
  const rows = syntheticRows(10_000, 12);
  const index = OfferIndex.build(rows);
  const list = createOfferListSource(
    rows.map((r): ListedOffer => ({ ...r, unit: 'HOUR', priceUsd: String(r.pricePerHourUsd) })),
  );

  it('answers every random query like both scans', () => {
    const rand = mulberry32(99);
    for (let n = 0; n < 150; n++) {
      const query: FitQuery = {
        vcpu: [0.5, 1, 2, 4, 8, 16, 64, 200][Math.floor(rand() * 8)],
        memoryGib: [0, 1, 4, 16, 64, 256][Math.floor(rand() * 6)],
        gpuModel: rand() < 0.2 ? ['T4', 'a100', 'L4'][Math.floor(rand() * 3)] : null,
        gpuCount: rand() < 0.2 ? 2 : 0,
        arch: rand() < 0.3 ? ARCHITECTURES[Math.floor(rand() * 2)] : null,
        os: rand() < 0.7 ? 'LINUX' : 'WINDOWS',
        purchaseOptions: rand() < 0.5 ? ['ON_DEMAND'] : ['ON_DEMAND', 'SPOT', 'RESERVED_3Y'],
      };
      const perRegion = index.cheapestFittingPerRegion(query);
      expect(Array.from(index.bareScanCheapestPerRegion(query))).toEqual(Array.from(perRegion));
      for (const r of index.regions()) {
        const i = perRegion[r.key];
        const fromList = list.cheapestFitting(r, {
          ...query,
          gpuModel: query.gpuModel ?? null,
          gpuCount: query.gpuCount ?? 0,
          arch: query.arch ?? null,
        });
        expect(i < 0 ? null : index.offerAt(i).offerId).toBe(fromList?.offerId ?? null);
      }
    }
  });

  it('stays under 150 bytes per offer', () => {
    expect(index.byteSize().bytesPerOffer).toBeLessThan(150);
  });
});
