import fs from 'node:fs';
import { describeWithSharedData, sharedFile } from '../../../test/support/shared-data.js';
import { collectImport, recordAt, testImportContext } from '../../../test/support/import-context.js';
import { AwsOfferFileImporter } from './aws-offer-file.importer.js';
import { ImportFormatError } from './catalog-importer.js';
import { bufferSource, fileSource } from './file-source.js';

const importer = new AwsOfferFileImporter();
const dir = 'price-formats/aws-offer-file';
const read = (relative: string) =>
  collectImport(importer.read(fileSource(sharedFile(relative)), testImportContext()));
const readJson = (name: string, value: unknown) =>
  collectImport(importer.read(bufferSource(name, JSON.stringify(value)), testImportContext()));
interface OfferFile {
  products: Record<string, unknown>;
  terms: {
    OnDemand: Record<
      string,
      Record<string, { priceDimensions: Record<string, { pricePerUnit: Record<string, string> }> }>
    >;
  };
}
const loadJson = (relative: string) => JSON.parse(fs.readFileSync(sharedFile(relative), 'utf8')) as OfferFile;
const dimension = (sku: string, term: string, rate: string, type = 'OnDemand') =>
  `terms.${type}["${sku}"]["${sku}.${term}"].priceDimensions["${sku}.${term}.${rate}"]`;

