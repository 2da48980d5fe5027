import type { Decimal } from 'decimal.js';
import {
  ARCHITECTURES,
  EGRESS_DESTINATIONS,
  OPERATING_SYSTEMS,
  PROVIDER_KINDS,
  PURCHASE_OPTIONS,
  type ResourceKind,
  type Unit,
} from '../../../domain/catalog/catalog-enums.js';
import { money } from '../../../domain/money.js';
import type { ParsedInstanceType, ParsedOffer, ParsedProvider, ParsedRegion } from '../catalog-importer.js';
import { canonical, isCountryCode } from './csv-values.js';
import { CumulusRow, RowProblem } from './cumulus-columns.js';
import { instancePrice, optional, type Site } from './cumulus-pricing.js';

export type RowResult = {
  offers: ParsedOffer[];
  instanceTypes?: ParsedInstanceType[];
  provider?: ParsedProvider;
  region?: ParsedRegion;
};

const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** What one file has defined so far: its provider, its sites, and the keys it has priced. */
export class CumulusFileState {
  providerId: string | null;
  private providerRow: number | null = null;
  private readonly sites = new Map<string, Site>();
  private readonly skus = new Map<string, number>();
  private readonly specs = new Map<string, { row: number; fingerprint: string }>();

  constructor(providerFromContext: string | undefined) {
    this.providerId = providerFromContext ?? null;
  }

  /** Checks the row's provider cell against the file's one provider (fixing it on first use). */
  checkProvider(row: CumulusRow): string {
    const id = row.required('provider');
    if (!ID_PATTERN.test(id))
      throw new RowProblem(`invalid provider id: "${id}" (lower-case letters, digits and '-')`);
    this.providerId ??= id;
    if (id !== this.providerId)
      throw new RowProblem(
        `provider mismatch: the file describes provider ${this.providerId}, this row names ${id}`,
      );
    return id;
  }

  provider(row: CumulusRow, rowNumber: number): RowResult {
    if (this.providerRow !== null)
      throw new RowProblem(`second provider row: the provider is defined at row ${this.providerRow}`);
    if (this.sites.size > 0 || this.skus.size > 0)
      throw new RowProblem('provider row must come before the rows that use it');
    this.providerId = null;
    const id = this.checkProvider(row);
    const country = row.required('country');
    if (!isCountryCode(country))
      throw new RowProblem(`invalid country: "${country}" (ISO 3166 alpha-2, e.g. DE)`);
    this.providerRow = rowNumber;
    const adapterId = row.text('adapter_id');
    return {
      offers: [],
      provider: {
        id,
        name: row.required('name'),
        kind: row.choice('kind', PROVIDER_KINDS, null),
        headquartersCountry: country,
        ...(adapterId ? { adapterId } : {}),
      },
    };
  }

  region(row: CumulusRow, rowNumber: number): RowResult {
    const providerId = this.checkProvider(row);
    const code = row.required('region');
    if (!CODE_PATTERN.test(code))
      throw new RowProblem(`invalid region code: "${code}" (letters, digits, '.', '_' and '-')`);
    const earlier = this.sites.get(code);
    if (earlier) throw new RowProblem(`duplicate region: ${code} is defined at row ${earlier.row}`);
    const country = row.required('country');
    if (!isCountryCode(country))
      throw new RowProblem(`invalid country: "${country}" (ISO 3166 alpha-2, e.g. DE)`);
    const latitude = row.bounded('latitude', -90, 90);
    const longitude = row.bounded('longitude', -180, 180);
    if ((latitude === null) !== (longitude === null))
      throw new RowProblem('latitude and longitude go together: give both or neither');
    const pue = row.bounded('pue', 1, 10);
    const powerPricePerKwh = row.optionalDecimal('power_price_per_kwh');
    const currency = powerPricePerKwh !== null ? row.currency() : null;
    const availabilityPct = row.bounded('availability_pct', 0, 100, true);
    this.sites.set(code, { row: rowNumber, pue, powerPricePerKwh, currency });
    return {
      offers: [],
      region: {
        providerId,
        code,
        name: row.required('name'),
        countryCode: country,
        latitude: latitude?.toNumber() ?? null,
        longitude: longitude?.toNumber() ?? null,
        carbonGco2ePerKwh: optional(row.optionalDecimal('carbon_gco2e_per_kwh')),
        pue: optional(pue),
        powerPricePerKwh: optional(powerPricePerKwh),
        powerPriceCurrency: currency,
        availabilityZones: row.optionalInteger('availability_zones'),
        capacityVcpu: row.optionalInteger('capacity_vcpu'),
        capacityMemoryGib: row.optionalInteger('capacity_memory_gib'),
        availabilityPct: optional(availabilityPct),
      },
    };
  }

