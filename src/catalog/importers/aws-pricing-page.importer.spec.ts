import fs from 'node:fs';
import {
  collectImport,
  recordAt,
  testImportContext,
  type CollectedImport,
} from '../../../test/support/import-context.js';
import { describeWithSharedData, sharedFile } from '../../../test/support/shared-data.js';
import { AwsPricingPageImporter } from './aws-pricing-page.importer.js';
import { ImportFormatError } from './catalog-importer.js';
import { bufferSource, fileSource } from './file-source.js';

const importer = new AwsPricingPageImporter();
const sample = 'price-formats/aws-other/aws-website-ec2-ondemand-us-east-1-linux-2026-08-06.json';
const region = 'regions["US East (N. Virginia)"]';
const read = () => collectImport(importer.read(fileSource(sharedFile(sample)), testImportContext()));
const head = (relative: string) => fs.readFileSync(sharedFile(relative)).subarray(0, 65536).toString('utf8');

describeWithSharedData('AwsPricingPageImporter on the real us-east-1 Linux feed', () => {
  let page: CollectedImport;
  beforeAll(async () => {
    page = await read();
  });

  it('reads all 1,322 entries as on-demand hourly offers in us-east-1', () => {
    const result = page;
    expect(result.accepted).toHaveLength(1322);
    expect(result.rejected).toHaveLength(0);
    expect(
      new Set(
        result.offers.map((o) => `${o.regionCode} ${o.purchaseOption} ${o.unit} ${o.currency} ${o.os}`),
      ),
    ).toEqual(new Set(['us-east-1 ON_DEMAND HOUR USD LINUX']));
    expect(result.metadata).toMatchObject({
      entries: 1322,
      publicationDate: '2026-08-06T17:17:52Z',
      currencyCode: 'USD',
    });
  });

  it('reads the m5.large price, SKU and spec', () => {
    const result = page;
    const record = recordAt(result, `${region}["m5 large US East N. Virginia Linux"]`);
    if (record.kind !== 'accepted') throw new Error(record.reason);
    expect(record.offers[0]).toMatchObject({
      sku: '6C86BEPQVG73ZGGR',
      termCode: 'JRTCKXETXF',
      instanceType: 'm5.large',
      price: '0.096',
      serviceCategory: 'COMPUTE',
      resourceKind: 'INSTANCE',
    });
    expect(record.offers[0].attributes?.variant).toBeUndefined();
    expect(record.instanceTypes).toEqual([
      {
        providerId: 'aws',
        name: 'm5.large',
        vcpu: '2',
        memoryGib: '8',
        gpuModel: null,
        gpuCount: '0',
        gpuMemoryGib: null,
        arch: 'x86_64',
        family: 'm5',
      },
    ]);
  });

  it('reads Graviton as arm64, "128.0 GiB" as 128, and .metal as a variant', () => {
    const result = page;
    const graviton = recordAt(result, `${region}["c6gn xlarge US East N. Virginia Linux"]`);
    if (graviton.kind !== 'accepted') throw new Error(graviton.reason);
    expect(graviton.offers[0].price).toBe('0.1728');
    expect(graviton.instanceTypes?.[0]).toMatchObject({
      vcpu: '4',
      memoryGib: '8',
      arch: 'arm64',
      family: 'c6gn',
    });
    const m8in = recordAt(result, `${region}["m8in 8xlarge US East N. Virginia Linux"]`);
    expect(m8in.kind === 'accepted' && m8in.instanceTypes?.[0]).toMatchObject({
      vcpu: '32',
      memoryGib: '128',
    });
    expect(m8in.kind === 'accepted' && m8in.offers[0].price).toBe('2.67328');
    const metal = recordAt(result, `${region}["m5 metal US East N. Virginia Linux"]`);
    expect(metal.kind === 'accepted' && metal.offers[0].attributes?.variant).toBe('bare-metal');
  });

  it('claims no spec for GPU families, whose GPU count the page does not give (100 entries)', () => {
    const result = page;
    const p4d = recordAt(result, `${region}["p4d 24xlarge US East N. Virginia Linux"]`);
    if (p4d.kind !== 'accepted') throw new Error(p4d.reason);
    expect(p4d.offers[0].price).toBe('21.957642');
    expect(p4d.instanceTypes).toBeUndefined();
    expect(p4d.offers[0].attributes).toMatchObject({ vCPU: '96', Memory: '1152 GiB' });
    expect(result.accepted.filter((r) => !r.instanceTypes)).toHaveLength(100);
  });

  it('rejects negative, NaN and non-numeric prices and unknown regions with their position', async () => {
    const file = JSON.parse(fs.readFileSync(sharedFile(sample), 'utf8')) as {
      regions: Record<string, Record<string, { price: string }>>;
    };
    const entries = file.regions['US East (N. Virginia)'];
    entries['m5 large US East N. Virginia Linux'].price = '-0.096';
    entries['t3 micro US East N. Virginia Linux'].price = 'NaN';
    entries['m7g large US East N. Virginia Linux'].price = 'free';
    file.regions['Atlantis (Lost)'] = { 'x1 large': { ...entries['c6gn xlarge US East N. Virginia Linux'] } };
    const result = await collectImport(
      importer.read(bufferSource('edited.json', JSON.stringify(file)), testImportContext()),
    );
    expect(result.accepted).toHaveLength(1319);
    expect(Object.fromEntries(result.rejected.map((r) => [r.position, r.reason]))).toEqual({
      [`${region}["m5 large US East N. Virginia Linux"]`]: 'negative price "-0.096"',
      [`${region}["t3 micro US East N. Virginia Linux"]`]: 'non-numeric price "NaN"',
      [`${region}["m7g large US East N. Virginia Linux"]`]: 'non-numeric price "free"',
      'regions["Atlantis (Lost)"]["x1 large"]':
        'unknown AWS location "Atlantis (Lost)" (not in the region directory)',
    });
  });

  it('throws ImportFormatError naming the source for a truncated copy', async () => {
    const bytes = fs.readFileSync(sharedFile(sample)).subarray(0, 100_000);
    const reading = collectImport(
      importer.read(bufferSource('page-truncated.json', bytes), testImportContext()),
    );
    await expect(reading).rejects.toThrow(ImportFormatError);
    await expect(
      collectImport(importer.read(bufferSource('page-truncated.json', bytes), testImportContext())),
    ).rejects.toThrow(
      /^page-truncated\.json is not a valid aws-pricing-page input: the input ends after 100000 bytes/,
    );
  });

  it('detect() accepts the feed and rejects the other formats and a CSV', () => {
    expect(importer.detect(head(sample))).toBeNull();
    for (const other of [
      'price-formats/aws-offer-file/opencost-AmazonEC2-us-east-1-excerpt.json',
      'price-formats/aws-other/aws-website-spot-2026-08.json',
      'price-formats/aws-other/aws-website-locations-2026-08.json',
      'price-formats/azure-retail/retail-prices-page0-2021-12-30.json',
      'price-formats/gcp-billing-catalog/opencost-compute-skus-excerpt.json',
    ]) {
      expect(importer.detect(head(other))).toEqual(expect.any(String));
    }
    expect(importer.detect('instance_type,price\nm5.large,0.096\n')).toMatch(/not JSON/);
  });
});
