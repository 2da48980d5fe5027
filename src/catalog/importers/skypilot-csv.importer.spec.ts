import { describeWithSharedData, sharedFile } from '../../../test/support/shared-data.js';
import { ImportFormatError } from './catalog-importer.js';
import { collectRecords, standaloneContext } from './csv/collect-records.js';
import { bufferSource, fileSource } from './file-source.js';
import { SkypilotCsvImporter } from './skypilot-csv.importer.js';

const importer = new SkypilotCsvImporter();
const AWS_V8 = 'skypilot-catalog/catalogs/v8/aws/vms.excerpt.csv';
const GCP_V8 = 'skypilot-catalog/catalogs/v8/gcp/vms.excerpt.csv';
const AZURE_V7 = 'skypilot-catalog/catalogs/v7/azure/vms.excerpt.csv';
const AWS_2021 =
  'skypilot-catalog/historical-from-skypilot-repo/prototype/sky/clouds/service_catalog/data/aws.csv';
const VSPHERE = 'skypilot-catalog/historical-from-skypilot-repo/tests/default_vsphere_vms.csv';

const AWS_HEADER =
  'InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,GpuInfo,Price,SpotPrice,Region,AvailabilityZone,Arch';

async function read(relative: string, providerId?: string) {
  return collectRecords(importer, fileSource(sharedFile(relative)), standaloneContext(providerId));
}

