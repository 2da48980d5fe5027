import { ARCHITECTURES, OPERATING_SYSTEMS, PURCHASE_OPTIONS } from '../domain/catalog/catalog-enums.js';
import type { Arch, OperatingSystem, PurchaseOption, ResourceKind } from '../domain/catalog/catalog-enums.js';
import { compareOfferIds } from '../domain/placement/compute-offers.js';
import type { ComputeOffer, ComputeOfferSource } from '../domain/placement/placement-types.js';

/**
 * In-memory index of one catalog snapshot's instance offers, answering "cheapest offer in this
 * region that fits at least this spec" without touching offers that cannot fit.
 *
 * Layout: offers sorted by (region, purchase option, OS, arch, GPU model | gpuCount, vCPU |
 * price, offer id) into typed columns. A partition is one (region, option, OS, arch, GPU model);
 * inside it a bucket is one (gpuCount, vCPU), and each bucket keeps a skyline: its offers in
 * price order that have more memory than every cheaper one. The cheapest offer of a bucket with
 * ≥ m GiB is the first skyline entry with ≥ m GiB (binary search); cheaper offers with less
 * memory cannot fit and dearer ones with less or equal memory are never the answer. A query
 * visits only its (region, option, OS) groups, their partitions cheapest-first (stopping once a
 * partition's cheapest offer costs more than the best found), and in them only buckets whose
 * vCPU, GPU count and max memory fit. Ties on price go to the smaller offer id, as in the
 * domain's list scan, so both give the same answer.
 *
 * Not indexed: offers with a variant (excluded at build), non-INSTANCE kinds (VCPU + MEMORY
 * rows become per-region custom-shape rates, see `customShapeRates`).
 */

export interface OfferIndexRow {
  readonly offerId: string;
  readonly providerId: string;
  readonly regionCode: string;
  readonly instanceType: string | null;
  readonly vcpu: number;
  readonly memoryGib: number;
  readonly gpuModel: string | null;
  readonly gpuCount: number;
  readonly arch: Arch;
  readonly os: OperatingSystem | null;
  readonly purchaseOption: PurchaseOption;
  readonly resourceKind: ResourceKind;
  /** Hourly (equivalent) price for ranking; the exact decimal is looked up by offerId. */
  readonly pricePerHourUsd: number;
  readonly variant?: string | null;
}

export interface FitQuery {
  readonly vcpu: number;
  readonly memoryGib: number;
  readonly gpuModel?: string | null;
  readonly gpuCount?: number;
  /** Null or absent: any. */
  readonly arch?: Arch | null;
  readonly purchaseOptions: readonly PurchaseOption[];
  /** Offers without an OS fit any. */
  readonly os: OperatingSystem;
}

/** An offer as a query returns it: the indexed row without what only the build uses. */
export type IndexedOffer = Omit<OfferIndexRow, 'resourceKind' | 'variant'>;

/** Cheapest VCPU and MEMORY rates of one (region, option, OS, arch, family). */
export interface CustomShapeRow {
  readonly family: string | null;
  readonly purchaseOption: PurchaseOption;
  readonly os: OperatingSystem | null;
  readonly arch: Arch;
  readonly vcpuPerHourUsd: number;
  readonly vcpuOfferId: string;
  readonly memoryGibPerHourUsd: number;
  readonly memoryOfferId: string;
}

export interface OfferIndexStats {
  readonly rows: number;
  readonly indexed: number;
  readonly excludedVariant: number;
  readonly excludedOtherKind: number;
  readonly invalid: number;
  readonly partitions: number;
  readonly buckets: number;
  readonly skyline: number;
  readonly buildMs: number;
}

const NPO = PURCHASE_OPTIONS.length;
/** OS code 0 = offer without OS (fits any); 1.. = OPERATING_SYSTEMS. */
const NOS = OPERATING_SYSTEMS.length + 1;
const poCode = (po: PurchaseOption) => PURCHASE_OPTIONS.indexOf(po);
const osCode = (os: OperatingSystem | null) => (os === null ? 0 : OPERATING_SYSTEMS.indexOf(os) + 1);
const NUMERIC_ID = /^[1-9]\d{0,14}$/;

