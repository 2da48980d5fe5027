import { seedRegions, toCsv, type Cell } from './starter-io.js';

const COLUMNS = [
  'record',
  'provider',
  'region',
  'name',
  'country',
  'latitude',
  'longitude',
  'vcpu',
  'memory_gib',
  'gpu_model',
  'gpu_count',
  'gpu_memory_gib',
  'arch',
  'family',
  'os',
  'purchase_option',
  'price_per_hour',
  'price_per_vcpu_hour',
  'price_per_gib_hour',
  'price_per_gpu_hour',
  'currency',
  'effective_date',
  'service',
  'notes',
] as const;
type Column = (typeof COLUMNS)[number];

export interface InstanceSpecCells {
  vcpu: string;
  memoryGib: string;
  arch: string;
  gpuModel: string | null;
  gpuCount: string | null;
  gpuMemoryGib: string | null;
}

/**
 * Writes facts extracted from a provider's sources as cumulus-csv (the normalised carrier):
 * the regions it uses (facts from the region seed) first, then one row per price.
 */
export class CarrierFile {
  private readonly regions = new Map<string, Record<Column, Cell> | null>();
  private readonly rows: Partial<Record<Column, Cell>>[] = [];
  private readonly keys = new Set<string>();
  duplicates = 0;

  constructor(
    readonly provider: string,
    private readonly service: string,
  ) {}

  /** Declares a region used by the file: from the seed, or given explicitly when the seed lacks it. */
  useRegion(code: string, fallback?: { name: string; country: string }): boolean {
    if (this.regions.has(code)) return true;
    const seed = seedRegions().get(`${this.provider}/${code}`);
    if (!seed && !fallback) return false;
    this.regions.set(code, {
      record: 'region',
      provider: this.provider,
      region: code,
      name: seed?.name ?? fallback!.name,
      country: seed?.country ?? fallback!.country,
      latitude: seed?.lat,
      longitude: seed?.lon,
    } as Record<Column, Cell>);
    return true;
  }

  instance(cells: {
    region: string;
    name: string;
    os: string;
    purchaseOption: string;
    price: string;
    spec: InstanceSpecCells | null;
    family?: string | null;
    effectiveDate?: string | null;
    notes?: string | null;
  }): void {
    const key = `${cells.name}/${cells.region}/${cells.os}/${cells.purchaseOption}`;
    if (this.keys.has(key)) {
      this.duplicates++;
      return;
    }
    this.keys.add(key);
    const s = cells.spec;
    this.rows.push({
      record: 'instance',
      provider: this.provider,
      region: cells.region,
      name: cells.name,
      vcpu: s?.vcpu,
      memory_gib: s?.memoryGib,
      arch: s?.arch,
      gpu_model: s?.gpuModel,
      gpu_count: s?.gpuCount,
      gpu_memory_gib: s?.gpuMemoryGib,
      family: cells.family,
      os: cells.os,
      purchase_option: cells.purchaseOption,
      price_per_hour: cells.price,
      currency: 'USD',
      effective_date: cells.effectiveDate,
      service: this.service,
      notes: cells.notes,
    });
  }

  rate(cells: {
    record: 'vcpu_rate' | 'memory_rate' | 'accelerator_rate';
    region: string;
    price: string;
    currency: string;
    purchaseOption: string;
    family?: string | null;
    gpuModel?: string | null;
    effectiveDate?: string | null;
    notes?: string | null;
  }): void {
    const column: Column =
      cells.record === 'vcpu_rate'
        ? 'price_per_vcpu_hour'
        : cells.record === 'memory_rate'
          ? 'price_per_gib_hour'
          : 'price_per_gpu_hour';
    const key = `${cells.record}/${cells.family ?? cells.gpuModel ?? '*'}/${cells.region}/${cells.purchaseOption}`;
    if (this.keys.has(key)) {
      this.duplicates++;
      return;
    }
    this.keys.add(key);
    this.rows.push({
      record: cells.record,
      provider: this.provider,
      region: cells.region,
      family: cells.family,
      gpu_model: cells.gpuModel,
      purchase_option: cells.purchaseOption,
      [column]: cells.price,
      currency: cells.currency,
      effective_date: cells.effectiveDate,
      service: this.service,
      notes: cells.notes,
    });
  }

  get offerRows(): number {
    return this.rows.length;
  }

  /** The CSV, with only the columns some row uses. */
  toCsv(): string {
    const all = [
      ...[...this.regions.values()].filter((r): r is Record<Column, Cell> => r !== null),
      ...this.rows,
    ];
    const used = COLUMNS.filter(
      (c) =>
        c === 'record' ||
        c === 'provider' ||
        all.some((r) => r[c] !== undefined && r[c] !== null && r[c] !== ''),
    );
    return toCsv(
      used,
      all.map((r) => used.map((c) => r[c])),
    );
  }
}
