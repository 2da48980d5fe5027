import fs from 'node:fs';
import { Readable } from 'node:stream';
import {
  collectImport,
  recordAt,
  testImportContext,
  type CollectedImport,
} from '../../../test/support/import-context.js';
import { describeWithSharedData, sharedFile } from '../../../test/support/shared-data.js';
import { AzureRetailImporter } from './azure-retail.importer.js';
import { ImportFormatError, type ParsedOffer } from './catalog-importer.js';
import { bufferSource, fileSource } from './file-source.js';

const importer = new AzureRetailImporter();
const page0 = 'price-formats/azure-retail/retail-prices-page0-2021-12-30.json';
const page1 = 'price-formats/azure-retail/retail-prices-skip100-2022-04-19.json';
const read = (relative: string) =>
  collectImport(importer.read(fileSource(sharedFile(relative)), testImportContext()));
const head = (relative: string) => fs.readFileSync(sharedFile(relative)).subarray(0, 65536).toString('utf8');

function offerAt(result: CollectedImport, position: string): ParsedOffer {
  const record = recordAt(result, position);
  if (record.kind !== 'accepted') throw new Error(`${position} rejected: ${record.reason}`);
  return record.offers[0];
}

describeWithSharedData('AzureRetailImporter on real Retail Prices API pages', () => {
  let first: CollectedImport;
  let second: CollectedImport;
  beforeAll(async () => {
    first = await read(page0);
    second = await read(page1);
  });

  it('accepts all 100 items of each page and stops at NextPageLink when reading a file', () => {
    expect(first.accepted).toHaveLength(100);
    expect(first.rejected).toHaveLength(0);
    expect(first.metadata).toEqual({
      pages: 1,
      items: 100,
      billingCurrency: 'USD',
      nextPageLink: 'https://prices.azure.com:443/api/retail/prices?$skip=100',
    });
    expect(second.accepted).toHaveLength(100);
    expect(second.metadata.nextPageLink).toBe('https://prices.azure.com:443/api/retail/prices?$skip=200');
  });

  it.each([
    // [item, purchase option, os, price, instance type, region] read off page 0
    [1, 'SPOT', 'WINDOWS', '0.847665', 'Standard_D14', 'southindia'],
    [0, 'DEV_TEST', 'WINDOWS', '0.41055', 'Standard_D14', 'southindia'],
    [9, 'LOW_PRIORITY', 'LINUX', '0.0236', 'Standard_D2_v4', 'westindia'],
    [13, 'ON_DEMAND', 'WINDOWS', '1.504', 'Standard_D16s_v5', 'eastus2'],
    [35, 'ON_DEMAND', 'LINUX', '3.616', 'Standard_D64ds_v5', 'westus2'],
    [36, 'RESERVED_3Y', 'LINUX', '36111', 'Standard_D64ds_v5', 'westus2'],
    [37, 'RESERVED_1Y', 'LINUX', '18689', 'Standard_D64ds_v5', 'westus2'],
  ])('classifies Items[%i] as %s %s at %s', (item, purchaseOption, os, price, instanceType, regionCode) => {
    const offer = offerAt(first, `Items[${item}] (page 1)`);
    expect(offer).toMatchObject({
      purchaseOption,
      os,
      price,
      instanceType,
      regionCode,
      resourceKind: 'INSTANCE',
      currency: 'USD',
    });
    expect(offer.unit).toBe(purchaseOption.startsWith('RESERVED') ? 'ONE_TIME' : 'HOUR');
  });

  it('prices a reservation for its whole term and keeps the term', () => {
    const offer = offerAt(first, 'Items[36] (page 1)');
    expect(offer).toMatchObject({
      unitRaw: '1 Hour',
      sku: 'DZH318Z08MC6/01X6/000aeefc-dae5-5264-8f64-d0838e160478',
      effectiveDate: '2021-11-01',
    });
    expect(offer.attributes).toMatchObject({ reservationTerm: '3 Years' });
  });

  it('marks DevTest spot, dedicated hosts and expired promo meters as variants', () => {
    expect(offerAt(first, 'Items[0] (page 1)').attributes?.variant).toBe('spot');
    expect(offerAt(first, 'Items[1] (page 1)').attributes?.variant).toBeUndefined();
    const host = offerAt(first, 'Items[43] (page 1)');
    expect(host).toMatchObject({
      resourceKind: 'DEDICATED_HOST',
      purchaseOption: 'RESERVED_1Y',
      price: '39231',
      os: null,
      instanceType: null,
    });
    expect(host.attributes?.variant).toBe('host');
    expect(offerAt(first, 'Items[17] (page 1)').attributes?.variant).toBe('promo');
  });

  it('divides per-10K and per-1M prices exactly and maps storage units', () => {
    expect(offerAt(first, 'Items[59] (page 1)')).toMatchObject({
      unit: 'REQUEST',
      unitRaw: '10K',
      price: '0.0000005',
      resourceKind: 'REQUEST',
      serviceCategory: 'STORAGE',
    });
    expect(offerAt(second, 'Items[87] (page 1)')).toMatchObject({
      unit: 'REQUEST',
      unitRaw: '1M',
      price: '0.0000000039',
    });
    expect(offerAt(first, 'Items[4] (page 1)')).toMatchObject({
      unit: 'MONTH',
      price: '10.56',
      resourceKind: 'STORAGE',
      serviceCategory: 'STORAGE',
      regionCode: 'uksouth',
    });
    expect(offerAt(first, 'Items[28] (page 1)')).toMatchObject({
      unit: 'GB_MONTH',
      price: '0.039',
      tierStart: '5120000',
    });
    const gib = offerAt(first, 'Items[81] (page 1)');
    expect(gib).toMatchObject({
      unit: 'GB_MONTH',
      unitRaw: '1 GiB/Month',
      price: '0.073',
      serviceCategory: 'DATABASES',
    });
    expect(gib.attributes?.unitNote).toBe('GiB-month');
  });

  it('gives global and billing-zone prices no region but a location', () => {
    const licence = offerAt(first, 'Items[69] (page 1)');
    expect(licence).toMatchObject({ regionCode: null, os: null, resourceKind: 'OTHER', price: '0.186' });
    expect(licence.attributes?.location).toBe('Global');
    const zone = offerAt(second, 'Items[71] (page 1)');
    expect(zone).toMatchObject({ regionCode: null, serviceCategory: 'NETWORKING', price: '63.25' });
    expect(zone.attributes?.location).toBe('DE Zone 1');
  });

  it('follows NextPageLink through fetchPage and says page 2 in positions', async () => {
    const fetched: string[] = [];
    const fetchPage = async (url: string) => {
      fetched.push(url);
      if (url.endsWith('$skip=100')) return fs.createReadStream(sharedFile(page1));
      return Readable.from([
        Buffer.from('{"BillingCurrency":"USD","Items":[],"NextPageLink":null,"Count":0}'),
      ]);
    };
    const result = await collectImport(
      importer.read(fileSource(sharedFile(page0)), testImportContext({ fetchPage })),
    );
    expect(fetched).toEqual([
      'https://prices.azure.com:443/api/retail/prices?$skip=100',
      'https://prices.azure.com:443/api/retail/prices?$skip=200',
    ]);
    expect(result.accepted).toHaveLength(200);
    expect(result.metadata).toEqual({ pages: 3, items: 200, billingCurrency: 'USD' });
    expect(offerAt(result, 'Items[0] (page 2)')).toMatchObject({
      purchaseOption: 'SPOT',
      price: '0.145125',
      instanceType: 'Standard_D5_v2',
    });
    expect(offerAt(result, 'Items[67] (page 2)')).toMatchObject({
      os: 'LINUX',
      price: '7.346',
      instanceType: 'Standard_NC48ads_A100_v4',
    });
    expect(offerAt(result, 'Items[42] (page 2)')).toMatchObject({
      purchaseOption: 'RESERVED_1Y',
      unit: 'ONE_TIME',
      price: '41087',
      resourceKind: 'STORAGE',
    });
  });

  it('rejects negative, NaN and non-numeric prices with their position', async () => {
    const page = JSON.parse(fs.readFileSync(sharedFile(page0), 'utf8')) as {
      Items: Record<string, unknown>[];
    };
    page.Items[1].retailPrice = -0.847665;
    page.Items[2].retailPrice = 'NaN';
    page.Items[3].retailPrice = 'n/a';
    delete page.Items[5].retailPrice;
    const result = await collectImport(
      importer.read(bufferSource('edited.json', JSON.stringify(page)), testImportContext()),
    );
    expect(result.accepted).toHaveLength(96);
    expect(Object.fromEntries(result.rejected.map((r) => [r.position, r.reason]))).toEqual({
      'Items[1] (page 1)': 'negative retailPrice "-0.847665"',
      'Items[2] (page 1)': 'non-numeric retailPrice "NaN"',
      'Items[3] (page 1)': 'non-numeric retailPrice "n/a"',
      'Items[5] (page 1)': 'missing retailPrice',
    });
  });

  it('throws ImportFormatError naming the source for a truncated page', async () => {
    const bytes = fs.readFileSync(sharedFile(page1)).subarray(0, 30_000);
    const reading = () =>
      collectImport(importer.read(bufferSource('azure-truncated.json', bytes), testImportContext()));
    await expect(reading()).rejects.toThrow(ImportFormatError);
    await expect(reading()).rejects.toThrow(
      /^azure-truncated\.json is not a valid azure-retail input: the input ends after 30000 bytes/,
    );
  });

  it('detect() accepts both pages and rejects the other formats and a CSV', () => {
    expect(importer.detect(head(page0))).toBeNull();
    expect(importer.detect(head(page1))).toBeNull();
    for (const other of [
      'price-formats/aws-offer-file/opencost-AmazonEC2-us-east-1-excerpt.json',
      'price-formats/aws-other/aws-website-ec2-ondemand-us-east-1-linux-2026-08-06.json',
      'price-formats/aws-other/aws-website-spot-2026-08.json',
      'price-formats/gcp-billing-catalog/opencost-compute-skus-excerpt.json',
      'price-formats/azure-derived/radar-latest-vm-belgiumcentral.json',
    ]) {
      expect(importer.detect(head(other))).toEqual(expect.any(String));
    }
    expect(importer.detect('currencyCode,retailPrice\nUSD,0.1\n')).toMatch(/not JSON/);
  });
});