describeWithSharedData('skypilot-csv on the real SkyPilot catalog excerpts', () => {
  it('AWS v8: 204 rows, all accepted, an on-demand and a spot offer each, AZ in the sku', async () => {
    const { accepted, rejected, metadata } = await read(AWS_V8);
    expect(metadata.skypilotLayout).toBe('aws-v8');
    expect(accepted).toHaveLength(204);
    expect(rejected).toHaveLength(0);
    expect(accepted.flatMap((r) => r.offers)).toHaveLength(408);

    // row 2: a1.2xlarge,,,8.0,16.0,,0.2568,0.256800,ap-northeast-1,apne1-az2,arm64
    const row2 = accepted.find((r) => r.position === 'row 2')!;
    expect(row2.offers.map((o) => [o.purchaseOption, o.price, o.sku])).toEqual([
      ['ON_DEMAND', '0.2568', 'a1.2xlarge/ap-northeast-1/apne1-az2'],
      ['SPOT', '0.2568', 'a1.2xlarge/ap-northeast-1/apne1-az2'],
    ]);
    expect(row2.offers[0]).toMatchObject({
      providerId: 'aws',
      regionCode: 'ap-northeast-1',
      instanceType: 'a1.2xlarge',
      resourceKind: 'INSTANCE',
      unit: 'HOUR',
      currency: 'USD',
      os: 'LINUX',
      attributes: { availabilityZone: 'apne1-az2' },
    });
    expect(row2.instanceTypes).toEqual([
      {
        providerId: 'aws',
        name: 'a1.2xlarge',
        vcpu: '8',
        memoryGib: '16',
        gpuModel: null,
        gpuCount: '0',
        gpuMemoryGib: null,
        arch: 'arm64',
        family: 'a1',
      },
    ]);
  });

  it('AWS v8: GPU spec from AcceleratorName/Count and the GpuInfo repr (per-GPU memory), i386 kept', async () => {
    const { accepted } = await read(AWS_V8);
    // row 184: g5.12xlarge,A10G,4.0,48.0,192.0,"{... 'MemoryInfo': {'SizeInMiB': 22888} ...}",8.7324,2.915700,ap-east-1,ape1-az1,x86_64
    const g5 = accepted.find((r) => r.position === 'row 184')!;
    expect(g5.instanceTypes![0]).toMatchObject({
      name: 'g5.12xlarge',
      vcpu: '48',
      memoryGib: '192',
      gpuModel: 'A10G',
      gpuCount: '4',
      gpuMemoryGib: '22.3515625',
    });
    expect(g5.offers.map((o) => o.price)).toEqual(['8.7324', '2.9157']);
    // row 116: c1.medium,,,2.0,1.69921875,,0.158,0.050100,ap-northeast-1,apne1-az1,i386
    const c1 = accepted.find((r) => r.position === 'row 116')!;
    expect(c1.instanceTypes![0]).toMatchObject({ memoryGib: '1.69921875', arch: 'i386' });
  });

  it('GCP v8: accelerator-only rows become ACCELERATOR offers; 700.0 placeholder rows are rejected', async () => {
    const { accepted, rejected, metadata } = await read(GCP_V8);
    expect(metadata.skypilotLayout).toBe('gcp-v8');
    expect(accepted).toHaveLength(328);
    expect(rejected).toHaveLength(32);
    expect(rejected.every((r) => r.reason.startsWith('price placeholder'))).toBe(true);
    expect(rejected.slice(0, 4).map((r) => r.position)).toEqual(['row 185', 'row 191', 'row 196', 'row 197']);
    // 328 rows × 2 offers, minus 8 rows whose SpotPrice alone is the placeholder
    expect(accepted.flatMap((r) => r.offers)).toHaveLength(648);

    // row 186: ,,,tpu-v6e-1,1,tpu-v6e-1,asia-northeast1,asia-northeast1-b,3.24,0.94352
    const tpu = accepted.find((r) => r.position === 'row 186')!;
    expect(tpu.instanceTypes).toEqual([]);
    expect(tpu.offers.map((o) => [o.resourceKind, o.instanceType, o.purchaseOption, o.price, o.sku])).toEqual(
      [
        ['ACCELERATOR', null, 'ON_DEMAND', '3.24', 'tpu-v6e-1x1/asia-northeast1/asia-northeast1-b'],
        ['ACCELERATOR', null, 'SPOT', '0.94352', 'tpu-v6e-1x1/asia-northeast1/asia-northeast1-b'],
      ],
    );
    expect(tpu.offers[0].attributes).toEqual({
      acceleratorName: 'tpu-v6e-1',
      acceleratorCount: '1',
      availabilityZone: 'asia-northeast1-b',
    });

    // row 192: ,,,tpu-v6e-1,1,tpu-v6e-1,southamerica-west1,southamerica-west1-a,2.7,700.0 → on-demand only
    const halfPlaceholder = accepted.find((r) => r.position === 'row 192')!;
    expect(halfPlaceholder.offers.map((o) => [o.purchaseOption, o.price])).toEqual([['ON_DEMAND', '2.7']]);
    expect(halfPlaceholder.offers[0].attributes).toMatchObject({ spotPriceMissing: true });

    // row 361: n1-highmem-8,8.0,52.0,,,,us-central2,us-central2-b,0.47321,0.09962
    const host = accepted.find((r) => r.position === 'row 361')!;
    expect(host.instanceTypes![0]).toMatchObject({
      providerId: 'gcp',
      name: 'n1-highmem-8',
      vcpu: '8',
      memoryGib: '52',
      arch: 'x86_64',
      family: 'n1',
    });
    expect(host.offers.map((o) => o.price)).toEqual(['0.47321', '0.09962']);
  });

  it('Azure v7: 185 rows; Basic_A0 row; an empty SpotPrice means no spot offer', async () => {
    const { accepted, rejected, metadata } = await read(AZURE_V7);
    expect(metadata.skypilotLayout).toBe('azure-v7');
    expect(accepted).toHaveLength(185);
    expect(rejected).toHaveLength(0);
    expect(accepted.flatMap((r) => r.offers)).toHaveLength(361);
    // row 2: Basic_A0,,,1.0,0.75,,0.018,0.0126,centralus,V1
    const a0 = accepted.find((r) => r.position === 'row 2')!;
    expect(a0.offers.map((o) => [o.providerId, o.regionCode, o.purchaseOption, o.price, o.sku])).toEqual([
      ['azure', 'centralus', 'ON_DEMAND', '0.018', 'Basic_A0/centralus'],
      ['azure', 'centralus', 'SPOT', '0.0126', 'Basic_A0/centralus'],
    ]);
    expect(a0.offers[0].attributes).toEqual({ hyperVGenerations: ['V1'] });
    expect(a0.instanceTypes![0]).toMatchObject({
      name: 'Basic_A0',
      vcpu: '1',
      memoryGib: '0.75',
      arch: 'x86_64',
    });
    // row 169: Standard_B12ms,,,12.0,48,,0.599,,centralus,"V1,V2"
    const b12 = accepted.find((r) => r.position === 'row 169')!;
    expect(b12.offers.map((o) => [o.purchaseOption, o.price])).toEqual([['ON_DEMAND', '0.599']]);
    expect(b12.offers[0].attributes).toEqual({ hyperVGenerations: ['V1', 'V2'] });
  });

  it('AWS 2021 prototype: specs from the boto3 dicts, PricePerHour, 3 rows without a price', async () => {
    const { accepted, rejected, metadata } = await read(AWS_2021);
    expect(metadata.skypilotLayout).toBe('aws-2021');
    expect(accepted).toHaveLength(1514);
    expect(rejected.map((r) => [r.position, r.reason])).toEqual([
      ['row 941', 'empty price'],
      ['row 942', 'empty price'],
      ['row 943', 'empty price'],
    ]);
    // row 953: p3.16xlarge, DefaultVCpus 64, SizeInMiB 499712, 8 × V100 of 16384 MiB, us-east-1, 24.48
    const p3 = accepted.find((r) => r.position === 'row 953')!;
    expect(p3.instanceTypes![0]).toMatchObject({
      name: 'p3.16xlarge',
      vcpu: '64',
      memoryGib: '488',
      gpuModel: 'V100',
      gpuCount: '8',
      gpuMemoryGib: '16',
      arch: 'x86_64',
    });
    expect(p3.offers.map((o) => [o.purchaseOption, o.price, o.sku])).toEqual([
      ['ON_DEMAND', '24.48', 'p3.16xlarge/us-east-1'],
    ]);
    // row 11: a1.medium: SupportedArchitectures ['arm64'], 1 vCPU, 2048 MiB, 0.0255
    expect(accepted.find((r) => r.position === 'row 11')!.instanceTypes![0]).toMatchObject({
      vcpu: '1',
      memoryGib: '2',
      arch: 'arm64',
    });
  });

  it('vSphere layout needs --provider and reads an on-prem catalog', async () => {
    await expect(read(VSPHERE)).rejects.toThrow(/does not say which provider.*--provider/);
    const { accepted, rejected } = await read(VSPHERE, 'onprem-lab');
    expect(accepted).toHaveLength(4);
    // row 6: vmvare-2,vsphere-S,10,42,P100,1,"{...16384...}",vmvare,0.0140 has no SpotPrice cell at all (9 cells)
    expect(rejected.map((r) => [r.position, r.reason])).toEqual([
      ['row 6', 'wrong column count: expected 10, got 9'],
    ]);
    // row 5: H100-2-80G, 2 × H100 of 81559 MiB = 79.6474609375 GiB each
    expect(accepted[3].instanceTypes![0]).toMatchObject({
      name: 'H100-2-80G',
      gpuModel: 'H100',
      gpuCount: '2',
      gpuMemoryGib: '79.6474609375',
    });
  });

  it('detect accepts every layout and refuses other files with a reason', async () => {
    const { readFile } = await import('node:fs/promises');
    for (const file of [AWS_V8, GCP_V8, AZURE_V7, AWS_2021]) {
      expect(importer.detect((await readFile(sharedFile(file), 'utf8')).slice(0, 65536))).toBeNull();
    }
    const json = await readFile(sharedFile('regions/azure_list_locations_2021-11.json'), 'utf8');
    expect(importer.detect(json)).toBe('it is JSON, not CSV');
    const seed = await readFile(sharedFile('regions/region_catalog_seed.csv'), 'utf8');
    expect(importer.detect(seed)).toMatch(
      /matches no SkyPilot vms.csv layout.*missing column\(s\) InstanceType, Price, Region/,
    );
  });

  it('an AWS layout imported as gcp is the wrong variant', async () => {
    await expect(read(AWS_V8, 'gcp')).rejects.toThrow(ImportFormatError);
    await expect(read(AWS_V8, 'gcp')).rejects.toThrow(/AWS v8 layout, which describes provider aws, not gcp/);
  });
});