  instance(row: CumulusRow, rowNumber: number): RowResult {
    const { providerId, code, site } = this.pricedRow(row);
    const name = row.required('name');
    const os = row.choice('os', OPERATING_SYSTEMS, 'LINUX');
    const purchaseOption = row.choice('purchase_option', PURCHASE_OPTIONS, 'ON_DEMAND');
    const currency = row.currency();
    const { price, attributes } = instancePrice(row, site, currency, code);
    const instanceTypes = this.spec(row, rowNumber, providerId, name);
    const offer = this.offer(row, rowNumber, `${name}/${code}/${os}/${purchaseOption}`, {
      providerId,
      regionCode: code,
      resourceKind: 'INSTANCE',
      serviceCategory: 'COMPUTE',
      unit: 'HOUR',
      instanceType: name,
      os,
      purchaseOption,
      price,
      currency,
      attributes,
      defaultService: 'Compute',
    });
    return { offers: [offer], instanceTypes };
  }

  rate(
    row: CumulusRow,
    rowNumber: number,
    kind: 'vcpu_rate' | 'memory_rate' | 'accelerator_rate',
  ): RowResult {
    const { providerId, code } = this.pricedRow(row);
    const purchaseOption = row.choice('purchase_option', PURCHASE_OPTIONS, 'ON_DEMAND');
    const family = row.text('family');
    const attributes: Record<string, unknown> = family ? { family } : {};
    let key: string;
    let price: Decimal;
    let resourceKind: ResourceKind;
    let unit: Unit = 'HOUR';
    if (kind === 'accelerator_rate') {
      const model = row.required('gpu_model');
      attributes.acceleratorName = model;
      [key, price, resourceKind] = [`accelerator/${model}`, row.decimal('price_per_gpu_hour'), 'ACCELERATOR'];
    } else if (kind === 'vcpu_rate') {
      [key, price, resourceKind] = [`vcpu/${family || '*'}`, row.decimal('price_per_vcpu_hour'), 'VCPU'];
    } else {
      [key, price, resourceKind, unit] = [
        `memory/${family || '*'}`,
        row.decimal('price_per_gib_hour'),
        'MEMORY',
        'GIB_HOUR',
      ];
    }
    const offer = this.offer(row, rowNumber, `${key}/${code}/${purchaseOption}`, {
      providerId,
      regionCode: code,
      resourceKind,
      serviceCategory: 'COMPUTE',
      unit,
      instanceType: null,
      os: null,
      purchaseOption,
      price: canonical(price),
      currency: row.currency(),
      attributes,
      defaultService: 'Compute',
    });
    return { offers: [offer] };
  }

  storage(row: CumulusRow, rowNumber: number): RowResult {
    const { providerId, code } = this.pricedRow(row);
    const storageClass = row.required('name');
    const offer = this.offer(row, rowNumber, `storage/${storageClass}/${code}`, {
      providerId,
      regionCode: code,
      resourceKind: 'STORAGE',
      serviceCategory: 'STORAGE',
      unit: 'GB_MONTH',
      instanceType: null,
      os: null,
      purchaseOption: 'ON_DEMAND',
      price: canonical(row.decimal('price_per_gb_month')),
      currency: row.currency(),
      attributes: { storageClass },
      defaultService: 'Storage',
    });
    return { offers: [offer] };
  }

