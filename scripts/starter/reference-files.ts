import { readCsv, readJson, rowOf, toCsv, type StarterFile } from './starter-io.js';
import fs from 'node:fs';
import { shared } from './starter-io.js';

const SKYPLANE = 'skyplane-project/skyplane @ 2e3b2c01735054a8053d6a939d69fe43a652d2d0';

/** providers-csv: the three public clouds and the example on-prem site (facts: names, HQ country). */
export function providersFile(): StarterFile {
  const header = ['id', 'name', 'kind', 'headquarters_country', 'adapter_id'];
  const rows = [
    ['aws', 'Amazon Web Services', 'PUBLIC_CLOUD', 'US', 'simulated'],
    ['azure', 'Microsoft Azure', 'PUBLIC_CLOUD', 'US', 'simulated'],
    ['gcp', 'Google Cloud', 'PUBLIC_CLOUD', 'US', 'simulated'],
    [
      'onprem-frankfurt',
      'Example on-prem site, Frankfurt (example cost model)',
      'PRIVATE_CLOUD',
      'DE',
      'simulated',
    ],
  ];
  return {
    format: 'providers-csv',
    file: 'providers.csv',
    description:
      'Providers: AWS, Azure and Google Cloud (US-headquartered public clouds) and the example on-prem site',
    content: toCsv(header, rows),
    sources: [
      {
        upstream: 'Cumulus',
        path: '-',
        licence: 'project',
        extracted: 'provider names and headquarters countries (public facts)',
      },
    ],
  };
}

/** regions-csv: the seed's facts only (names, coordinates, country, grid carbon), none of its derived join columns. */
export function regionsFile(): StarterFile {
  const header = [
    'provider',
    'region',
    'display_name',
    'lat',
    'lon',
    'country_iso2',
    'gcp_grid_gco2_per_kwh_2024',
    'ccf_grid_gco2e_per_kwh',
  ];
  const rows = readCsv('regions/region_catalog_seed.csv').map((r) => header.map((c) => r[c]));
  return {
    format: 'regions-csv',
    file: 'regions.csv',
    description: `${rows.length} AWS, Azure and GCP regions with coordinates, country and grid carbon`,
    content: toCsv(header, rows),
    sources: [
      {
        upstream: 'electricitymaps/electricitymaps-contrib @ b354f28aad434182bf591c51481e7eded62306cf',
        path: 'config/data_centers/data_centers.json (via ../shared/data/regions/region_catalog_seed.csv)',
        licence:
          'AGPL-3.0 repository; only facts extracted (region code, display name, latitude/longitude, country)',
        extracted: 'region codes, display names, coordinates, country (first token of the grid zone)',
      },
      {
        upstream: 'GoogleCloudPlatform/region-carbon-info @ 49f3f26bfd682305e8d9b572fea1f811900421a9',
        path: 'data/yearly/2024.csv',
        licence: 'Apache-2.0',
        extracted: 'grid carbon intensity 2024 of GCP regions (column gcp_grid_gco2_per_kwh_2024)',
      },
      {
        upstream: 'cloud-carbon-footprint/cloud-carbon-footprint @ b7a049c7d25c0022919ab9010199dd9e77aa4577',
        path: 'packages/{aws,azure,gcp}/src/domain/*FootprintEstimationConstants.ts',
        licence: 'Apache-2.0',
        extracted: 'grid emission factors per region (column ccf_grid_gco2e_per_kwh)',
      },
    ],
  };
}

/** aws-locations: the locations feed trimmed to its `AWS Region` entries. */
export function awsLocationsFile(): StarterFile {
  const all = readJson<Record<string, { type: string }>>(
    'price-formats/aws-other/aws-website-locations-2026-08.json',
  );
  const regions = Object.fromEntries(Object.entries(all).filter(([, v]) => v.type === 'AWS Region'));
  return {
    format: 'aws-locations',
    file: 'aws-locations.json',
    provider: 'aws',
    description: `AWS region display names → codes (${Object.keys(regions).length} regions)`,
    content: JSON.stringify(regions, null, 1) + '\n',
    sources: [
      {
        upstream:
          'ybastide/cloud-pricing @ c208253d17e03959cd763c59f524cdfdfd6e0252 (file commit e6812fdf84174a8807b5ea2e06068c9460ba848b)',
        path: 'fixtures/aws/locations.json (capture of b0.p.awsstatic.com locations.json, 2026-08)',
        licence: 'MIT',
        extracted: 'the entries of type "AWS Region" (Local and Wavelength Zones dropped), unchanged',
      },
    ],
  };
}

interface AzureLocation {
  name: string;
  displayName: string;
  regionalDisplayName?: string;
  metadata: { regionType?: string; pairedRegion?: { name: string }[] | null };
}

/** azure-locations: physical regions with the fields the importer reads. */
export function azureLocationsFile(): StarterFile {
  const all = readJson<AzureLocation[]>('regions/azure_list_locations_2021-11.json');
  const trimmed = all
    .filter((l) => l.metadata.regionType === 'Physical')
    .map((l) => ({
      name: l.name,
      displayName: l.displayName,
      regionalDisplayName: l.regionalDisplayName,
      metadata: {
        regionType: 'Physical',
        pairedRegion: (l.metadata.pairedRegion ?? []).map((p) => ({ name: p.name })),
      },
    }));
  return {
    format: 'azure-locations',
    file: 'azure-locations.json',
    provider: 'azure',
    description: `Azure region display names → codes and paired regions (${trimmed.length} physical regions)`,
    content: JSON.stringify(trimmed, null, 1) + '\n',
    sources: [
      {
        upstream: 'Green-Software-Foundation/carbon-aware-sdk @ e6de58da895e5936b43ee66dbce925345bd88d02',
        path: 'src/CarbonAware.Tools/CarbonAware.Tools.AzureRegionTestDataGenerator/azure-regions.json (az account list-locations, 2021-11)',
        licence: 'MIT',
        extracted:
          'physical regions: name, displayName, regionalDisplayName, regionType, paired region names',
      },
    ],
  };
}

/** A file copied byte for byte (permissive licence or compiled facts). */
export function copiedFile(input: {
  format: string;
  file: string;
  from: string;
  provider?: string;
  description: string;
  source: StarterFile['sources'][number];
}): StarterFile {
  return {
    format: input.format,
    file: input.file,
    provider: input.provider,
    description: input.description,
    content: fs.readFileSync(shared(input.from), 'utf8'),
    sources: [input.source],
  };
}

/** Keeps some rows and columns of a CSV (Skyplane's profiles: PREMIUM tier only, the columns the importer reads). */
export function csvSubset(input: {
  format: string;
  file: string;
  from: string;
  columns: readonly string[];
  keep: (row: Record<string, string>) => boolean;
  description: (rows: number) => string;
  source: StarterFile['sources'][number];
}): StarterFile {
  const seen = new Set<string>();
  const rows = readCsv(input.from)
    .filter(input.keep)
    .filter((r) => {
      const key = `${r.src_region ?? r.src}|${r.dst_region ?? r.dest}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((r) => rowOf(input.columns, Object.fromEntries(input.columns.map((c) => [c, r[c]]))));
  return {
    format: input.format,
    file: input.file,
    description: input.description(rows.length),
    content: toCsv(input.columns, rows),
    sources: [input.source],
  };
}

export const skyplane = (path: string, commit = SKYPLANE) => ({
  upstream: commit,
  path,
  licence: 'Apache-2.0',
});
