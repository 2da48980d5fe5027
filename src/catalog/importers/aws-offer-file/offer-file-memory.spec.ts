import { Readable } from 'node:stream';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { ImportContext } from '../catalog-importer.js';
import { AwsOfferFileImporter } from '../aws-offer-file.importer.js';

const importer = new AwsOfferFileImporter();
/** The synthetic products carry regionCode, so no display name needs resolving. */
const context: ImportContext = { regionCodeByName: () => undefined };

/** Live heap after a full collection, so the growth measured is what the importer keeps, not garbage not yet collected. */
function liveHeap(): number {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

describe('AwsOfferFileImporter memory', () => {
  // 22k products ≈ 32 MB of products and 18 MB of terms; the product index keeps ~330 bytes per SKU.
  // About 5 s on an idle 2-core machine; no wall-clock assertion, which only measures the neighbours' load.
  it('streams ~50 MB of synthetic offer file with bounded heap', async () => {
    const products = 22_000;
    let bytes = 0;
    function* counted(): Generator<string> {
      for (const chunk of syntheticOfferFile(products)) {
        bytes += chunk.length;
        yield chunk;
      }
    }
    const source = { name: 'synthetic-offer-file.json', open: () => Readable.from(counted()) };
    const baseline = liveHeap();
    let peak = baseline;
    let accepted = 0;
    let other = 0;
    for await (const record of importer.read(source, context)) {
      if (record.kind === 'metadata') continue;
      if (record.kind === 'accepted') accepted++;
      else other++;
      if ((accepted + other) % 10_000 === 0) peak = Math.max(peak, liveHeap());
    }
    expect(bytes).toBeGreaterThan(45_000_000);
    expect(accepted).toBe(products * 3);
    expect(other).toBe(0);
    expect(peak - baseline).toBeLessThan(150 * 1024 * 1024);
  }, 120_000);
});

/** An EC2-shaped offer file, generated chunk by chunk: one on-demand and one partial-upfront reserved term per SKU. */
function* syntheticOfferFile(products: number): Generator<string> {
  const sku = (i: number) => `SYN${i.toString(36).toUpperCase().padStart(13, '0')}`;
  yield '{"formatVersion":"v1.0","offerCode":"AmazonEC2","version":"synthetic","publicationDate":"2026-01-01T00:00:00Z","products":{';
  let chunk = '';
  for (let i = 0; i < products; i++) {
    const size = ['large', 'xlarge', '2xlarge', '4xlarge'][i % 4];
    chunk += `${i ? ',' : ''}"${sku(i)}":${JSON.stringify({
      sku: sku(i),
      productFamily: 'Compute Instance',
      attributes: {
        servicecode: 'AmazonEC2',
        location: 'US East (N. Virginia)',
        locationType: 'AWS Region',
        instanceType: `m${i % 9}.${size}`,
        currentGeneration: 'Yes',
        instanceFamily: 'General purpose',
        vcpu: '2',
        physicalProcessor: 'Intel Xeon Platinum 8175',
        clockSpeed: '3.1 GHz',
        memory: '8 GiB',
        storage: 'EBS only',
        networkPerformance: 'Up to 10 Gigabit',
        processorArchitecture: '64-bit',
        tenancy: ['Shared', 'Dedicated', 'Host'][i % 3],
        operatingSystem: ['Linux', 'Windows', 'RHEL', 'SUSE'][i % 4],
        licenseModel: 'No License required',
        usagetype: `BoxUsage:m${i % 9}.${size}:${i}`,
        operation: `RunInstances:${i % 1000}`,
        availabilityzone: 'NA',
        capacitystatus: 'Used',
        classicnetworkingsupport: 'false',
        dedicatedEbsThroughput: 'Up to 2120 Mbps',
        ecu: '10',
        enhancedNetworkingSupported: 'Yes',
        gpuMemory: 'NA',
        intelAvxAvailable: 'Yes',
        intelAvx2Available: 'Yes',
        intelTurboAvailable: 'Yes',
        marketoption: 'OnDemand',
        normalizationSizeFactor: '4',
        preInstalledSw: 'NA',
        processorFeatures: 'Intel AVX; Intel AVX2; Intel AVX512; Intel Turbo',
        regionCode: 'us-east-1',
        servicename: 'Amazon Elastic Compute Cloud',
        vpcnetworkingsupport: 'true',
      },
    })}`;
    if (chunk.length > 65536) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk + '},"terms":{"OnDemand":{';
  chunk = '';
  const dim = (s: string, term: string, rate: string, unit: string, price: string) =>
    `"${s}.${term}.${rate}":{"rateCode":"${s}.${term}.${rate}","description":"$${price} per unit","beginRange":"0","endRange":"Inf","unit":"${unit}","pricePerUnit":{"USD":"${price}"},"appliesTo":[]}`;
  for (let i = 0; i < products; i++) {
    const s = sku(i);
    chunk += `${i ? ',' : ''}"${s}":{"${s}.JRTCKXETXF":{"offerTermCode":"JRTCKXETXF","sku":"${s}","effectiveDate":"2026-01-01T00:00:00Z","priceDimensions":{${dim(s, 'JRTCKXETXF', '6YS6EN2CT7', 'Hrs', '0.0960000000')}},"termAttributes":{}}}`;
    if (chunk.length > 65536) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk + '},"Reserved":{';
  chunk = '';
  for (let i = 0; i < products; i++) {
    const s = sku(i);
    chunk += `${i ? ',' : ''}"${s}":{"${s}.HU7G6KETJZ":{"offerTermCode":"HU7G6KETJZ","sku":"${s}","effectiveDate":"2026-01-01T00:00:00Z","priceDimensions":{${dim(s, 'HU7G6KETJZ', '2TG2D8R56U', 'Quantity', '252')},${dim(s, 'HU7G6KETJZ', '6YS6EN2CT7', 'Hrs', '0.0290000000')}},"termAttributes":{"LeaseContractLength":"1yr","OfferingClass":"standard","PurchaseOption":"Partial Upfront"}}}`;
    if (chunk.length > 65536) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk + '}}}';
}