  egress(row: CumulusRow, rowNumber: number): RowResult {
    const { providerId, code } = this.pricedRow(row);
    const destination = row.choice('destination', EGRESS_DESTINATIONS, 'INTERNET');
    const tierStart = row.optionalDecimal('tier_start_gb');
    const tierEnd = row.optionalDecimal('tier_end_gb');
    if (tierEnd !== null && !tierEnd.greaterThan(tierStart ?? 0))
      throw new RowProblem(`tier_end_gb ${tierEnd.toFixed()} is not above tier_start_gb`);
    const start = canonical(tierStart ?? money(0));
    const offer = this.offer(row, rowNumber, `egress/${code}/${destination}/${start}`, {
      providerId,
      regionCode: code,
      resourceKind: 'DATA_TRANSFER',
      serviceCategory: 'NETWORKING',
      unit: 'GB',
      instanceType: null,
      os: null,
      purchaseOption: 'ON_DEMAND',
      price: canonical(row.decimal('price_per_gb')),
      currency: row.currency(),
      attributes: { destination },
      defaultService: 'Data Transfer',
      tierStart: start,
      tierEnd: optional(tierEnd),
    });
    return { offers: [offer] };
  }

  /** The provider and an already-defined site of a row that prices something. */
  private pricedRow(row: CumulusRow): { providerId: string; code: string; site: Site } {
    const providerId = this.checkProvider(row);
    const code = row.required('region');
    const site = this.sites.get(code);
    if (!site)
      throw new RowProblem(`unknown region: "${code}" is not defined by a region row above this one`);
    return { providerId, code, site };
  }

  private spec(row: CumulusRow, rowNumber: number, providerId: string, name: string): ParsedInstanceType[] {
    const vcpu = row.optionalDecimal('vcpu', 'positive');
    const memory = row.optionalDecimal('memory_gib');
    if ((vcpu === null) !== (memory === null))
      throw new RowProblem(
        'vcpu and memory_gib go together: give both (or neither when another source has the spec)',
      );
    if (vcpu === null || memory === null) return [];
    const gpuModel = row.text('gpu_model') || null;
    const gpuCount = row.optionalDecimal('gpu_count');
    if (gpuModel && !gpuCount?.greaterThan(0))
      throw new RowProblem(`gpu_model ${gpuModel} needs a gpu_count of at least 1`);
    if (!gpuModel && gpuCount?.greaterThan(0)) throw new RowProblem('gpu_count without gpu_model');
    const spec: ParsedInstanceType = {
      providerId,
      name,
      vcpu: canonical(vcpu),
      memoryGib: canonical(memory),
      gpuModel,
      gpuCount: gpuModel ? canonical(gpuCount!) : '0',
      gpuMemoryGib: gpuModel ? optional(row.optionalDecimal('gpu_memory_gib', 'positive')) : null,
      arch: row.choice('arch', ARCHITECTURES, 'x86_64'),
      family: row.text('family') || null,
    };
    const fingerprint = JSON.stringify(spec);
    const earlier = this.specs.get(name);
    if (earlier && earlier.fingerprint !== fingerprint)
      throw new RowProblem(`spec conflict: ${name} has a different spec at row ${earlier.row}`);
    if (!earlier) this.specs.set(name, { row: rowNumber, fingerprint });
    return [spec];
  }

  private offer(
    row: CumulusRow,
    rowNumber: number,
    sku: string,
    o: Omit<ParsedOffer, 'sku' | 'service' | 'unitRaw' | 'effectiveDate' | 'description'> & {
      defaultService: string;
    },
  ): ParsedOffer {
    const earlier = this.skus.get(sku);
    if (earlier) throw new RowProblem(`duplicate: ${sku} is priced at row ${earlier}`);
    const effectiveDate = row.effectiveDate();
    const notes = row.text('notes');
    const { defaultService, ...fields } = o;
    this.skus.set(sku, rowNumber);
    return {
      ...fields,
      sku,
      service: row.text('service') || defaultService,
      unitRaw: null,
      effectiveDate,
      description: notes || null,
      attributes: { ...(o.attributes ?? {}) },
    };
  }
}