class Dictionary {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();
  constructor(private readonly base = 0) {}
  code(value: string): number {
    let c = this.codes.get(value);
    if (c === undefined) {
      c = this.values.length + this.base;
      this.codes.set(value, c);
      this.values.push(value);
    }
    return c;
  }
  find(value: string): number | undefined {
    return this.codes.get(value);
  }
  bytes(): number {
    return this.values.reduce((s, v) => s + 16 + v.length, 0) + this.values.length * 24;
  }
}

export class OfferIndex {
  /** (provider, region) per region key, split once. */
  private readonly regionPairs: readonly { readonly providerId: string; readonly regionCode: string }[];

  private constructor(
    private readonly c: IndexColumns,
    readonly stats: OfferIndexStats,
  ) {
    this.regionPairs = c.regions.values.map((v) => {
      const [providerId, regionCode] = v.split('\u0000') as [string, string];
      return { providerId, regionCode };
    });
  }

  /** Builds the index from rows (any iterable: an array or a generator streaming from the database). */
  static build(rows: Iterable<OfferIndexRow>): OfferIndex {
    const started = performance.now();
    const built = buildColumns(rows);
    return new OfferIndex(built.columns, { ...built.stats, buildMs: performance.now() - started });
  }

  get size(): number {
    return this.c.price.length;
  }

  /** Regions present, with the key queries take. */
  regions(): { key: number; providerId: string; regionCode: string }[] {
    return this.regionPairs.map((pair, key) => ({ key, ...pair }));
  }

  /** -1 when the region has no indexed offer. */
  regionKey(providerId: string, regionCode: string): number {
    return this.c.regions.find(`${providerId}\u0000${regionCode}`) ?? -1;
  }

  /** Position of the cheapest fitting offer in the region, or -1. */
  cheapestFitting(regionKey: number, q: FitQuery): number {
    const c = this.c;
    if (regionKey < 0 || regionKey >= c.regions.values.length) return -1;
    const gpuCount = q.gpuCount ?? (q.gpuModel ? 1 : 0);
    const gpu = q.gpuModel ? c.gpuModels.find(q.gpuModel.toLowerCase()) : 0;
    if (gpu === undefined) return -1;
    const arch = q.arch ? ARCHITECTURES.indexOf(q.arch) : -1;
    const v = q.vcpu;
    const m = q.memoryGib;
    let best = -1;
    let bestPrice = Number.POSITIVE_INFINITY;
    const askedOs = osCode(q.os);
    for (const po of q.purchaseOptions) {
      const poc = poCode(po);
      if (poc < 0) continue;
      // The asked OS, then offers without an OS (they fit any).
      for (let os = askedOs, pass = 0; pass < 2; os = 0, pass++) {
        if (pass === 1 && askedOs === 0) break;
        const g = (regionKey * NPO + poc) * NOS + os;
        for (let k = c.groupStart[g]; k < c.groupStart[g + 1]; k++) {
          const p = c.groupParts[k];
          if (c.partMinPrice[p] > bestPrice) break;
          if (arch >= 0 && c.partArch[p] !== arch) continue;
          if (gpu > 0 ? c.partGpu[p] !== gpu : gpuCount > 0 && c.partGpu[p] === 0) continue;
          if (c.partMaxVcpu[p] < v || c.partMaxMem[p] < m || c.partMaxGpuCount[p] < gpuCount) continue;
          for (let b = c.partBucketStart[p]; b < c.partBucketStart[p + 1]; b++) {
            if (c.bucketVcpu[b] < v || c.bucketGpuCount[b] < gpuCount || c.bucketMaxMem[b] < m) continue;
            let lo = c.bucketSkyStart[b];
            if (c.price[c.skyline[lo]] > bestPrice) continue;
            let hi = c.bucketSkyStart[b + 1] - 1;
            while (lo < hi) {
              const mid = (lo + hi) >>> 1;
              if (c.memoryGib[c.skyline[mid]] >= m) hi = mid;
              else lo = mid + 1;
            }
            const i = c.skyline[lo];
            if (this.better(i, best, bestPrice)) {
              best = i;
              bestPrice = c.price[i]!;
            }
          }
        }
      }
    }
    return best;
  }

