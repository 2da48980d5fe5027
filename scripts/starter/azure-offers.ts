import fs from 'node:fs';
import { archFromInstanceName } from '../../src/catalog/importers/csv/instance-arch.js';
import { money } from '../../src/domain/money.js';
import { CarrierFile, type InstanceSpecCells } from './carrier.js';
import { readCsv, shared, type StarterFile } from './starter-io.js';

const RADAR_FILES = [
  'vm-belgium.json',
  'vm-eu-west.json',
  'vm-francecentral.json',
  'vm-northeurope.json',
  'vm-swedencentral.json',
];
const SKYPILOT_AZURE = 'skypilot-catalog/catalogs/v7/azure/vms.excerpt.csv';
/** The one radar region the region seed lacks: its name and country are in its ARM name and Azure's region list. */
const EXTRA_REGIONS: Record<string, { name: string; country: string }> = {
  belgiumcentral: { name: 'Belgium Central', country: 'BE' },
};

interface RadarEntry {
  armRegionName: string;
  meterName: string;
  productName: string;
  skuName: string;
  retailPrice: number;
  unitOfMeasure: string;
}

export interface AzureReport {
  radarEntries: number;
  radarOffers: number;
  skipped: Record<string, number>;
  ambiguousDropped: number;
  withSpec: number;
  skypilotOffers: number;
}

/**
 * Azure offers as cumulus-csv: the azure-pricing-radar's latest VM meters for its 5 EU regions
 * (Linux and Windows, on-demand and spot; no Low Priority, Dedicated Host or Cloud Services
 * meters), plus SkyPilot's Azure excerpt (US regions) with the specs that exist.
 */
export function azureOffersFile(): { file: StarterFile; report: AzureReport } {
  const specs = new Map<string, InstanceSpecCells>();
  const sky = readCsv(SKYPILOT_AZURE);
  for (const r of sky) {
    specs.set(r.InstanceType, {
      vcpu: money(r.vCPUs).toFixed(),
      memoryGib: money(r.MemoryGiB).toFixed(),
      arch: archFromInstanceName('azure', r.InstanceType) ?? 'x86_64',
      gpuModel: null,
      gpuCount: null,
      gpuMemoryGib: null,
    });
  }
  const carrier = new CarrierFile('azure', 'Virtual Machines');
  const skipped: Record<string, number> = {};
  const skip = (why: string) => (skipped[why] = (skipped[why] ?? 0) + 1);
  const groups = new Map<
    string,
    { region: string; name: string; os: string; po: string; prices: Set<string> }
  >();
  let radarEntries = 0;
  for (const file of RADAR_FILES) {
    const entries = Object.values(
      JSON.parse(fs.readFileSync(shared(`extra/azure-pricing-radar/latest/${file}`), 'utf8')) as Record<
        string,
        RadarEntry
      >,
    );
    for (const e of entries) {
      radarEntries++;
      const why = skipReason(e);
      if (why) {
        skip(why);
        continue;
      }
      const os = /Windows/.test(e.productName) ? 'WINDOWS' : 'LINUX';
      const po = /\bSpot\b/.test(`${e.meterName} ${e.skuName}`) ? 'SPOT' : 'ON_DEMAND';
      // A meter named "D2 v3/D2s v3" prices both sizes.
      for (const meterName of e.meterName.split('/')) {
        const name = armName(e, meterName);
        const key = `${e.armRegionName}|${name}|${os}|${po}`;
        const group =
          groups.get(key) ??
          groups.set(key, { region: e.armRegionName, name, os, po, prices: new Set() }).get(key)!;
        // JSON numbers print back as written (shortest round-trip form) for prices like 0.104.
        group.prices.add(money(String(e.retailPrice)).toFixed());
      }
    }
  }
  let ambiguousDropped = 0;
  let withSpec = 0;
  for (const g of groups.values()) {
    if (g.prices.size !== 1) {
      ambiguousDropped++;
      continue;
    }
    carrier.useRegion(g.region, EXTRA_REGIONS[g.region]);
    const spec = specs.get(g.name) ?? null;
    if (spec) withSpec++;
    carrier.instance({
      region: g.region,
      name: g.name,
      os: g.os,
      purchaseOption: g.po,
      price: [...g.prices][0],
      spec,
    });
  }
  const radarOffers = carrier.offerRows;
  for (const r of sky) {
    if (!carrier.useRegion(r.Region)) continue;
    const spec = specs.get(r.InstanceType)!;
    carrier.instance({
      region: r.Region,
      name: r.InstanceType,
      os: 'LINUX',
      purchaseOption: 'ON_DEMAND',
      price: money(r.Price).toFixed(),
      spec,
    });
    if (r.SpotPrice)
      carrier.instance({
        region: r.Region,
        name: r.InstanceType,
        os: 'LINUX',
        purchaseOption: 'SPOT',
        price: money(r.SpotPrice).toFixed(),
        spec,
      });
  }
  return {
    file: {
      format: 'cumulus-csv',
      file: 'azure.cumulus.csv',
      description: `Azure: ${radarOffers} VM prices in 5 EU regions (azure-pricing-radar 2026-08), ${carrier.offerRows - radarOffers} US prices with specs (SkyPilot)`,
      content: carrier.toCsv(),
      sources: [
        {
          upstream: 'andy-diericks/azure-pricing-radar @ cf741f25c50759745f8eb5dcaf6c3746669c8f31',
          path: `data/latest/{${RADAR_FILES.map((f) => f.replace('.json', '')).join(',')}}.json (Azure Retail Prices API, USD, checked 2026-08-22)`,
          licence: 'MIT, Copyright (c) 2026 andy-diericks',
          extracted:
            'region, meter name → instance type name, Linux/Windows, on-demand/spot, retail price per hour',
        },
        {
          upstream:
            'coopslarhette/skypilot-catalog (fork of skypilot-org/skypilot-catalog) @ dd2604fa22866db0d4467728f4a4aeccbdccbd45',
          path: 'catalogs/v7/azure/vms.csv (excerpt)',
          licence: 'no licence file: facts only (prices, specs), no rows copied',
          extracted:
            'on-demand and spot price per type and US region; vCPU and memory (joined by name to the radar prices)',
        },
      ],
    },
    report: {
      radarEntries,
      radarOffers,
      skipped,
      ambiguousDropped,
      withSpec,
      skypilotOffers: carrier.offerRows - radarOffers,
    },
  };
}

function skipReason(e: RadarEntry): string | null {
  if (e.unitOfMeasure !== '1 Hour') return 'not hourly';
  if (/Dedicated ?Host/.test(e.productName)) return 'dedicated host';
  if (/Low Priority/.test(`${e.meterName} ${e.skuName}`)) return 'low priority';
  if (/Cloud ?Services/.test(e.productName)) return 'cloud services';
  if (/Expired/.test(e.meterName)) return 'expired meter';
  return null;
}

/**
 * The ARM size name from the meter name by Azure's convention (`Standard_` + name, `_` for
 * spaces; `Basic_` for the Basic tier; promo meters of a non-promo name get `_Promo`).
 */
function armName(e: RadarEntry, meterName: string): string {
  let name = meterName.replace(/ Spot$/, '').trim();
  if (/\bPromo\b/i.test(e.productName) && !/Promo$/i.test(name)) name += ' Promo';
  if (/^(Standard|Basic)_/i.test(name)) return name.replace(/^standard_/, 'Standard_').replace(/ +/g, '_');
  const tier = /\bBasic\b/.test(e.productName) ? 'Basic' : 'Standard';
  return `${tier}_${name.replace(/ +/g, '_')}`;
}
