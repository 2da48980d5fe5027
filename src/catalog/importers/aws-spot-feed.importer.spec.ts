import fs from 'node:fs';
import {
  collectImport,
  recordAt,
  testImportContext,
  type CollectedImport,
} from '../../../test/support/import-context.js';
import { describeWithSharedData, sharedFile } from '../../../test/support/shared-data.js';
import { AwsSpotFeedImporter } from './aws-spot-feed.importer.js';
import { ImportFormatError } from './catalog-importer.js';
import { bufferSource, fileSource } from './file-source.js';

const importer = new AwsSpotFeedImporter();
const sample = 'price-formats/aws-other/aws-website-spot-2026-08.json';
const read = () => collectImport(importer.read(fileSource(sharedFile(sample)), testImportContext()));
const readText = (name: string, body: string | Buffer) =>
  collectImport(importer.read(bufferSource(name, body), testImportContext()));
const head = (relative: string) => fs.readFileSync(sharedFile(relative)).subarray(0, 65536).toString('utf8');

interface SpotFeed {
  config: {
    regions: {
      region: string;
      instanceTypes: {
        sizes: { size: string; valueColumns: { name: string; prices: Record<string, string> }[] }[];
      }[];
    }[];
  };
}
const loadFeed = () => JSON.parse(fs.readFileSync(sharedFile(sample), 'utf8')) as SpotFeed;

describeWithSharedData('AwsSpotFeedImporter on the real 2026-08 spot feed', () => {
  let feed: CollectedImport;
  beforeAll(async () => {
    feed = await read();
  });

  it('accounts for all 43,182 region × size × OS cells of the 40 regions', () => {
    const result = feed;
    expect(result.records.filter((r) => r.kind !== 'metadata')).toHaveLength(43182);
    expect(result.accepted).toHaveLength(36123);
    expect(result.rejected).toHaveLength(7059);
    expect(result.rejected.filter((r) => r.reason === 'no spot price: "N/A*"')).toHaveLength(6823);
    expect(result.rejected.filter((r) => r.reason.startsWith('duplicate:'))).toHaveLength(236);
    expect(result.metadata).toMatchObject({ regions: 40, rate: 'perhr' });
  });

  it('reads the m5.large Linux spot price in af-south-1 (0.023) and the Windows one (0.1047)', () => {
    const result = feed;
    const linux = recordAt(result, 'config.regions["af-south-1"].sizes["m5.large"].linux');
    if (linux.kind !== 'accepted') throw new Error(linux.reason);
    expect(linux.offers).toEqual([
      expect.objectContaining({
        providerId: 'aws',
        regionCode: 'af-south-1',
        instanceType: 'm5.large',
        os: 'LINUX',
        purchaseOption: 'SPOT',
        unit: 'HOUR',
        price: '0.023',
        currency: 'USD',
        serviceCategory: 'COMPUTE',
        resourceKind: 'INSTANCE',
      }),
    ]);
    expect(linux.instanceTypes).toBeUndefined();
    const windows = recordAt(result, 'config.regions["af-south-1"].sizes["m5.large"].mswin');
    expect(windows.kind === 'accepted' && windows.offers[0]).toMatchObject({
      os: 'WINDOWS',
      price: '0.1047',
    });
  });

  it('rejects N/A* cells and the second listing of a duplicated size, by position', () => {
    const result = feed;
    const na = recordAt(result, 'config.regions["eu-west-1"].sizes["p4d.24xlarge"].mswin');
    expect(na).toMatchObject({ kind: 'rejected', reason: 'no spot price: "N/A*"' });
    const first = recordAt(result, 'config.regions["us-east-1"].sizes["g6.12xlarge"].linux');
    expect(first.kind).toBe('accepted');
    const again = recordAt(result, 'config.regions["us-east-1"].sizes["g6.12xlarge"].linux (occurrence 2)');
    expect(again).toMatchObject({
      kind: 'rejected',
      reason: 'duplicate: g6.12xlarge is listed 2 times in us-east-1',
    });
  });

  it('reads the JSONP wrapper of spot.js the same way', async () => {
    const body = `callback(${fs.readFileSync(sharedFile(sample), 'utf8')});\n`;
    const result = await readText('spot.js', body);
    expect(result.accepted).toHaveLength(36123);
    expect(result.rejected).toHaveLength(7059);
  });

  it('maps legacy region names and rejects negative, NaN and non-numeric prices with their position', async () => {
    const edited = loadFeed();
    const region = edited.config.regions[0];
    region.region = 'eu-ireland';
    const m5 = region.instanceTypes[0].sizes.find((s) => s.size === 'm5.large')!;
    m5.valueColumns[0].prices.USD = '-0.023';
    m5.valueColumns[1].prices.USD = 'NaN';
    region.instanceTypes[0].sizes.find((s) => s.size === 'm5.xlarge')!.valueColumns[0].prices.USD = 'cheap';
    edited.config.regions = [region];
    const result = await readText('edited-spot.json', JSON.stringify(edited));
    const at = (size: string, os: string) =>
      recordAt(result, `config.regions["eu-ireland"].sizes["${size}"].${os}`);
    expect(at('m5.large', 'linux')).toMatchObject({
      kind: 'rejected',
      reason: 'negative USD price "-0.023"',
    });
    expect(at('m5.large', 'mswin')).toMatchObject({
      kind: 'rejected',
      reason: 'non-numeric USD price "NaN"',
    });
    expect(at('m5.xlarge', 'linux')).toMatchObject({
      kind: 'rejected',
      reason: 'non-numeric USD price "cheap"',
    });
    expect(new Set(result.offers.map((o) => o.regionCode))).toEqual(new Set(['eu-west-1']));
  });

  it('throws ImportFormatError naming the source for a truncated copy', async () => {
    const bytes = fs.readFileSync(sharedFile(sample)).subarray(0, 1_000_000);
    await expect(readText('spot-truncated.json', bytes)).rejects.toThrow(ImportFormatError);
    await expect(readText('spot-truncated.json', bytes)).rejects.toThrow(
      /^spot-truncated\.json is not a valid aws-spot-feed input: the input ends/,
    );
  });

  it('throws ImportFormatError for JSON that has no config.regions', async () => {
    await expect(readText('other.json', '{"vers":0.01,"regions":[]}')).rejects.toThrow(
      /no top-level "config"/,
    );
  });

  it('detect() accepts the feed (plain and JSONP) and rejects the other formats and a CSV', () => {
    expect(importer.detect(head(sample))).toBeNull();
    expect(importer.detect(`callback(${head(sample)}`)).toBeNull();
    for (const other of [
      'price-formats/aws-offer-file/opencost-AmazonEC2-us-east-1-excerpt.json',
      'price-formats/aws-other/aws-website-ec2-ondemand-us-east-1-linux-2026-08-06.json',
      'price-formats/azure-retail/retail-prices-page0-2021-12-30.json',
      'price-formats/gcp-billing-catalog/opencost-compute-skus-excerpt.json',
    ]) {
      expect(importer.detect(head(other))).toEqual(expect.any(String));
    }
    expect(importer.detect('region,size,linux\naf-south-1,m5.large,0.023\n')).toMatch(/not JSON/);
  });
});