  /** cheapestFitting for every region, indexed by region key. */
  cheapestFittingPerRegion(q: FitQuery): Int32Array {
    const out = new Int32Array(this.c.regions.values.length);
    for (let r = 0; r < out.length; r++) out[r] = this.cheapestFitting(r, q);
    return out;
  }

  /** Floor baseline for the benchmark: a plain loop over every offer, no partitioning. */
  bareScanCheapest(regionKey: number, q: FitQuery): number {
    return regionKey < 0 ? -1 : this.bareScan(q, regionKey)[0];
  }

  /** One plain pass over every offer, best per region (the fair bare baseline for "all regions"). */
  bareScanCheapestPerRegion(q: FitQuery): Int32Array {
    return this.bareScan(q, -1);
  }

  private bareScan(q: FitQuery, onlyRegion: number): Int32Array {
    const c = this.c;
    const out = new Int32Array(onlyRegion >= 0 ? 1 : c.regions.values.length).fill(-1);
    const gpuCount = q.gpuCount ?? (q.gpuModel ? 1 : 0);
    const gpu = q.gpuModel ? c.gpuModels.find(q.gpuModel.toLowerCase()) : 0;
    if (gpu === undefined) return out;
    const arch = q.arch ? ARCHITECTURES.indexOf(q.arch) : -1;
    let poMask = 0;
    for (const po of q.purchaseOptions) poMask |= 1 << poCode(po);
    const os = osCode(q.os);
    for (let i = 0; i < c.price.length; i++) {
      const r = c.region[i];
      if (onlyRegion >= 0 && r !== onlyRegion) continue;
      if (!(poMask & (1 << c.po[i])) || (c.os[i] !== os && c.os[i] !== 0)) continue;
      if (
        (arch >= 0 && c.arch[i] !== arch) ||
        c.vcpu[i] < q.vcpu ||
        c.memoryGib[i] < q.memoryGib ||
        c.gpuCount[i] < gpuCount
      )
        continue;
      if (gpu > 0 && c.gpuModel[i] !== gpu) continue;
      const slot = onlyRegion >= 0 ? 0 : r;
      const best = out[slot];
      if (this.better(i, best, best < 0 ? Number.POSITIVE_INFINITY : c.price[best])) out[slot] = i;
    }
    return out;
  }

  private better(i: number, best: number, bestPrice: number): boolean {
    const p = this.c.price[i];
    if (p !== bestPrice) return p < bestPrice;
    return best < 0 || compareOfferIds(this.offerIdAt(i), this.offerIdAt(best)) < 0;
  }

  offerIdAt(i: number): string {
    return this.c.offerIdNum ? String(this.c.offerIdNum[i]) : this.c.offerIdStr![i];
  }

  offerAt(i: number): IndexedOffer {
    const c = this.c;
    const { providerId, regionCode } = this.regionPairs[c.region[i]];
    const type = c.instanceType[i];
    return {
      offerId: this.offerIdAt(i),
      providerId,
      regionCode,
      instanceType: type === 0 ? null : c.instanceTypes.values[type - 1],
      vcpu: c.vcpu[i],
      memoryGib: c.memoryGib[i],
      gpuModel: c.gpuModel[i] === 0 ? null : c.gpuModelNames[c.gpuModel[i] - 1],
      gpuCount: c.gpuCount[i],
      arch: ARCHITECTURES[c.arch[i]],
      os: c.os[i] === 0 ? null : OPERATING_SYSTEMS[c.os[i] - 1],
      purchaseOption: PURCHASE_OPTIONS[c.po[i]],
      pricePerHourUsd: c.price[i],
    };
  }

  customShapeRates(regionKey: number): readonly CustomShapeRow[] {
    return this.c.customShapes.get(regionKey) ?? [];
  }

