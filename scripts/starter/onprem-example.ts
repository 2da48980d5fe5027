import { rowOf, toCsv, type Cell, type StarterFile } from './starter-io.js';

const HEADER = [
  'record',
  'provider',
  'region',
  'name',
  'kind',
  'country',
  'latitude',
  'longitude',
  'pue',
  'power_price_per_kwh',
  'carbon_gco2e_per_kwh',
  'availability_pct',
  'availability_zones',
  'capacity_vcpu',
  'capacity_memory_gib',
  'vcpu',
  'memory_gib',
  'gpu_model',
  'gpu_count',
  'gpu_memory_gib',
  'arch',
  'family',
  'os',
  'purchase_option',
  'fixed_cost_per_hour',
  'watts',
  'price_per_vcpu_hour',
  'price_per_gib_hour',
  'price_per_gpu_hour',
  'price_per_gb_month',
  'destination',
  'tier_start_gb',
  'tier_end_gb',
  'price_per_gb',
  'currency',
  'notes',
];
const EXAMPLE = 'EXAMPLE cost model: replace with your own figures';
const P = 'onprem-frankfurt';

/**
 * The example on-prem site: a made-up private cloud in Frankfurt priced with the cumulus-csv
 * cost model (fixed hourly cost + power at the site's PUE and power price). Every figure except
 * the city's coordinates and the grid carbon factor is an EXAMPLE for a user to replace.
 */
export function onpremExampleFile(): StarterFile {
  const row = (cells: Record<string, Cell>) => rowOf(HEADER, { provider: P, notes: EXAMPLE, ...cells });
  const instance = (
    name: string,
    vcpu: number,
    memoryGib: number,
    fixed: string,
    watts: number,
    family: string,
    gpu?: [string, number, number],
  ) =>
    row({
      record: 'instance',
      region: 'fra1',
      name,
      vcpu,
      memory_gib: memoryGib,
      arch: 'x86_64',
      family,
      os: 'LINUX',
      purchase_option: 'ON_DEMAND',
      fixed_cost_per_hour: fixed,
      watts,
      currency: 'USD',
      gpu_model: gpu?.[0],
      gpu_count: gpu?.[1],
      gpu_memory_gib: gpu?.[2],
    });
  const rows = [
    row({
      record: 'provider',
      name: 'Example on-prem site, Frankfurt (example cost model)',
      kind: 'PRIVATE_CLOUD',
      country: 'DE',
    }),
    row({
      record: 'region',
      region: 'fra1',
      name: 'Frankfurt am Main (example site)',
      country: 'DE',
      latitude: '50.1109',
      longitude: '8.6821',
      pue: '1.40',
      power_price_per_kwh: '0.2000',
      currency: 'USD',
      carbon_gco2e_per_kwh: '311',
      availability_pct: '99.98',
      availability_zones: 1,
      capacity_vcpu: 512,
      capacity_memory_gib: 2048,
      notes: `${EXAMPLE} (coordinates: Frankfurt am Main; carbon: CCF grid factor for Germany, as for AWS eu-central-1)`,
    }),
    // price = fixed + watts / 1000 × 1.40 × 0.2000, e.g. gp.small 0.0200 + 0.040 × 0.28 = 0.0312
    instance('gp.small', 2, 8, '0.0200', 40, 'gp'),
    instance('gp.large', 8, 32, '0.0700', 140, 'gp'),
    instance('mem.xlarge', 16, 128, '0.1600', 300, 'mem'),
    instance('cpu.4xlarge', 32, 64, '0.1800', 420, 'cpu'),
    instance('gpu.l40s', 16, 128, '0.9000', 650, 'gpu', ['L40S', 1, 48]),
    row({ record: 'vcpu_rate', region: 'fra1', price_per_vcpu_hour: '0.0090', currency: 'USD' }),
    row({ record: 'memory_rate', region: 'fra1', price_per_gib_hour: '0.0012', currency: 'USD' }),
    row({
      record: 'accelerator_rate',
      region: 'fra1',
      gpu_model: 'L40S',
      price_per_gpu_hour: '0.8500',
      currency: 'USD',
    }),
    row({ record: 'storage', region: 'fra1', name: 'ssd', price_per_gb_month: '0.0600', currency: 'USD' }),
    row({ record: 'storage', region: 'fra1', name: 'hdd', price_per_gb_month: '0.0250', currency: 'USD' }),
    row({
      record: 'egress',
      region: 'fra1',
      destination: 'INTERNET',
      tier_start_gb: '0',
      tier_end_gb: '51200',
      price_per_gb: '0.0100',
      currency: 'USD',
    }),
    row({
      record: 'egress',
      region: 'fra1',
      destination: 'INTERNET',
      tier_start_gb: '51200',
      price_per_gb: '0.0060',
      currency: 'USD',
    }),
  ];
  return {
    format: 'cumulus-csv',
    file: 'onprem-frankfurt.cumulus.csv',
    description:
      'EXAMPLE on-prem site in Frankfurt (PRIVATE_CLOUD, DE): 5 instance types from general purpose to one L40S GPU, rates, storage, egress, in USD',
    content: toCsv(HEADER, rows),
    sources: [
      {
        upstream: 'Cumulus (an example, not a provider’s prices)',
        path: 'scripts/starter/onprem-example.ts',
        licence: 'project',
        extracted:
          'EXAMPLE figures for a user to replace: PUE 1.40, power 0.2000 USD/kWh, fixed hourly costs, watts, rates, storage and egress prices, capacity, availability. Facts: Frankfurt am Main coordinates; grid carbon 311 gCO2e/kWh = Cloud Carbon Footprint factor for Germany (Apache-2.0)',
      },
    ],
  };
}