describeWithSharedData('AwsOfferFileImporter on real offer files', () => {
  it('reads the p4d.24xlarge on-demand price and spec from the us-east-1 excerpt', async () => {
    const result = await read(`${dir}/opencost-AmazonEC2-us-east-1-excerpt.json`);
    expect(result.accepted).toHaveLength(2);
    expect(result.rejected).toHaveLength(0);
    const record = recordAt(result, dimension('H7NGEAC6UEHNTKSJ', 'JRTCKXETXF', '6YS6EN2CT7'));
    if (record.kind !== 'accepted') throw new Error(record.reason);
    expect(record.offers[0]).toMatchObject({
      providerId: 'aws',
      regionCode: 'us-east-1',
      service: 'AmazonEC2',
      serviceCategory: 'COMPUTE',
      resourceKind: 'INSTANCE',
      sku: 'H7NGEAC6UEHNTKSJ',
      instanceType: 'p4d.24xlarge',
      os: 'LINUX',
      purchaseOption: 'ON_DEMAND',
      unit: 'HOUR',
      unitRaw: 'Hrs',
      price: '32.7726',
      currency: 'USD',
      termCode: 'JRTCKXETXF',
      effectiveDate: '2024-05-01',
    });
    expect(record.offers[0].attributes?.variant).toBeUndefined();
    expect(record.instanceTypes?.[0]).toMatchObject({
      name: 'p4d.24xlarge',
      vcpu: '96',
      memoryGib: '1152',
      gpuCount: '8',
      arch: 'x86_64',
      family: 'p4d',
    });
    expect(result.metadata).toMatchObject({
      offerCode: 'AmazonEC2',
      version: '20240528203522',
      publicationDate: '2024-05-28T20:35:22Z',
    });
  });

  it('classifies the p4d capacity block (marketoption CapacityBlock) and keeps it out of placement', async () => {
    const result = await read(`${dir}/opencost-AmazonEC2-us-east-1-excerpt.json`);
    const record = recordAt(result, dimension('YSXJGN78QTXNVGDQ', 'JRTCKXETXF', '6YS6EN2CT7'));
    if (record.kind !== 'accepted') throw new Error(record.reason);
    expect(record.offers[0]).toMatchObject({ purchaseOption: 'CAPACITY_BLOCK', price: '0', unit: 'HOUR' });
    expect(record.offers[0].attributes?.variant).toBe('capacity-block');
  });

  it('keeps the CNY price of gp3 storage in cn-northwest-1', async () => {
    const result = await read(`${dir}/opencost-AmazonEC2-cn-northwest-1-excerpt.json`);
    expect(result.accepted).toHaveLength(1);
    expect(result.offers[0]).toMatchObject({
      regionCode: 'cn-northwest-1',
      serviceCategory: 'STORAGE',
      resourceKind: 'STORAGE',
      unit: 'GB_MONTH',
      unitRaw: 'GB-Mo',
      price: '0.5312',
      currency: 'CNY',
      termCode: '5Y9WH78GDR',
      os: null,
      instanceType: null,
    });
    expect(result.offers[0].attributes).toMatchObject({ volumeApiName: 'gp3' });
  });

  it('classifies the hand-edited us-east-2 file by termAttributes and ignores the nested attributesList', async () => {
    const result = await read(`${dir}/opencost-AmazonEC2-us-east-2-excerpt.json`);
    expect(result.accepted).toHaveLength(4);
    expect(result.rejected).toHaveLength(0);
    const reserved = recordAt(result, dimension('8D49XP354UEYTHGM', 'MZU6U2429S', '2TG2D8R56U'));
    if (reserved.kind !== 'accepted') throw new Error(reserved.reason);
    expect(reserved.offers[0]).toMatchObject({
      instanceType: 'm5.large',
      purchaseOption: 'RESERVED_3Y',
      unit: 'ONE_TIME',
      unitRaw: 'Quantity',
      price: '1161',
      termCode: 'MZU6U2429S',
      effectiveDate: '2019-01-01',
    });
    expect(reserved.offers[0].attributes).toMatchObject({
      PurchaseOption: 'All Upfront',
      OfferingClass: 'convertible',
      termType: 'OnDemand',
    });
    const byol = recordAt(result, dimension('9ZEEN7WWWQKAG292', 'JRTCKXETXF', '6YS6EN2CT7'));
    if (byol.kind !== 'accepted') throw new Error(byol.reason);
    expect(byol.offers[0]).toMatchObject({ os: 'WINDOWS', price: '12.24', regionCode: 'us-east-2' });
    expect(byol.offers[0].attributes?.variant).toBe('byol');
    expect(byol.instanceTypes?.[0]).toMatchObject({ vcpu: '32', memoryGib: '244', gpuCount: '4' });
    const nlb = recordAt(result, dimension('Y9RYMSE644KDSV4S', 'JRTCKXETXF', '6YS6EN2CT7'));
    if (nlb.kind !== 'accepted') throw new Error(nlb.reason);
    expect(nlb.offers[0]).toMatchObject({
      serviceCategory: 'NETWORKING',
      resourceKind: 'OTHER',
      price: '0.0225',
      unit: 'HOUR',
    });
    const gp3 = recordAt(result, dimension('M6UGCCQ3CDJQAA37', 'JRTCKXETXF', '6YS6EN2CT7'));
    expect(gp3.kind === 'accepted' && gp3.offers[0].price).toBe('0.08');
  });

  it('accounts for every price dimension of the Lambda offer file (455) with tiers and global prices', async () => {
    const result = await read(`${dir}/AWSLambda-20161207235208.offer.json`);
    expect(result.records.filter((r) => r.kind !== 'metadata')).toHaveLength(455);
    expect(result.rejected).toHaveLength(0);
    expect(result.metadata).toMatchObject({
      offerCode: 'AWSLambda',
      version: '20161207235208',
      products: 403,
    });
    const tier = recordAt(result, dimension('FSEU4E6BRE95JTX8', 'JRTCKXETXF', 'VF6T3GAUKQ'));
    if (tier.kind !== 'accepted') throw new Error(tier.reason);
    expect(tier.offers[0]).toMatchObject({
      regionCode: 'eu-west-1',
      serviceCategory: 'NETWORKING',
      resourceKind: 'DATA_TRANSFER',
      unit: 'GB',
      price: '0.085',
      tierStart: '10240',
      tierEnd: '51200',
    });
    expect(tier.offers[0].attributes).toMatchObject({
      transferType: 'AWS Outbound',
      fromLocation: 'EU (Ireland)',
      toLocation: 'External',
    });
    const duration = recordAt(result, dimension('JNXN2GCNDMDR7JAF', 'JRTCKXETXF', '6YS6EN2CT7'));
    expect(duration.kind === 'accepted' && duration.offers[0]).toMatchObject({
      regionCode: 'sa-east-1',
      unit: 'GB_SECOND',
      price: '0.0000166667',
    });
    const requests = recordAt(result, dimension('ZEA64MMVK5QRB5TC', 'JRTCKXETXF', '6YS6EN2CT7'));
    expect(requests.kind === 'accepted' && requests.offers[0]).toMatchObject({
      regionCode: 'us-east-2',
      unit: 'REQUEST',
      resourceKind: 'REQUEST',
      price: '0.0000002',
    });
    const freeTier = recordAt(result, dimension('ZQVCC2M69R4S79XS', 'A429C66SYZ', 'SB2VSFF4TP'));
    if (freeTier.kind !== 'accepted') throw new Error(freeTier.reason);
    expect(freeTier.offers[0]).toMatchObject({
      regionCode: null,
      price: '0',
      tierStart: '0',
      tierEnd: '1000000',
    });
    expect(freeTier.offers[0].attributes?.location).toBe('Any');
  });

  it('reads the 12 reserved terms of a GetProducts element (21 price dimensions)', async () => {
    const result = await read(
      'price-formats/aws-pricing-api-getproducts/instance-selector-GetProducts-m5_large.json',
    );
    expect(result.accepted).toHaveLength(21);
    const upfront = recordAt(
      result,
      'terms.Reserved["6C86BEPQVG73ZGGR.HU7G6KETJZ"].priceDimensions["6C86BEPQVG73ZGGR.HU7G6KETJZ.2TG2D8R56U"]',
    );
    expect(upfront.kind === 'accepted' && upfront.offers[0]).toMatchObject({
      purchaseOption: 'RESERVED_1Y',
      unit: 'ONE_TIME',
      price: '252',
    });
    const hourly = recordAt(
      result,
      'terms.Reserved["6C86BEPQVG73ZGGR.HU7G6KETJZ"].priceDimensions["6C86BEPQVG73ZGGR.HU7G6KETJZ.6YS6EN2CT7"]',
    );
    expect(hourly.kind === 'accepted' && hourly.offers[0]).toMatchObject({
      purchaseOption: 'RESERVED_1Y',
      unit: 'HOUR',
      price: '0.029',
    });
    expect(hourly.kind === 'accepted' && hourly.offers[0].attributes).toMatchObject({
      PurchaseOption: 'Partial Upfront',
      OfferingClass: 'standard',
    });
    const onDemand = result.offers.filter((o) => o.purchaseOption === 'ON_DEMAND');
    expect(onDemand.map((o) => o.price)).toEqual(['0.096']);
    expect(result.offers.filter((o) => o.purchaseOption === 'RESERVED_3Y')).toHaveLength(10);
  });

  it('reads a GetProducts response, whose PriceList holds each element as a JSON string', async () => {
    const element = fs.readFileSync(
      sharedFile('price-formats/aws-pricing-api-getproducts/instance-selector-GetProducts-m5_large.json'),
      'utf8',
    );
    const result = await readJson('getproducts-response.json', {
      FormatVersion: 'aws_v1',
      PriceList: [element],
    });
    expect(result.accepted).toHaveLength(21);
    const onDemand = recordAt(
      result,
      'PriceList[0].terms.OnDemand["6C86BEPQVG73ZGGR.JRTCKXETXF"].priceDimensions["6C86BEPQVG73ZGGR.JRTCKXETXF.6YS6EN2CT7"]',
    );
    expect(onDemand.kind === 'accepted' && onDemand.offers[0]).toMatchObject({
      regionCode: 'us-east-1',
      price: '0.096',
      purchaseOption: 'ON_DEMAND',
    });
  });

  it('rejects negative, NaN and non-numeric prices with their position', async () => {
    const file = loadJson(`${dir}/opencost-AmazonEC2-us-east-2-excerpt.json`);
    const od = file.terms.OnDemand;
    od.M6UGCCQ3CDJQAA37['M6UGCCQ3CDJQAA37.JRTCKXETXF'].priceDimensions[
      'M6UGCCQ3CDJQAA37.JRTCKXETXF.6YS6EN2CT7'
    ].pricePerUnit.USD = '-0.08';
    od['9ZEEN7WWWQKAG292']['9ZEEN7WWWQKAG292.JRTCKXETXF'].priceDimensions[
      '9ZEEN7WWWQKAG292.JRTCKXETXF.6YS6EN2CT7'
    ].pricePerUnit.USD = 'NaN';
    od.Y9RYMSE644KDSV4S['Y9RYMSE644KDSV4S.JRTCKXETXF'].priceDimensions[
      'Y9RYMSE644KDSV4S.JRTCKXETXF.6YS6EN2CT7'
    ].pricePerUnit.USD = 'call us';
    const result = await readJson('edited-us-east-2.json', file);
    expect(result.accepted).toHaveLength(1);
    const reasons = Object.fromEntries(result.rejected.map((r) => [r.position, r.reason]));
    expect(reasons[dimension('M6UGCCQ3CDJQAA37', 'JRTCKXETXF', '6YS6EN2CT7')]).toMatch(
      /negative USD price "-0.08"/,
    );
    expect(reasons[dimension('9ZEEN7WWWQKAG292', 'JRTCKXETXF', '6YS6EN2CT7')]).toMatch(
      /non-numeric USD price "NaN"/,
    );
    expect(reasons[dimension('Y9RYMSE644KDSV4S', 'JRTCKXETXF', '6YS6EN2CT7')]).toMatch(
      /non-numeric USD price "call us"/,
    );
  });

  it('rejects the price dimensions of a term whose SKU is not in products, naming the SKU', async () => {
    const file = loadJson(`${dir}/opencost-AmazonEC2-us-east-1-excerpt.json`);
    delete file.products.YSXJGN78QTXNVGDQ;
    const result = await readJson('orphan-term.json', file);
    expect(result.accepted).toHaveLength(1);
    expect(result.rejected).toEqual([
      expect.objectContaining({
        position: dimension('YSXJGN78QTXNVGDQ', 'JRTCKXETXF', '6YS6EN2CT7'),
        reason: expect.stringContaining('YSXJGN78QTXNVGDQ'),
      }),
    ]);
  });

  it('throws ImportFormatError naming the source for a truncated file', async () => {
    const bytes = fs
      .readFileSync(sharedFile(`${dir}/AWSLambda-20161207235208.offer.json`))
      .subarray(0, 300_000);
    await expect(
      collectImport(importer.read(bufferSource('lambda-truncated.json', bytes), testImportContext())),
    ).rejects.toThrow(ImportFormatError);
    await expect(
      collectImport(importer.read(bufferSource('lambda-truncated.json', bytes), testImportContext())),
    ).rejects.toThrow(/lambda-truncated\.json .*ends after 300000 bytes/);
  });

  it('throws ImportFormatError for an array at the top level', async () => {
    await expect(readJson('array.json', [{ products: {} }])).rejects.toThrow(
      /array\.json .*top-level JSON value is an array/,
    );
  });

  it('throws ImportFormatError for a JSON object that has no products', async () => {
    await expect(readJson('empty.json', { offerCode: 'AmazonEC2' })).rejects.toThrow(
      /empty\.json .*no top-level "products"/,
    );
  });

  it.each([
    ['price-formats/aws-other/aws-website-ec2-ondemand-us-east-1-linux-2026-08-06.json'],
    ['price-formats/aws-other/aws-website-spot-2026-08.json'],
    ['price-formats/azure-retail/retail-prices-page0-2021-12-30.json'],
    ['price-formats/gcp-billing-catalog/opencost-compute-skus-excerpt.json'],
    ['price-formats/aws-index/offer-index-2026-04-27.json'],
  ])('detect() rejects %s', (relative) => {
    expect(
      importer.detect(fs.readFileSync(sharedFile(relative)).subarray(0, 65536).toString('utf8')),
    ).toEqual(expect.any(String));
  });

  it('detect() accepts its own samples and rejects a CSV', () => {
    for (const name of ['AWSLambda-20161207235208.offer.json', 'opencost-AmazonEC2-us-east-2-excerpt.json']) {
      expect(
        importer.detect(
          fs
            .readFileSync(sharedFile(`${dir}/${name}`))
            .subarray(0, 65536)
            .toString('utf8'),
        ),
      ).toBeNull();
    }
    expect(importer.detect('provider,region,instance_type,price\naws,us-east-1,m5.large,0.096\n')).toMatch(
      /not JSON/,
    );
  });
});