  /** Memory held by the index: typed columns, dictionaries (estimated) and string ids if any. */
  byteSize(): { totalBytes: number; bytesPerOffer: number; parts: Record<string, number> } {
    const parts: Record<string, number> = {};
    for (const [name, value] of Object.entries(this.c)) {
      if (ArrayBuffer.isView(value)) parts[name] = value.byteLength;
      else if (value instanceof Dictionary) parts[name] = value.bytes();
    }
    if (this.c.offerIdStr)
      parts.offerIdStr =
        this.c.offerIdStr.reduce((s, v) => s + 24 + v.length, 0) + 8 * this.c.offerIdStr.length;
    parts.customShapes = [...this.c.customShapes.values()].reduce((s, l) => s + l.length * 160, 0);
    const totalBytes = Object.values(parts).reduce((s, v) => s + v, 0);
    return { totalBytes, bytesPerOffer: this.size === 0 ? 0 : totalBytes / this.size, parts };
  }
}

/**
 * The index as the domain's ComputeOfferSource. `exact` returns an offer's exact price and
 * unit (a reservation priced for its term, on-prem TCO parts); without it the hourly double
 * is printed back, which is exact for any price of ≤ 15 significant digits.
 */
export function offerIndexSource(
  index: OfferIndex,
  exact?: (offerId: string) => Pick<ComputeOffer, 'unit' | 'priceUsd' | 'tcoPerHourUsd'> | undefined,
): ComputeOfferSource {
  // Region keys are looked up once per (provider, region), not once per component.
  const keys = new Map<string, Map<string, number>>();
  const keyOf = (providerId: string, regionCode: string) => {
    let byCode = keys.get(providerId);
    if (!byCode) keys.set(providerId, (byCode = new Map()));
    let key = byCode.get(regionCode);
    if (key === undefined) byCode.set(regionCode, (key = index.regionKey(providerId, regionCode)));
    return key;
  };
  return {
    cheapestFitting(region, need) {
      const i = index.cheapestFitting(keyOf(region.providerId, region.regionCode), need);
      if (i < 0) return null;
      const o = index.offerAt(i);
      const e = exact?.(o.offerId);
      return {
        offerId: o.offerId,
        instanceType: o.instanceType,
        vcpu: o.vcpu,
        memoryGib: o.memoryGib,
        gpuModel: o.gpuModel,
        gpuCount: o.gpuCount,
        arch: o.arch,
        os: o.os,
        purchaseOption: o.purchaseOption,
        pricePerHourUsd: o.pricePerHourUsd,
        unit: e?.unit ?? 'HOUR',
        priceUsd: e?.priceUsd ?? String(o.pricePerHourUsd),
        ...(e?.tcoPerHourUsd ? { tcoPerHourUsd: e.tcoPerHourUsd } : {}),
      };
    },
  };
}

interface IndexColumns {
  readonly regions: Dictionary;
  readonly instanceTypes: Dictionary;
  /** Lower-cased for matching; `gpuModelNames` keeps the catalog's spelling. */
  readonly gpuModels: Dictionary;
  readonly gpuModelNames: readonly string[];
  readonly price: Float64Array;
  // vCPU, memory and GPU count stay doubles: a float32 can round 3.3 GiB down and lose a fit.
  readonly vcpu: Float64Array;
  readonly memoryGib: Float64Array;
  readonly gpuCount: Float64Array;
  readonly gpuModel: Uint16Array;
  readonly arch: Uint8Array;
  readonly os: Uint8Array;
  readonly po: Uint8Array;
  readonly region: Uint16Array;
  readonly instanceType: Uint32Array;
  readonly offerIdNum: Float64Array | null;
  readonly offerIdStr: string[] | null;
  readonly skyline: Uint32Array;
  readonly bucketVcpu: Float64Array;
  readonly bucketGpuCount: Float64Array;
  readonly bucketMaxMem: Float64Array;
  readonly bucketSkyStart: Uint32Array;
  readonly partArch: Uint8Array;
  readonly partGpu: Uint16Array;
  readonly partMinPrice: Float64Array;
  readonly partMaxVcpu: Float64Array;
  readonly partMaxMem: Float64Array;
  readonly partMaxGpuCount: Float64Array;
  readonly partBucketStart: Uint32Array;
  readonly groupStart: Uint32Array;
  readonly groupParts: Uint32Array;
  readonly customShapes: Map<number, CustomShapeRow[]>;
}

type Column = Float64Array | Uint32Array | Uint16Array | Uint8Array;

function grow<T extends Column>(column: T, capacity: number): T {
  const next = new (column.constructor as new (length: number) => T)(capacity);
  next.set(column);
  return next;
}