describe('skypilot-csv GCP 2022 layout (accelerators only, no vCPU column)', () => {
  it('reads accelerator rows; an empty SpotPrice means no spot offer', async () => {
    // Lines of skypilot-org/skypilot sky/clouds/service_catalog/data/gcp.csv (2022)
    const csv = [
      'InstanceType,AcceleratorName,AcceleratorCount,MemoryGiB,GpuInfo,Price,SpotPrice,Region,AvailabilityZone',
      ',A100,8,0,A100,23.472,7.04,us-central1,us-central1-a',
      ',tpu-v2-32,1,0,tpu-v2-32,24.0,,us-central1,us-central1-a',
    ].join('\n');
    const { accepted, rejected, metadata } = await collectRecords(importer, bufferSource('gcp.csv', csv));
    expect(metadata.skypilotLayout).toBe('gcp-2022');
    expect(rejected).toEqual([]);
    expect(
      accepted.map((r) =>
        r.offers.map((o) => [o.providerId, o.resourceKind, o.purchaseOption, o.price, o.sku]),
      ),
    ).toEqual([
      [
        ['gcp', 'ACCELERATOR', 'ON_DEMAND', '23.472', 'A100x8/us-central1/us-central1-a'],
        ['gcp', 'ACCELERATOR', 'SPOT', '7.04', 'A100x8/us-central1/us-central1-a'],
      ],
      [['gcp', 'ACCELERATOR', 'ON_DEMAND', '24', 'tpu-v2-32x1/us-central1/us-central1-a']],
    ]);
  });
});

