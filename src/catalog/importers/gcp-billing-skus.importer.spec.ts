import fs from 'node:fs';
import { Readable } from 'node:stream';
import {
  collectImport,
  recordAt,
  testImportContext,
  type CollectedImport,
} from '../../../test/support/import-context.js';
import { describeWithSharedData, sharedFile } from '../../../test/support/shared-data.js';
import { ImportFormatError, type ParsedOffer } from './catalog-importer.js';
import { bufferSource, fileSource } from './file-source.js';
import { GcpBillingSkusImporter } from './gcp-billing-skus.importer.js';

const importer = new GcpBillingSkusImporter();
const sample = 'price-formats/gcp-billing-catalog/opencost-compute-skus-excerpt.json';
const read = () => collectImport(importer.read(fileSource(sharedFile(sample)), testImportContext()));
const readJson = (name: string, value: unknown) =>
  collectImport(importer.read(bufferSource(name, JSON.stringify(value)), testImportContext()));
const head = (relative: string) => fs.readFileSync(sharedFile(relative)).subarray(0, 65536).toString('utf8');
interface Sku {
  category: { usageType: string };
  serviceRegions: string[];
  pricingInfo: {
    pricingExpression: {
      usageUnit: string;
      tieredRates: {
        startUsageAmount: number;
        unitPrice: { currencyCode: string; units?: string; nanos?: number | string };
      }[];
    };
  }[];
}
const loadSkus = () =>
  JSON.parse(fs.readFileSync(sharedFile(sample), 'utf8')) as { skus: Sku[]; nextPageToken: string };

function offersAt(result: CollectedImport, position: string): readonly ParsedOffer[] {
  const record = recordAt(result, position);
  if (record.kind !== 'accepted') throw new Error(`${position} rejected: ${record.reason}`);
  return record.offers;
}