/** Row columns as read, before sorting; typed arrays that double as rows stream in. */
class Staging {
  n = 0;
  constructor(capacity: number) {
    if (capacity > 1024) this.growAll(capacity);
  }
  readonly regions = new Dictionary();
  private readonly regionCodes = new Map<string, Map<string, number>>();
  readonly instanceTypes = new Dictionary(1);
  readonly gpuModels = new Dictionary(1);
  readonly gpuModelNames: string[] = [];
  price = new Float64Array(1024);
  vcpu = new Float64Array(1024);
  memoryGib = new Float64Array(1024);
  gpuCount = new Float64Array(1024);
  gpuModel = new Uint16Array(1024);
  arch = new Uint8Array(1024);
  os = new Uint8Array(1024);
  po = new Uint8Array(1024);
  region = new Uint16Array(1024);
  instanceType = new Uint32Array(1024);
  idNum = new Float64Array(1024);
  /** Set once an offer id is not a plain integer: then every id is kept as a string. */
  idStr: string[] | null = null;
  readonly rates = new Map<
    string,
    { vcpu?: [number, string]; memory?: [number, string]; row: OfferIndexRow }
  >();
  readonly counts = { rows: 0, excludedVariant: 0, excludedOtherKind: 0, invalid: 0 };

  regionCode(providerId: string, regionCode: string): number {
    let byCode = this.regionCodes.get(providerId);
    if (!byCode) this.regionCodes.set(providerId, (byCode = new Map()));
    let code = byCode.get(regionCode);
    if (code === undefined)
      byCode.set(regionCode, (code = this.regions.code(`${providerId}\u0000${regionCode}`)));
    return code;
  }

  add(row: OfferIndexRow): void {
    this.counts.rows++;
    if (row.variant) return void this.counts.excludedVariant++;
    if (row.resourceKind === 'VCPU' || row.resourceKind === 'MEMORY') return this.addRate(row);
    if (row.resourceKind !== 'INSTANCE') return void this.counts.excludedOtherKind++;
    if (
      !(row.pricePerHourUsd >= 0) ||
      !(row.vcpu > 0) ||
      !(row.memoryGib >= 0) ||
      !(row.gpuCount >= 0) ||
      poCode(row.purchaseOption) < 0
    ) {
      return void this.counts.invalid++;
    }
    if (this.n === this.price.length) this.growAll(this.n * 2);
    const i = this.n++;
    this.price[i] = row.pricePerHourUsd;
    this.vcpu[i] = row.vcpu;
    this.memoryGib[i] = row.memoryGib;
    this.gpuCount[i] = row.gpuCount;
    if (row.gpuModel) {
      const before = this.gpuModels.values.length;
      this.gpuModel[i] = this.gpuModels.code(row.gpuModel.toLowerCase());
      if (this.gpuModels.values.length > before) this.gpuModelNames.push(row.gpuModel);
    } else this.gpuModel[i] = 0;
    this.arch[i] = Math.max(0, ARCHITECTURES.indexOf(row.arch));
    this.os[i] = osCode(row.os);
    this.po[i] = poCode(row.purchaseOption);
    this.region[i] = this.regionCode(row.providerId, row.regionCode);
    this.instanceType[i] = row.instanceType === null ? 0 : this.instanceTypes.code(row.instanceType);
    if (this.idStr === null && NUMERIC_ID.test(row.offerId)) this.idNum[i] = Number(row.offerId);
    else {
      this.idStr ??= Array.from(this.idNum.subarray(0, i), String);
      this.idStr.push(row.offerId);
    }
  }

  private growAll(capacity: number): void {
    this.price = grow(this.price, capacity);
    this.vcpu = grow(this.vcpu, capacity);
    this.memoryGib = grow(this.memoryGib, capacity);
    this.gpuCount = grow(this.gpuCount, capacity);
    this.gpuModel = grow(this.gpuModel, capacity);
    this.arch = grow(this.arch, capacity);
    this.os = grow(this.os, capacity);
    this.po = grow(this.po, capacity);
    this.region = grow(this.region, capacity);
    this.instanceType = grow(this.instanceType, capacity);
    this.idNum = grow(this.idNum, capacity);
  }

