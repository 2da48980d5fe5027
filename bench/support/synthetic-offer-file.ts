import fs from 'node:fs';
import { once } from 'node:events';
import { mulberry32 } from '../../src/domain/seeded-random.js';

/**
 * Writes an AWS Price List offer file in the real file's shape (pretty-printed `"key" : value`
 * layout, products then terms.OnDemand then terms.Reserved) with SYNTHETIC prices, for
 * benchmarks and the kill-mid-import test. Nothing here is an AWS price.
 */
export interface SyntheticOfferFile {
  readonly products: number;
  readonly priceDimensions: number;
  readonly bytes: number;
}

const FAMILIES = ['m5', 'c5', 'r5', 'm6i', 'c6i', 'r6i', 'm7g', 'c7g', 't3', 'i4i'];
const SIZES: [string, number, number][] = [
  ['large', 2, 8],
  ['xlarge', 4, 16],
  ['2xlarge', 8, 32],
  ['4xlarge', 16, 64],
  ['8xlarge', 32, 128],
  ['12xlarge', 48, 192],
  ['16xlarge', 64, 256],
  ['24xlarge', 96, 384],
];
const OSES = ['Linux', 'Windows', 'RHEL', 'SUSE'];
const RESERVED: [string, string, string, number][] = [
  ['4NA7Y494T4', '1yr', 'No Upfront', 1],
  ['6QCMYABX3D', '1yr', 'All Upfront', 1],
  ['HU7G6KETJZ', '1yr', 'Partial Upfront', 2],
  ['38NPMPTW36', '3yr', 'Partial Upfront', 2],
  ['NQ3QZPMQV9', '3yr', 'All Upfront', 1],
  ['BPH4J8HBKS', '3yr', 'No Upfront', 1],
];

function skuOf(i: number): string {
  return 'SYN' + i.toString(36).toUpperCase().padStart(13, '0');
}

