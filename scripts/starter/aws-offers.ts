import { money } from '../../src/domain/money.js';
import { awsSpecs, type AwsSpec, type AwsSpecReport, type PricingPageEntry } from './aws-specs.js';
import { CarrierFile, type InstanceSpecCells } from './carrier.js';
import { readCsv, readJson, type StarterFile } from './starter-io.js';

const PAGE = 'price-formats/aws-other/aws-website-ec2-ondemand-us-east-1-linux-2026-08-06.json';
const SPOT = 'price-formats/aws-other/aws-website-spot-2026-08.json';
const SKYPILOT_AWS = 'skypilot-catalog/catalogs/v8/aws/vms.excerpt.csv';

interface SpotFeed {
  config: {
    regions: {
      region: string;
      instanceTypes: {
        sizes: { size: string; valueColumns: { name: string; prices: { USD: string } }[] }[];
      }[];
    }[];
  };
}

export interface AwsReport extends AwsSpecReport {
  onDemandUsEast1: number;
  spot: number;
  spotRegions: string[];
  skypilotEuOnDemand: number;
  skypilotAmbiguous: number;
}

/**
 * AWS offers as cumulus-csv: us-east-1 on-demand Linux prices from the pricing-page feed, spot
 * prices (Linux and Windows) for the EU and US regions of the spot feed, and EU on-demand
 * prices from SkyPilot's AWS excerpt, with specs joined from every AWS spec source.
 */
export async function awsOffersFile(): Promise<{ file: StarterFile; report: AwsReport }> {
  const page = Object.values(
    readJson<{ regions: Record<string, Record<string, PricingPageEntry>> }>(PAGE).regions[
      'US East (N. Virginia)'
    ],
  );
  const { specs, report: specReport } = await awsSpecs(page);
  const spec = (name: string) => cells(specs.get(name));
  const family = (name: string) => name.split('.')[0] ?? null;
  const carrier = new CarrierFile('aws', 'AmazonEC2');

  carrier.useRegion('us-east-1');
  for (const e of page) {
    const name = e['Instance Type'];
    carrier.instance({
      region: 'us-east-1',
      name,
      os: 'LINUX',
      purchaseOption: 'ON_DEMAND',
      price: money(e.price).toFixed(),
      spec: spec(name),
      family: family(name),
      effectiveDate: '2026-08-06',
    });
  }

  let spot = 0;
  const spotRegions: string[] = [];
  for (const region of readJson<SpotFeed>(SPOT).config.regions) {
    if (!/^(eu|us)-/.test(region.region) || !carrier.useRegion(region.region)) continue;
    spotRegions.push(region.region);
    for (const size of region.instanceTypes.flatMap((t) => t.sizes)) {
      for (const column of size.valueColumns) {
        const price = column.prices.USD;
        if (!/^\d+(\.\d+)?$/.test(price)) continue; // "N/A*": no spot offer
        const os = column.name === 'mswin' ? 'WINDOWS' : 'LINUX';
        carrier.instance({
          region: region.region,
          name: size.size,
          os,
          purchaseOption: 'SPOT',
          price: money(price).toFixed(),
          spec: spec(size.size),
          family: family(size.size),
        });
        spot++;
      }
    }
  }

  // SkyPilot lists a price per availability zone; on-demand prices are the same in every zone of a region.
  const euOnDemand = new Map<string, Set<string>>();
  for (const r of readCsv(SKYPILOT_AWS)) {
    if (!r.Region.startsWith('eu-')) continue;
    const key = `${r.InstanceType}|${r.Region}`;
    (euOnDemand.get(key) ?? euOnDemand.set(key, new Set()).get(key)!).add(money(r.Price).toFixed());
  }
  let skypilotEuOnDemand = 0;
  let skypilotAmbiguous = 0;
  for (const [key, prices] of euOnDemand) {
    const [name, region] = key.split('|') as [string, string];
    if (prices.size !== 1) {
      skypilotAmbiguous++;
      continue;
    }
    if (!carrier.useRegion(region)) continue;
    carrier.instance({
      region,
      name,
      os: 'LINUX',
      purchaseOption: 'ON_DEMAND',
      price: [...prices][0],
      spec: spec(name),
      family: family(name),
    });
    skypilotEuOnDemand++;
  }

  return {
    file: {
      format: 'cumulus-csv',
      file: 'aws.cumulus.csv',
      description: `AWS: ${page.length} us-east-1 on-demand Linux prices, ${spot} spot prices in ${spotRegions.length} EU/US regions, ${skypilotEuOnDemand} EU on-demand prices (SkyPilot), specs joined`,
      content: carrier.toCsv(),
      sources: [
        {
          upstream:
            'ybastide/cloud-pricing @ c208253d17e03959cd763c59f524cdfdfd6e0252 (file commit e6812fdf84174a8807b5ea2e06068c9460ba848b)',
          path: 'fixtures/aws/index.json (aws.amazon.com pricing-page feed, us-east-1 Linux on-demand, published 2026-08-06)',
          licence: 'MIT',
          extracted: 'instance type, on-demand price per hour, vCPU, memory',
        },
        {
          upstream:
            'ybastide/cloud-pricing @ c208253d17e03959cd763c59f524cdfdfd6e0252 (file commit 576ca4f2495cf9bbc0fb7a119b098b07c23860a5)',
          path: 'fixtures/aws/spot.json (website.spot.ec2.aws.a2z.com/spot.json, 2026-08)',
          licence: 'MIT',
          extracted:
            'spot price per hour (linux, mswin) per size for the EU and US regions; N/A cells skipped',
        },
        {
          upstream: 'skypilot-org/skypilot-catalog @ 00148f2af3672e2229b4f7bf8157d5a3f36e3c35',
          path: 'catalogs/v8/aws/vms.csv (excerpt)',
          licence: 'no licence file: facts only (prices, specs), no rows copied',
          extracted:
            'EU on-demand prices per instance type and region; vCPU, memory, arch, GPU model/count/memory',
        },
        {
          upstream: 'skypilot-org/skypilot @ 1b1eb32198ca7e7df8c3dcfc414ca03819150d0f',
          path: 'prototype/sky/clouds/service_catalog/data/aws.csv (2021)',
          licence: 'Apache-2.0',
          extracted: 'specs only: vCPU, memory, architecture, GPU of older types',
        },
        {
          upstream: 'aws/amazon-ec2-instance-selector @ 71c31e5a8949f35ea0683ca1c27db9de00ae4fc3',
          path: 'test/static/DescribeInstanceTypes/{25_instances,pv_instances}.json',
          licence: 'Apache-2.0',
          extracted: 'specs only: vCPU, memory, architecture',
        },
        {
          upstream: 'aws/karpenter-provider-aws @ 1d927085dd81a9df9301e613f371dac5b4d16bfe',
          path: 'pkg/fake/zz_generated.describe_instance_types.go (via ../shared/data/extra/aws-instance-types-karpenter.csv)',
          licence: 'Apache-2.0',
          extracted: 'specs only: vCPU, memory, architecture, GPU / Neuron device model, count, memory',
        },
      ],
    },
    report: {
      ...specReport,
      onDemandUsEast1: page.length,
      spot,
      spotRegions,
      skypilotEuOnDemand,
      skypilotAmbiguous,
    },
  };
}

function cells(spec: AwsSpec | undefined): InstanceSpecCells | null {
  return spec ? { ...spec } : null;
}