describe('skypilot-csv bad rows', () => {
  it('rejects negative, NaN, empty prices and wrong column counts with their row numbers', async () => {
    const csv = [
      AWS_HEADER,
      'm5.large,,,2.0,8.0,,0.096,0.04,us-east-1,use1-az1,x86_64',
      'm5.large,,,2.0,8.0,,-0.096,0.04,us-east-1,use1-az2,x86_64',
      'm5.large,,,2.0,8.0,,NaN,0.04,us-east-1,use1-az3,x86_64',
      'm5.large,,,2.0,8.0,,,0.04,us-east-1,use1-az4,x86_64',
      'm5.large,,,2.0,8.0,,0.096,0.04,us-east-1',
      'm5.large,,,2.0,8.0,,0.096,abc,us-east-1,use1-az5,x86_64',
      'm5.large,,,0,8.0,,0.096,0.04,us-east-1,use1-az6,x86_64',
      'm5.large,,,2.0,8.0,,0.096,0.04,us-east-1,use1-az1,x86_64',
      'm5.large,,,2.0,8.0,,0.097,0.04,us-east-1,use1-az1,x86_64',
      'm5.large,,,2.0,8.0,,0.096,0.04,us-east-1,use1-az7,sparc',
      '',
    ].join('\n');
    const { accepted, rejected } = await collectRecords(importer, bufferSource('bad.csv', csv + '\n'));
    expect(accepted.map((r) => r.position)).toEqual(['row 2']);
    expect(rejected.map((r) => [r.position, r.reason])).toEqual([
      ['row 3', 'negative price: -0.096'],
      ['row 4', 'invalid price: "NaN" is not a number'],
      ['row 5', 'empty price'],
      ['row 6', 'wrong column count: expected 11, got 9'],
      ['row 7', 'invalid spot price: "abc" is not a number'],
      ['row 8', 'non-positive vCPUs: 0'],
      ['row 9', 'duplicate row: m5.large/us-east-1/use1-az1 repeats row 2'],
      ['row 10', 'conflicting duplicate: m5.large/us-east-1/use1-az1 is priced differently at row 2'],
      ['row 11', 'invalid Arch: "sparc"'],
      ['row 12', 'empty row'],
    ]);
  });

  it('a file with only a wrong header fails with what is missing', async () => {
    await expect(collectRecords(importer, bufferSource('x.csv', 'name,price\nfoo,1\n'))).rejects.toThrow(
      /x\.csv is not a valid skypilot-csv input: .*missing column\(s\) InstanceType, Price, Region/,
    );
    await expect(collectRecords(importer, bufferSource('empty.csv', ''))).rejects.toThrow(/empty/);
  });
});