  private addRate(row: OfferIndexRow): void {
    if (!(row.pricePerHourUsd >= 0)) return void this.counts.invalid++;
    this.regionCode(row.providerId, row.regionCode);
    const key = [
      row.providerId,
      row.regionCode,
      row.purchaseOption,
      row.os ?? '',
      row.arch,
      row.instanceType ?? '',
    ].join('\u0000');
    const entry = this.rates.get(key) ?? { row };
    const slot = row.resourceKind === 'VCPU' ? 'vcpu' : 'memory';
    const current = entry[slot];
    if (
      !current ||
      row.pricePerHourUsd < current[0] ||
      (row.pricePerHourUsd === current[0] && compareOfferIds(row.offerId, current[1]) < 0)
    ) {
      entry[slot] = [row.pricePerHourUsd, row.offerId];
    }
    this.rates.set(key, entry);
  }
}

/** Copies columns in sorted order; one function per array type keeps each loop monomorphic (10× faster). */
function gatherF64(src: Float64Array, order: Uint32Array): Float64Array {
  const out = new Float64Array(order.length);
  for (let k = 0; k < order.length; k++) out[k] = src[order[k]]!;
  return out;
}
function gatherU32(src: Uint32Array, order: Uint32Array): Uint32Array {
  const out = new Uint32Array(order.length);
  for (let k = 0; k < order.length; k++) out[k] = src[order[k]]!;
  return out;
}
function gatherU16(src: Uint16Array, order: Uint32Array): Uint16Array {
  const out = new Uint16Array(order.length);
  for (let k = 0; k < order.length; k++) out[k] = src[order[k]]!;
  return out;
}
function gatherU8(src: Uint8Array, order: Uint32Array): Uint8Array {
  const out = new Uint8Array(order.length);
  for (let k = 0; k < order.length; k++) out[k] = src[order[k]]!;
  return out;
}

