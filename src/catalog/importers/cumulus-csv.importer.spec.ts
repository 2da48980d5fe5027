import fs from 'node:fs';
import path from 'node:path';
import { describeWithSharedData, sharedFile } from '../../../test/support/shared-data.js';
import { ImportFormatError } from './catalog-importer.js';
import { collectRecords, standaloneContext } from './csv/collect-records.js';
import { CumulusCsvImporter } from './cumulus-csv.importer.js';
import { bufferSource } from './file-source.js';

const importer = new CumulusCsvImporter();

const HEADER =
  'record,provider,region,name,kind,country,latitude,longitude,pue,power_price_per_kwh,availability_pct,capacity_vcpu,vcpu,memory_gib,gpu_model,gpu_count,price_per_hour,fixed_cost_per_hour,watts,price_per_gb_month,price_per_gb,currency';
/** Builds a row from named cells, so a test says what it sets and not where the commas go. */
function row(cells: Record<string, string>): string {
  return HEADER.split(',')
    .map((c) => cells[c] ?? '')
    .join(',');
}
const PROVIDER = row({ record: 'provider', provider: 'acme', name: 'ACME', kind: 'HOSTING', country: 'GB' });
const LONDON = row({
  record: 'region',
  provider: 'acme',
  region: 'lon1',
  name: 'London',
  country: 'GB',
  latitude: '51.5072',
  longitude: '-0.1276',
  pue: '1.2',
  power_price_per_kwh: '0.25',
  currency: 'GBP',
});
const PARIS = row({
  record: 'region',
  provider: 'acme',
  region: 'par1',
  name: 'Paris',
  country: 'FR',
  pue: '1.4',
  power_price_per_kwh: '0.18',
  currency: 'EUR',
});

async function read(name: string, text: string, providerId?: string) {
  return collectRecords(importer, bufferSource(name, text), standaloneContext(providerId));
}