describeWithSharedData('GcpBillingSkusImporter on the real Compute Engine SKU excerpt', () => {
  let result: CollectedImport;
  beforeAll(async () => {
    result = await read();
  });

  it('accepts the 7 SKUs as 17 offers (one per service region) and keeps the page token', () => {
    expect(result.accepted).toHaveLength(7);
    expect(result.rejected).toHaveLength(0);
    expect(result.offers).toHaveLength(17);
    expect(result.metadata).toEqual({
      pages: 1,
      skus: 7,
      nextPageToken:
        'APKCS1HVa0YpwgyTFbqbJ1eGwzKZmsPwLqzMZPTSNia5ck1Hc54Tx_Kz3oBxwSnRIdGVxXoSPdf-XlDpyNBf4QuxKcIEgtrQ1LDLWAgZowI0ns7HjrGta2s=',
    });
  });

  it('prices the A100 GPU at 2.933908 USD per hour in each of its 3 regions', () => {
    const offers = offersAt(result, 'skus[0] 039F-D0DA-4055');
    expect(offers.map((o) => o.regionCode)).toEqual(['us-central1', 'us-east1', 'us-west1']);
    for (const offer of offers) {
      expect(offer).toMatchObject({
        providerId: 'gcp',
        service: 'Compute Engine',
        serviceCategory: 'COMPUTE',
        resourceKind: 'ACCELERATOR',
        sku: '039F-D0DA-4055',
        purchaseOption: 'ON_DEMAND',
        unit: 'HOUR',
        unitRaw: 'h',
        price: '2.933908',
        currency: 'USD',
        tierStart: '0',
        tierEnd: null,
        effectiveDate: '2023-03-24',
      });
      expect(offer.attributes).toMatchObject({ gpuModel: 'A100' });
    }
  });

  it('reads A2 cores and RAM as per-vCPU and per-GiB prices of family a2', () => {
    const [core] = offersAt(result, 'skus[2] 2922-40C5-B19F');
    expect(core).toMatchObject({ resourceKind: 'VCPU', unit: 'HOUR', price: '0.031611' });
    expect(core.attributes).toMatchObject({ family: 'a2' });
    const [ram] = offersAt(result, 'skus[1] 2390-DCAF-DA38');
    expect(ram).toMatchObject({
      resourceKind: 'MEMORY',
      unit: 'GIB_HOUR',
      unitRaw: 'GiBy.h',
      price: '0.004237',
    });
  });

  it('keeps the IDR price of T2D RAM in Singapore exactly (68 + 204999658 nanos)', () => {
    const offers = offersAt(result, 'skus[3] 4756-01E4-0F32');
    expect(offers).toHaveLength(1);
    expect(offers[0]).toMatchObject({
      regionCode: 'asia-southeast1',
      price: '68.204999658',
      currency: 'IDR',
      resourceKind: 'MEMORY',
    });
    expect(offers[0].attributes).toMatchObject({ family: 't2d', currencyConversionRate: '14999.999925' });
    // This SKU has no effectiveTime, only an "EffectiveTime" key (edited by opencost): read as the same field.
    expect(offers[0].effectiveDate).toBe('2023-08-10');
  });

  it('maps global regions, commitments, GiB-months and price tiers', async () => {
    const file = loadSkus();
    const sku = file.skus[1];
    sku.serviceRegions = ['global', 'europe-west4'];
    sku.category.usageType = 'Commit1Yr';
    sku.pricingInfo[0].pricingExpression.usageUnit = 'GiBy.mo';
    sku.pricingInfo[0].pricingExpression.tieredRates = [
      { startUsageAmount: 0, unitPrice: { currencyCode: 'USD', units: '0', nanos: 40000000 } },
      { startUsageAmount: 1024, unitPrice: { currencyCode: 'USD', nanos: 20000000 } },
    ];
    const edited = await readJson('edited-skus.json', { skus: [sku] });
    const offers = offersAt(edited, 'skus[0] 2390-DCAF-DA38');
    expect(
      offers.map((o) => [o.regionCode, o.purchaseOption, o.unit, o.price, o.tierStart, o.tierEnd]),
    ).toEqual([
      [null, 'RESERVED_1Y', 'GB_MONTH', '0.04', '0', '1024'],
      ['europe-west4', 'RESERVED_1Y', 'GB_MONTH', '0.04', '0', '1024'],
      [null, 'RESERVED_1Y', 'GB_MONTH', '0.02', '1024', null],
      ['europe-west4', 'RESERVED_1Y', 'GB_MONTH', '0.02', '1024', null],
    ]);
    expect(offers[0].attributes).toMatchObject({ location: 'global', unitNote: 'GiB-month' });
    expect(edited.metadata).toEqual({ pages: 1, skus: 1 });
  });

  it('rejects negative, NaN and non-numeric prices and unknown usage types with their position', async () => {
    const file = loadSkus();
    file.skus[0].pricingInfo[0].pricingExpression.tieredRates[0].unitPrice.units = '-2';
    file.skus[1].pricingInfo[0].pricingExpression.tieredRates[0].unitPrice.units = 'NaN';
    file.skus[2].pricingInfo[0].pricingExpression.tieredRates[0].unitPrice.nanos = 'lots';
    file.skus[3].category.usageType = 'Commit1Mo';
    const edited = await readJson('edited.json', file);
    expect(edited.accepted).toHaveLength(3);
    expect(Object.fromEntries(edited.rejected.map((r) => [r.position, r.reason]))).toEqual({
      'skus[0] 039F-D0DA-4055': 'tieredRates[0]: negative unitPrice.units "-2"',
      'skus[1] 2390-DCAF-DA38': 'tieredRates[0]: non-numeric unitPrice.units "NaN"',
      'skus[2] 2922-40C5-B19F': 'tieredRates[0]: non-numeric unitPrice.nanos "lots"',
      'skus[3] 4756-01E4-0F32': 'unsupported usageType "Commit1Mo"',
    });
  });

  it('follows nextPageToken through fetchPage when reading from a URL', async () => {
    const url = 'https://cloudbilling.googleapis.com/v1/services/6F81-5844-456A/skus?currencyCode=USD';
    const body = fs.readFileSync(sharedFile(sample));
    const fetched: string[] = [];
    const fetchPage = async (next: string) => {
      fetched.push(next);
      const { skus } = loadSkus();
      return Readable.from([Buffer.from(JSON.stringify({ skus: [skus[0]], nextPageToken: '' }))]);
    };
    const paged = await collectImport(
      importer.read(bufferSource(url, body), testImportContext({ fetchPage })),
    );
    expect(fetched).toEqual([
      'https://cloudbilling.googleapis.com/v1/services/6F81-5844-456A/skus?currencyCode=USD&pageToken=APKCS1HVa0YpwgyTFbqbJ1eGwzKZmsPwLqzMZPTSNia5ck1Hc54Tx_Kz3oBxwSnRIdGVxXoSPdf-XlDpyNBf4QuxKcIEgtrQ1LDLWAgZowI0ns7HjrGta2s%3D',
    ]);
    expect(paged.accepted).toHaveLength(8);
    expect(offersAt(paged, 'skus[0] 039F-D0DA-4055 (page 2)')[0].price).toBe('2.933908');
    expect(paged.metadata).toEqual({ pages: 2, skus: 8 });
  });

  it('throws ImportFormatError naming the source for a truncated copy', async () => {
    const bytes = fs.readFileSync(sharedFile(sample)).subarray(0, 5_000);
    const reading = () =>
      collectImport(importer.read(bufferSource('skus-truncated.json', bytes), testImportContext()));
    await expect(reading()).rejects.toThrow(ImportFormatError);
    await expect(reading()).rejects.toThrow(
      /^skus-truncated\.json is not a valid gcp-billing-skus input: the input ends after 5000 bytes/,
    );
  });

  it('throws ImportFormatError for the services list, which has no skus', async () => {
    const list = fileSource(sharedFile('price-formats/gcp-billing-catalog/services-list-2022-05.json'));
    await expect(collectImport(importer.read(list, testImportContext()))).rejects.toThrow(
      /no top-level "skus"/,
    );
  });

  it('detect() accepts the SKU listing and rejects the other formats and a CSV', () => {
    expect(importer.detect(head(sample))).toBeNull();
    for (const other of [
      'price-formats/aws-offer-file/opencost-AmazonEC2-us-east-1-excerpt.json',
      'price-formats/aws-other/aws-website-ec2-ondemand-us-east-1-linux-2026-08-06.json',
      'price-formats/aws-other/aws-website-spot-2026-08.json',
      'price-formats/azure-retail/retail-prices-page0-2021-12-30.json',
      'price-formats/gcp-billing-catalog/services-list-2022-05.json',
    ]) {
      expect(importer.detect(head(other))).toEqual(expect.any(String));
    }
    expect(importer.detect('SKU ID,SKU description,Price\n039F-D0DA-4055,A100,2.933908\n')).toMatch(
      /not JSON/,
    );
  });
});