function buildColumns(rows: Iterable<OfferIndexRow>): {
  columns: IndexColumns;
  stats: Omit<OfferIndexStats, 'buildMs'>;
} {
  const s = new Staging(Array.isArray(rows) ? rows.length : 0);
  for (const row of rows) s.add(row);
  if (s.regions.values.length > 0xffff || s.gpuModels.values.length >= 0xffff)
    throw new Error('offer index: more than 65,535 regions or GPU models');
  const n = s.n;
  const ngpu = s.gpuModels.values.length + 1;
  const nArch = ARCHITECTURES.length;
  const partKey = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    partKey[i] = (((s.region[i] * NPO + s.po[i]) * NOS + s.os[i]) * nArch + s.arch[i]) * ngpu + s.gpuModel[i];
  }
  const ids = s.idStr;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort(
    (a, b) =>
      partKey[a] - partKey[b] ||
      s.gpuCount[a] - s.gpuCount[b] ||
      s.vcpu[a] - s.vcpu[b] ||
      s.price[a] - s.price[b] ||
      (ids ? compareOfferIds(ids[a], ids[b]) : s.idNum[a] - s.idNum[b]),
  );
  const price = gatherF64(s.price, order);
  const vcpu = gatherF64(s.vcpu, order);
  const memoryGib = gatherF64(s.memoryGib, order);
  const gpuCount = gatherF64(s.gpuCount, order);
  const sortedKey = gatherF64(partKey, order);

  // Partitions, buckets and skylines in one pass over the sorted offers (capacity n, trimmed after).
  const skyline = new Uint32Array(n);
  const bVcpu = new Float64Array(n),
    bGpu = new Float64Array(n),
    bMaxMem = new Float64Array(n),
    bSky = new Uint32Array(n + 1);
  const pKey = new Float64Array(n),
    pBucket = new Uint32Array(n + 1),
    pMin = new Float64Array(n);
  const pMaxVcpu = new Float64Array(n),
    pMaxMem = new Float64Array(n),
    pMaxGpu = new Float64Array(n);
  let np = 0,
    nb = 0,
    ns = 0;
  let runningMax = -1;
  for (let k = 0; k < n; k++) {
    if (k === 0 || sortedKey[k] !== sortedKey[k - 1]) {
      pKey[np] = sortedKey[k]!;
      pBucket[np] = nb;
      pMin[np] = Number.POSITIVE_INFINITY;
      np++;
    }
    if (pBucket[np - 1] === nb || gpuCount[k] !== gpuCount[k - 1] || vcpu[k] !== vcpu[k - 1]) {
      bVcpu[nb] = vcpu[k]!;
      bGpu[nb] = gpuCount[k]!;
      bSky[nb] = ns;
      nb++;
      runningMax = -1;
    }
    const p = np - 1,
      b = nb - 1,
      mem = memoryGib[k];
    if (price[k] < pMin[p]) pMin[p] = price[k]!;
    if (vcpu[k] > pMaxVcpu[p]) pMaxVcpu[p] = vcpu[k]!;
    if (mem > pMaxMem[p]) pMaxMem[p] = mem;
    if (gpuCount[k] > pMaxGpu[p]) pMaxGpu[p] = gpuCount[k]!;
    if (mem > bMaxMem[b]) bMaxMem[b] = mem;
    if (mem > runningMax) {
      runningMax = mem;
      skyline[ns++] = k;
    }
  }
  bSky[nb] = ns;
  pBucket[np] = nb;

  // Groups (region, purchase option, OS): their partitions, cheapest first.
  const ng = s.regions.values.length * NPO * NOS;
  const groupOf = Uint32Array.from(pKey.subarray(0, np), (key) => Math.floor(key / (nArch * ngpu)));
  const groupStart = new Uint32Array(ng + 1);
  for (const g of groupOf) groupStart[g + 1]++;
  for (let g = 0; g < ng; g++) groupStart[g + 1] += groupStart[g];
  const groupParts = Uint32Array.from({ length: np }, (_, p) => p).sort(
    (a, b) => groupOf[a] - groupOf[b] || pMin[a] - pMin[b] || a - b,
  );

  const customShapes = new Map<number, CustomShapeRow[]>();
  for (const { vcpu: v, memory: m, row } of s.rates.values()) {
    if (!v || !m) continue;
    const key = s.regionCode(row.providerId, row.regionCode);
    const list = customShapes.get(key) ?? [];
    list.push({
      family: row.instanceType,
      purchaseOption: row.purchaseOption,
      os: row.os,
      arch: row.arch,
      vcpuPerHourUsd: v[0],
      vcpuOfferId: v[1],
      memoryGibPerHourUsd: m[0],
      memoryOfferId: m[1],
    });
    customShapes.set(key, list);
  }

  const columns: IndexColumns = {
    regions: s.regions,
    instanceTypes: s.instanceTypes,
    gpuModels: s.gpuModels,
    gpuModelNames: s.gpuModelNames,
    price,
    vcpu,
    memoryGib,
    gpuCount,
    gpuModel: gatherU16(s.gpuModel, order),
    arch: gatherU8(s.arch, order),
    os: gatherU8(s.os, order),
    po: gatherU8(s.po, order),
    region: gatherU16(s.region, order),
    instanceType: gatherU32(s.instanceType, order),
    offerIdNum: ids ? null : gatherF64(s.idNum, order),
    offerIdStr: ids ? Array.from(order, (i) => ids[i]) : null,
    skyline: skyline.slice(0, ns),
    bucketVcpu: bVcpu.slice(0, nb),
    bucketGpuCount: bGpu.slice(0, nb),
    bucketMaxMem: bMaxMem.slice(0, nb),
    bucketSkyStart: bSky.slice(0, nb + 1),
    partArch: Uint8Array.from(pKey.subarray(0, np), (key) => Math.floor(key / ngpu) % nArch),
    partGpu: Uint16Array.from(pKey.subarray(0, np), (key) => key % ngpu),
    partMinPrice: pMin.slice(0, np),
    partMaxVcpu: pMaxVcpu.slice(0, np),
    partMaxMem: pMaxMem.slice(0, np),
    partMaxGpuCount: pMaxGpu.slice(0, np),
    partBucketStart: pBucket.slice(0, np + 1),
    groupStart,
    groupParts,
    customShapes,
  };
  const { rows: total, ...excluded } = s.counts;
  return {
    columns,
    stats: { rows: total, indexed: n, ...excluded, partitions: np, buckets: nb, skyline: ns },
  };
}