describe('cumulus-csv', () => {
  it('imports the example in docs/cumulus-csv.md', async () => {
    const doc = fs.readFileSync(path.join(process.cwd(), 'docs/cumulus-csv.md'), 'utf8');
    const example = /```csv\n([\s\S]*?)```/.exec(doc)![1];
    const { accepted, rejected } = await read('doc-example.csv', example);
    expect(rejected).toEqual([]);
    expect(accepted).toHaveLength(8);
    expect(accepted[0].provider).toEqual({
      id: 'acme-dc',
      name: 'ACME private cloud',
      kind: 'PRIVATE_CLOUD',
      headquartersCountry: 'DE',
    });
    expect(accepted[1].region).toMatchObject({
      providerId: 'acme-dc',
      code: 'fra1',
      countryCode: 'DE',
      latitude: 50.1109,
      longitude: 8.6821,
      pue: '1.35',
      powerPricePerKwh: '0.21',
      powerPriceCurrency: 'EUR',
      carbonGco2ePerKwh: '380',
      availabilityPct: '99.95',
      capacityVcpu: 2048,
      capacityMemoryGib: 8192,
    });
    // gp.large: fixed 0.0400 + 350 W / 1000 × 1.35 PUE × 0.2100 EUR/kWh = 0.0400 + 0.099225 = 0.139225 EUR per hour
    const gp = accepted[2].offers[0];
    expect(gp).toMatchObject({
      sku: 'gp.large/fra1/LINUX/ON_DEMAND',
      price: '0.139225',
      currency: 'EUR',
      unit: 'HOUR',
      resourceKind: 'INSTANCE',
    });
    expect(gp.attributes).toEqual({
      fixedPerHour: '0.04',
      watts: '350',
      pue: '1.35',
      powerPricePerKwh: '0.21',
      powerPerHour: '0.099225',
    });
    // gpu.l40s: 0.9500 + 600 / 1000 × 1.35 × 0.2100 = 0.9500 + 0.1701 = 1.1201
    expect(accepted[3].offers[0].price).toBe('1.1201');
    expect(accepted[3].instanceTypes).toEqual([
      {
        providerId: 'acme-dc',
        name: 'gpu.l40s',
        vcpu: '16',
        memoryGib: '128',
        gpuModel: 'L40S',
        gpuCount: '1',
        gpuMemoryGib: null,
        arch: 'x86_64',
        family: null,
      },
    ]);
    expect(
      accepted
        .slice(4)
        .map((r) => [r.offers[0].sku, r.offers[0].resourceKind, r.offers[0].unit, r.offers[0].price]),
    ).toEqual([
      ['vcpu/*/fra1/ON_DEMAND', 'VCPU', 'HOUR', '0.021'],
      ['memory/*/fra1/ON_DEMAND', 'MEMORY', 'GIB_HOUR', '0.0028'],
      ['storage/ssd/fra1', 'STORAGE', 'GB_MONTH', '0.08'],
      ['egress/fra1/INTERNET/0', 'DATA_TRANSFER', 'GB', '0.01'],
    ]);
  });

  it('keeps each row’s currency: GBP and EUR sites, plain and cost-model prices', async () => {
    const csv = [
      HEADER,
      PROVIDER,
      LONDON,
      PARIS,
      row({
        record: 'instance',
        provider: 'acme',
        region: 'lon1',
        name: 'vm.small',
        vcpu: '2',
        memory_gib: '4',
        price_per_hour: '0.0300',
        currency: 'GBP',
      }),
      row({
        record: 'instance',
        provider: 'acme',
        region: 'par1',
        name: 'vm.small',
        vcpu: '2',
        memory_gib: '4',
        price_per_hour: '0.0350',
        currency: 'EUR',
      }),
      // 0.0250 + 120 / 1000 × 1.2 × 0.25 = 0.0250 + 0.036 = 0.061 GBP
      row({
        record: 'instance',
        provider: 'acme',
        region: 'lon1',
        name: 'vm.medium',
        vcpu: '4',
        memory_gib: '8',
        fixed_cost_per_hour: '0.0250',
        watts: '120',
        currency: 'GBP',
      }),
      // 0.0250 + 120 / 1000 × 1.4 × 0.18 = 0.0250 + 0.03024 = 0.05524 EUR
      row({
        record: 'instance',
        provider: 'acme',
        region: 'par1',
        name: 'vm.medium',
        vcpu: '4',
        memory_gib: '8',
        fixed_cost_per_hour: '0.0250',
        watts: '120',
        currency: 'EUR',
      }),
    ].join('\n');
    const { accepted, rejected } = await read('two-currencies.csv', csv);
    expect(rejected).toEqual([]);
    expect(
      accepted.slice(3).map((r) => [r.offers[0].regionCode, r.offers[0].price, r.offers[0].currency]),
    ).toEqual([
      ['lon1', '0.03', 'GBP'],
      ['par1', '0.035', 'EUR'],
      ['lon1', '0.061', 'GBP'],
      ['par1', '0.05524', 'EUR'],
    ]);
  });

  it('rejects bad rows with their row numbers and reasons', async () => {
    const instance = (cells: Record<string, string>) =>
      row({
        record: 'instance',
        provider: 'acme',
        region: 'lon1',
        vcpu: '2',
        memory_gib: '4',
        currency: 'GBP',
        ...cells,
      });
    const csv = [
      HEADER,
      PROVIDER,
      LONDON,
      instance({ name: 'a', price_per_hour: '-0.01' }), // row 4
      instance({ name: 'b', price_per_hour: 'NaN' }), // row 5
      instance({ name: 'c' }), // row 6
      instance({ name: 'd', region: 'ams1', price_per_hour: '0.1' }), // row 7
      'instance,acme,lon1,e,,,,,,,,,2,4', // row 8
      instance({ name: 'f', price_per_hour: '0.1', currency: 'EUR', fixed_cost_per_hour: '0.01' }), // row 9
      instance({ name: 'g', fixed_cost_per_hour: '0.01', watts: '100', currency: 'EUR' }), // row 10
      instance({ name: 'h', price_per_hour: '0.1', provider: 'other' }), // row 11
      instance({ name: 'i', price_per_hour: '0.1', currency: 'euro' }), // row 12
      instance({ name: 'j', price_per_hour: '0.1' }), // row 13: accepted
      instance({ name: 'j', price_per_hour: '0.2' }), // row 14
      instance({ name: 'j', price_per_hour: '0.2', vcpu: '4' }), // row 15: spec differs
      row({
        record: 'region',
        provider: 'acme',
        region: 'x1',
        name: 'X',
        country: 'GB',
        latitude: '95',
        longitude: '0',
      }), // row 16
      row({ record: 'region', provider: 'acme', region: 'x2', name: 'X', country: 'GB', pue: '0.9' }), // row 17
      row({ record: 'server', provider: 'acme' }), // row 18
      PROVIDER, // row 19
      instance({ name: 'k', price_per_hour: '0.1', gpu_model: 'T4' }), // row 20
      '', // row 21
    ].join('\n');
    const { accepted, rejected } = await read('bad.csv', csv + '\n');
    expect(accepted.map((r) => r.position)).toEqual(['row 2', 'row 3', 'row 13']);
    expect(rejected.map((r) => [r.position, r.reason])).toEqual([
      ['row 4', 'negative price_per_hour: -0.01'],
      ['row 5', 'invalid price_per_hour: "NaN" is not a number'],
      ['row 6', 'no price: give price_per_hour, or fixed_cost_per_hour and watts'],
      ['row 7', 'unknown region: "ams1" is not defined by a region row above this one'],
      ['row 8', 'wrong column count: expected 22, got 14'],
      ['row 9', 'both price_per_hour and a cost model (fixed_cost_per_hour, watts): give one'],
      ['row 10', 'currency mismatch: region lon1 prices power in GBP, this row is in EUR'],
      ['row 11', 'provider mismatch: the file describes provider acme, this row names other'],
      ['row 12', 'invalid currency: "euro" is not an ISO 4217 code like EUR'],
      ['row 14', 'duplicate: j/lon1/LINUX/ON_DEMAND is priced at row 13'],
      ['row 15', 'spec conflict: j has a different spec at row 13'],
      ['row 16', 'latitude out of range: 95 (must be at least -90 and at most 90)'],
      ['row 17', 'pue out of range: 0.9 (must be at least 1 and at most 10)'],
      [
        'row 18',
        'unknown record type: "server" (one of provider, region, instance, vcpu_rate, memory_rate, accelerator_rate, storage, egress)',
      ],
      ['row 19', 'second provider row: the provider is defined at row 2'],
      ['row 20', 'gpu_model T4 needs a gpu_count of at least 1'],
      ['row 21', 'empty row'],
    ]);
  });

  it('a 10,000-row file with 7 bad rows at known positions rejects exactly those 7', async () => {
    const lines = [HEADER, PROVIDER, LONDON];
    const bad = new Map<number, string>([
      [
        17,
        row({
          record: 'instance',
          provider: 'acme',
          region: 'lon1',
          name: 'bad-17',
          price_per_hour: '-1',
          currency: 'GBP',
        }),
      ],
      [
        1234,
        row({
          record: 'instance',
          provider: 'acme',
          region: 'lon1',
          name: 'bad-1234',
          price_per_hour: 'abc',
          currency: 'GBP',
        }),
      ],
      [
        2500,
        row({ record: 'instance', provider: 'acme', region: 'lon1', name: 'bad-2500', currency: 'GBP' }),
      ],
      [
        4096,
        row({
          record: 'instance',
          provider: 'acme',
          region: 'nowhere',
          name: 'bad-4096',
          price_per_hour: '1',
          currency: 'GBP',
        }),
      ],
      [6000, 'instance,acme,lon1,bad-6000,,,1'],
      [
        8191,
        row({
          record: 'instance',
          provider: 'acme',
          region: 'lon1',
          name: 'bad-8191',
          price_per_hour: '1',
          currency: 'GB',
        }),
      ],
      [
        9999,
        row({
          record: 'instance',
          provider: 'acme',
          region: 'lon1',
          name: 'bad-9999',
          price_per_hour: '1',
          currency: 'GBP',
          vcpu: '2',
        }),
      ],
    ]);
    for (let n = 4; n <= 10_000; n++) {
      lines.push(
        bad.get(n) ??
          row({
            record: 'instance',
            provider: 'acme',
            region: 'lon1',
            name: `vm-${n}`,
            vcpu: '2',
            memory_gib: '4',
            price_per_hour: `0.${n}`,
            currency: 'GBP',
          }),
      );
    }
    const { accepted, rejected } = await read('big.csv', lines.join('\n'));
    expect(rejected.map((r) => r.position)).toEqual([...bad.keys()].map((n) => `row ${n}`));
    expect(accepted).toHaveLength(10_000 - 1 - 7);
    expect(accepted.at(-1)!.offers[0]).toMatchObject({
      sku: 'vm-10000/lon1/LINUX/ON_DEMAND',
      price: '0.1',
      currency: 'GBP',
    });
  });

  it('refuses a file that is not cumulus-csv, naming the file and what is missing', async () => {
    expect(importer.detect('{"Items": []}')).toBe('it is JSON, not CSV');
    expect(importer.detect('InstanceType,vCPUs,MemoryGiB,Price,Region\n')).toBe(
      'missing column(s) record, provider in the header (got: InstanceType, vCPUs, MemoryGiB, Price, Region)',
    );
    expect(importer.detect('record,provider,pric_per_hour\n')).toBe(
      'unknown column(s) pric_per_hour: see docs/cumulus-csv.md for the columns',
    );
    await expect(read('typo.csv', 'record,provider,pric_per_hour\n')).rejects.toThrow(ImportFormatError);
    await expect(read('typo.csv', 'record,provider,pric_per_hour\n')).rejects.toThrow(
      /^typo\.csv is not a valid cumulus-csv input: unknown column/,
    );
    await expect(read('empty.csv', '')).rejects.toThrow(
      /empty\.csv is not a valid cumulus-csv input: the file is empty/,
    );
  });

  it('without a provider row, rows price a provider the catalog already has', async () => {
    const csv = [
      'record,provider,region,name,country,price_per_hour,currency',
      'region,aws,us-east-1,US East (N. Virginia),US,,',
      'instance,aws,us-east-1,m5.large,,0.096,USD',
    ].join('\n');
    const { accepted } = await read('aws-facts.csv', csv, 'aws');
    expect(accepted[1].offers[0]).toMatchObject({
      providerId: 'aws',
      sku: 'm5.large/us-east-1/LINUX/ON_DEMAND',
      price: '0.096',
    });
    expect(accepted[1].instanceTypes).toEqual([]);
    await expect(read('aws-facts.csv', csv, 'gcp')).resolves.toMatchObject({ accepted: [] });
  });
});

describeWithSharedData('cumulus-csv and real files', () => {
  it('a SkyPilot vms.csv is the wrong format', async () => {
    const head = fs
      .readFileSync(sharedFile('skypilot-catalog/catalogs/v8/aws/vms.excerpt.csv'), 'utf8')
      .slice(0, 65536);
    expect(importer.detect(head)).toMatch(/^missing column\(s\) record, provider in the header/);
  });
});