export async function writeSyntheticOfferFile(
  path: string,
  options: {
    targetBytes?: number;
    products?: number;
    seed?: number;
    region?: string;
    location?: string;
  } = {},
): Promise<SyntheticOfferFile> {
  const region = options.region ?? 'us-east-1';
  const location = options.location ?? 'US East (N. Virginia)';
  // About 7.75 KB per product with its on-demand and six reserved terms (9 price dimensions).
  const products = options.products ?? Math.max(1, Math.ceil((options.targetBytes ?? 1e6) / 7_750));
  const out = fs.createWriteStream(path, { highWaterMark: 1 << 20 });
  let bytes = 0;
  let dimensions = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  const random = mulberry32(options.seed ?? 42);
  const hourly: number[] = [];

  await write(
    `{\n  "formatVersion" : "v1.0",\n  "disclaimer" : "SYNTHETIC benchmark data in the shape of an AWS offer file; not AWS prices.",\n  "offerCode" : "AmazonEC2",\n  "version" : "20260101000000",\n  "publicationDate" : "2026-01-01T00:00:00Z",\n  "products" : {\n`,
  );
  for (let i = 0; i < products; i++) {
    const [size, vcpu, memory] = SIZES[i % SIZES.length];
    const family = FAMILIES[Math.floor(i / SIZES.length) % FAMILIES.length];
    const os = OSES[Math.floor(i / (SIZES.length * FAMILIES.length)) % OSES.length];
    const type = `${family}.${size}`;
    hourly.push(Math.round(vcpu * (0.02 + random() * 0.03) * 1e4) / 1e4);
    const sku = skuOf(i);
    await write(
      `    "${sku}" : {\n      "sku" : "${sku}",\n      "productFamily" : "Compute Instance",\n      "attributes" : {\n` +
        `        "servicecode" : "AmazonEC2",\n        "location" : "${location}",\n        "locationType" : "AWS Region",\n` +
        `        "instanceType" : "${type}",\n        "currentGeneration" : "Yes",\n        "instanceFamily" : "General purpose",\n` +
        `        "vcpu" : "${vcpu}",\n        "physicalProcessor" : "${family.endsWith('g') ? 'AWS Graviton3' : 'Intel Xeon Platinum 8375C'}",\n` +
        `        "clockSpeed" : "3.5 GHz",\n        "memory" : "${memory} GiB",\n        "storage" : "EBS only",\n` +
        `        "networkPerformance" : "Up to 12500 Megabit",\n        "processorArchitecture" : "64-bit",\n        "tenancy" : "Shared",\n` +
        `        "operatingSystem" : "${os}",\n        "licenseModel" : "No License required",\n        "usagetype" : "BoxUsage:${type}",\n` +
        `        "operation" : "RunInstances:${i % 1000}",\n        "availabilityzone" : "NA",\n        "capacitystatus" : "Used",\n` +
        `        "classicnetworkingsupport" : "false",\n        "dedicatedEbsThroughput" : "Up to 10000 Mbps",\n        "ecu" : "${vcpu * 4}",\n` +
        `        "enhancedNetworkingSupported" : "Yes",\n        "gpuMemory" : "NA",\n        "intelAvxAvailable" : "Yes",\n` +
        `        "marketoption" : "OnDemand",\n        "normalizationSizeFactor" : "${vcpu / 2}",\n        "preInstalledSw" : "NA",\n` +
        `        "processorFeatures" : "Intel AVX; Intel AVX2; Intel AVX512; Intel Turbo",\n        "regionCode" : "${region}",\n` +
        `        "servicename" : "Amazon Elastic Compute Cloud",\n        "vpcnetworkingsupport" : "true"\n      }\n    }${i < products - 1 ? ',' : ''}\n`,
    );
  }
  await write(`  },\n  "terms" : {\n    "OnDemand" : {\n`);
  for (let i = 0; i < products; i++) {
    const sku = skuOf(i);
    const price = hourly[i].toFixed(10);
    dimensions++;
    await write(
      `      "${sku}" : {\n        "${sku}.JRTCKXETXF" : {\n          "offerTermCode" : "JRTCKXETXF",\n          "sku" : "${sku}",\n` +
        `          "effectiveDate" : "2026-01-01T00:00:00Z",\n          "priceDimensions" : {\n            "${sku}.JRTCKXETXF.6YS6EN2CT7" : {\n` +
        `              "rateCode" : "${sku}.JRTCKXETXF.6YS6EN2CT7",\n              "description" : "$${price} per On Demand Instance Hour",\n` +
        `              "beginRange" : "0",\n              "endRange" : "Inf",\n              "unit" : "Hrs",\n` +
        `              "pricePerUnit" : {\n                "USD" : "${price}"\n              },\n              "appliesTo" : [ ]\n            }\n` +
        `          },\n          "termAttributes" : { }\n        }\n      }${i < products - 1 ? ',' : ''}\n`,
    );
  }
  await write(`    },\n    "Reserved" : {\n`);
  for (let i = 0; i < products; i++) {
    const sku = skuOf(i);
    const terms = RESERVED.map(([code, length, option, dims]) => {
      const years = length === '1yr' ? 1 : 3;
      const discount = option === 'All Upfront' ? 0.6 : option === 'Partial Upfront' ? 0.65 : 0.7;
      const perHour = (hourly[i] * discount).toFixed(4);
      const upfront = Math.round(hourly[i] * discount * 8760 * years * 100) / 100;
      const dimsText: string[] = [];
      if (option !== 'All Upfront') {
        dimensions++;
        dimsText.push(
          `            "${sku}.${code}.6YS6EN2CT7" : {\n              "rateCode" : "${sku}.${code}.6YS6EN2CT7",\n              "description" : "Linux/UNIX (Amazon VPC), ${sku}",\n              "beginRange" : "0",\n              "endRange" : "Inf",\n              "unit" : "Hrs",\n              "pricePerUnit" : {\n                "USD" : "${option === 'Partial Upfront' ? (Number(perHour) / 2).toFixed(4) : perHour}"\n              },\n              "appliesTo" : [ ]\n            }`,
        );
      }
      if (dims === 2 || option === 'All Upfront') {
        dimensions++;
        dimsText.push(
          `            "${sku}.${code}.2TG2D8R56U" : {\n              "rateCode" : "${sku}.${code}.2TG2D8R56U",\n              "description" : "Upfront Fee",\n              "unit" : "Quantity",\n              "pricePerUnit" : {\n                "USD" : "${option === 'Partial Upfront' ? (upfront / 2).toFixed(2) : upfront.toFixed(2)}"\n              },\n              "appliesTo" : [ ]\n            }`,
        );
      }
      return (
        `        "${sku}.${code}" : {\n          "offerTermCode" : "${code}",\n          "sku" : "${sku}",\n          "effectiveDate" : "2026-01-01T00:00:00Z",\n` +
        `          "priceDimensions" : {\n${dimsText.join(',\n')}\n          },\n          "termAttributes" : {\n` +
        `            "LeaseContractLength" : "${length}",\n            "OfferingClass" : "standard",\n            "PurchaseOption" : "${option}"\n          }\n        }`
      );
    });
    await write(`      "${sku}" : {\n${terms.join(',\n')}\n      }${i < products - 1 ? ',' : ''}\n`);
  }
  await write(`    }\n  }\n}\n`);
  out.end();
  await once(out, 'finish');
  return { products, priceDimensions: dimensions, bytes };
}
