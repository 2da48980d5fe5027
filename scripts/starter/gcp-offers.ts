import { archFromInstanceName } from '../../src/catalog/importers/csv/instance-arch.js';
import { money } from '../../src/domain/money.js';
import { CarrierFile } from './carrier.js';
import { readCsv, readJson, type StarterFile } from './starter-io.js';

const SKYPILOT_GCP = 'skypilot-catalog/catalogs/v8/gcp/vms.excerpt.csv';
const SKUS = 'price-formats/gcp-billing-catalog/opencost-compute-skus-excerpt.json';
const TPU_PLACEHOLDER = '700';

interface Sku {
  description: string;
  category: { resourceGroup: string; usageType: string };
  serviceRegions: string[];
  pricingInfo: {
    effectiveTime?: string;
    pricingExpression: {
      usageUnit: string;
      tieredRates: {
        startUsageAmount: number;
        unitPrice: { currencyCode: string; units: string; nanos: number };
      }[];
    };
  }[];
}

export interface GcpReport {
  skypilotRows: number;
  instanceOffers: number;
  acceleratorRates: number;
  placeholderSkipped: number;
  zoneDisagreements: number;
  unknownRegionRows: number;
  skuRates: number;
}

/**
 * GCP offers as cumulus-csv: host VMs of SkyPilot's GCP excerpt with their specs, its
 * accelerator-only rows (TPU slices) as accelerator rates, and the per-core, per-GiB and per-GPU
 * rates of the Cloud Billing SKU excerpt. SkyPilot's zone rows are folded into one price per
 * region when every zone agrees; its 700.0 TPU placeholder is not a price and is left out.
 */
export function gcpOffersFile(): { file: StarterFile; report: GcpReport } {
  const carrier = new CarrierFile('gcp', 'Compute Engine');
  const report: GcpReport = {
    skypilotRows: 0,
    instanceOffers: 0,
    acceleratorRates: 0,
    placeholderSkipped: 0,
    zoneDisagreements: 0,
    unknownRegionRows: 0,
    skuRates: 0,
  };
  const byRegion = new Map<string, { row: Record<string, string>; od: Set<string>; spot: Set<string> }>();
  for (const r of readCsv(SKYPILOT_GCP)) {
    report.skypilotRows++;
    const name = r.InstanceType || r.AcceleratorName;
    const key = `${name}|${r.AcceleratorCount}|${r.Region}`;
    const group =
      byRegion.get(key) ?? byRegion.set(key, { row: r, od: new Set(), spot: new Set() }).get(key)!;
    const isTpu = !r.InstanceType && r.AcceleratorName.startsWith('tpu');
    for (const [cell, set] of [
      [r.Price, group.od],
      [r.SpotPrice, group.spot],
    ] as const) {
      if (!cell) continue;
      if (isTpu && money(cell).eq(TPU_PLACEHOLDER)) report.placeholderSkipped++;
      else set.add(money(cell).toFixed());
    }
  }
  for (const { row, od, spot } of byRegion.values()) {
    if (!carrier.useRegion(row.Region)) {
      report.unknownRegionRows++;
      continue;
    }
    for (const [po, prices] of [
      ['ON_DEMAND', od],
      ['SPOT', spot],
    ] as const) {
      if (prices.size > 1) report.zoneDisagreements++;
      if (prices.size !== 1) continue;
      const price = [...prices][0];
      if (row.InstanceType) {
        const spec = {
          vcpu: money(row.vCPUs).toFixed(),
          memoryGib: money(row.MemoryGiB).toFixed(),
          arch: archFromInstanceName('gcp', row.InstanceType) ?? 'x86_64',
          gpuModel: null,
          gpuCount: null,
          gpuMemoryGib: null,
        };
        carrier.instance({
          region: row.Region,
          name: row.InstanceType,
          os: 'LINUX',
          purchaseOption: po,
          price,
          spec,
          family: row.InstanceType.split('-')[0],
        });
        report.instanceOffers++;
      } else {
        // One row prices the whole slice (count 1 for TPU slices): the rate per accelerator is price / count.
        const rate = money(price).div(row.AcceleratorCount).toFixed();
        carrier.rate({
          record: 'accelerator_rate',
          region: row.Region,
          gpuModel: row.AcceleratorName,
          price: rate,
          currency: 'USD',
          purchaseOption: po,
        });
        report.acceleratorRates++;
      }
    }
  }
  for (const sku of readJson<{ skus: Sku[] }>(SKUS).skus) {
    const info = sku.pricingInfo[0];
    const tier = info.pricingExpression.tieredRates.find((t) => t.startUsageAmount === 0)!;
    const price = money(tier.unitPrice.units).plus(money(tier.unitPrice.nanos).div(1e9)).toFixed();
    const group = sku.category.resourceGroup;
    const record = group === 'CPU' ? 'vcpu_rate' : group === 'RAM' ? 'memory_rate' : 'accelerator_rate';
    const unit = info.pricingExpression.usageUnit;
    if ((record === 'memory_rate') !== (unit === 'GiBy.h') || !['h', 'GiBy.h'].includes(unit))
      throw new Error(`unexpected unit ${unit} for ${sku.description}`);
    for (const region of sku.serviceRegions) {
      if (!carrier.useRegion(region)) continue;
      carrier.rate({
        record,
        region,
        price,
        currency: tier.unitPrice.currencyCode,
        purchaseOption: sku.category.usageType === 'Preemptible' ? 'SPOT' : 'ON_DEMAND',
        family: record === 'accelerator_rate' ? null : sku.description.split(' ')[0].toLowerCase(),
        gpuModel: record === 'accelerator_rate' ? /(?:Tesla )?(\S+) GPU/.exec(sku.description)![1] : null,
        effectiveDate: info.effectiveTime?.slice(0, 10) ?? null,
        notes: sku.description,
      });
      report.skuRates++;
    }
  }
  return {
    file: {
      format: 'cumulus-csv',
      file: 'gcp.cumulus.csv',
      description: `GCP: ${report.instanceOffers} VM prices with specs and ${report.acceleratorRates} TPU rates (SkyPilot), ${report.skuRates} per-core/GiB/GPU rates (Cloud Billing SKUs)`,
      content: carrier.toCsv(),
      sources: [
        {
          upstream: 'skypilot-org/skypilot-catalog @ 006059e0f18acb1341e22a27751e9f80df6ba92f',
          path: 'catalogs/v8/gcp/vms.csv (excerpt)',
          licence: 'no licence file: facts only (prices, specs), no rows copied',
          extracted:
            'on-demand and spot price per machine type or TPU slice and region (zones folded when equal; 700.0 placeholders left out); vCPU, memory',
        },
        {
          upstream:
            'opencost/opencost (zendesk/opencost-upstream mirror) @ 47c4b6817505df7cf6d3c7f21bf318f0c80fd94e (file commit 42976a2b8bbe50dc99481b74e8c7aee9e4c69e5b)',
          path: 'pkg/cloud/gcp/test/skus.json (Cloud Billing Catalog excerpt)',
          licence: 'Apache-2.0',
          extracted:
            'per-core, per-GiB and per-GPU hourly rates per region, currency as published (USD and IDR), effective date',
        },
      ],
    },
    report,
  };
}
