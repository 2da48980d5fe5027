import type { EntityManager } from 'typeorm';
import { describeWithSharedData, sharedFile } from '../../../test/support/shared-data.js';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { CatalogVersionRepository } from '../catalog-version.repository.js';
import { bufferSource, fileSource } from '../importers/file-source.js';
import type { JurisdictionRow } from './reference-importer.js';
import { ReferenceImportService } from './reference-import.service.js';
import { ReferenceRepository } from './reference.repository.js';

const PROVIDERS_CSV = [
  'id,name,kind,headquarters_country,adapter_id',
  'aws,Amazon Web Services,PUBLIC_CLOUD,US,simulated',
  'azure,Microsoft Azure,PUBLIC_CLOUD,US,simulated',
  'gcp,Google Cloud,PUBLIC_CLOUD,US,simulated',
].join('\n');

/** A repository whose jurisdiction write fails half-way, after deleting the old rows. */
class FailingRepository extends ReferenceRepository {
  override async replaceJurisdictionsIn(
    manager: EntityManager,
    rows: readonly JurisdictionRow[],
    source: string,
  ): Promise<void> {
    await super.replaceJurisdictionsIn(manager, rows.slice(0, 1), source);
    throw new Error('disk full (simulated)');
  }
}

describeWithSharedData('ReferenceImportService against a real database', () => {
  let db: TestDatabase;
  let service: ReferenceImportService;
  const importFile = (format: string, relative: string) =>
    service.importReference({ format, source: fileSource(sharedFile(relative)), createdBy: 'test' });
  const query = <T>(sql: string, params: unknown[] = []) => db.database.dataSource.query<T[]>(sql, params);

  beforeAll(async () => {
    db = await openTestDatabase();
    const ds = db.database.dataSource;
    service = new ReferenceImportService(ds, new CatalogVersionRepository(ds), new ReferenceRepository());
    await service.importReference({
      format: 'providers-csv',
      source: bufferSource('providers.csv', PROVIDERS_CSV),
      createdBy: 'test',
    });
  });
  afterAll(async () => db?.close());

  it('regions-csv: 131 regions with coordinates, country and the stronger carbon figure', async () => {
    const result = await importFile('regions-csv', 'regions/region_catalog_seed.csv');
    expect(result).toMatchObject({
      status: 'ACTIVE',
      provider: 'reference',
      format: 'regions-csv',
      records: 131,
      rejected: 0,
      offers: 0,
      instanceTypes: 0,
    });
    expect(await query(`SELECT provider_id, count(*)::int AS n FROM regions GROUP BY 1 ORDER BY 1`)).toEqual([
      { provider_id: 'aws', n: 33 },
      { provider_id: 'azure', n: 55 },
      { provider_id: 'gcp', n: 43 },
    ]);
    // aws,eu-central-1,Frankfurt,50.1109,8.6821,DE,…,ccf_grid 311.0 ; gcp,europe-west3,…,gcp_grid_2024 275.82, ccf 269.0
    expect(
      await query(`SELECT provider_id, code, name, country_code, latitude, longitude, carbon_gco2e_per_kwh::text AS carbon, carbon_source
                   FROM regions WHERE code IN ('eu-central-1', 'europe-west3') ORDER BY code`),
    ).toEqual([
      {
        provider_id: 'aws',
        code: 'eu-central-1',
        name: 'Frankfurt',
        country_code: 'DE',
        latitude: 50.1109,
        longitude: 8.6821,
        carbon: '311',
        carbon_source: 'ccf',
      },
      {
        provider_id: 'gcp',
        code: 'europe-west3',
        name: 'Hanau Data Center',
        country_code: 'DE',
        latitude: 50.1239022,
        longitude: 8.9713297,
        carbon: '275.82',
        carbon_source: 'gcp-region-carbon-info 2024',
      },
    ]);
    const [version] = await query<{
      status: string;
      scope_key: string;
      metadata: { rows: Record<string, number> };
    }>(`SELECT status, scope_key, metadata FROM catalog_versions WHERE id = $1`, [result.catalogVersionId]);
    expect(version).toMatchObject({
      status: 'ACTIVE',
      scope_key: 'reference/regions-csv',
      metadata: { rows: { regions: 131, regionsDeleted: 0 } },
    });
  });

  it('re-importing the same file is an UNCHANGED no-op', async () => {
    const first = await importFile('regions-csv', 'regions/region_catalog_seed.csv');
    const versionsBefore = await query(`SELECT count(*)::int AS n FROM catalog_versions`);
    const again = await importFile('regions-csv', 'regions/region_catalog_seed.csv');
    expect(again).toMatchObject({
      status: 'UNCHANGED',
      catalogVersionId: first.catalogVersionId,
      records: 0,
    });
    expect(await query(`SELECT count(*)::int AS n FROM catalog_versions`)).toEqual(versionsBefore);
  });

  it('regions-csv rejects rows of a provider the catalog does not have', async () => {
    const csv =
      'provider,region,display_name,lat,lon,country_iso2\nhetzner,fsn1,Falkenstein,50.47,12.37,DE\n';
    await expect(
      service.importReference({
        format: 'regions-csv',
        source: bufferSource('hetzner.csv', csv),
        createdBy: 'test',
      }),
    ).rejects.toThrow('no rows accepted from 1 records (rejected: 1× unknown provider)');
    expect(await query(`SELECT status, error FROM catalog_versions WHERE source = 'hetzner.csv'`)).toEqual([
      { status: 'FAILED', error: 'no rows accepted from 1 records (rejected: 1× unknown provider)' },
    ]);
  });

  it('aws-locations and azure-locations: aliases of regions only', async () => {
    const aws = await importFile(
      'aws-locations',
      'price-formats/aws-other/aws-website-locations-2026-08.json',
    );
    expect(aws).toMatchObject({
      status: 'ACTIVE',
      provider: 'aws',
      records: 109,
      rejected: 71,
      rejectedReasons: { 'not an AWS Region': 71 },
    });
    const azure = await importFile('azure-locations', 'regions/azure_list_locations_2021-11.json');
    expect(azure).toMatchObject({
      status: 'ACTIVE',
      provider: 'azure',
      records: 74,
      rejected: 27,
      rejectedReasons: { 'not a physical region': 27 },
    });
    expect(
      await query(`SELECT provider_id, count(*)::int AS n FROM region_aliases GROUP BY 1 ORDER BY 1`),
    ).toEqual([
      { provider_id: 'aws', n: 47 },
      { provider_id: 'azure', n: 47 },
    ]);
    expect(
      await query(
        `SELECT alias, region_code FROM region_aliases WHERE region_code IN ('eu-central-1', 'westeurope') ORDER BY alias`,
      ),
    ).toEqual([
      { alias: 'EU (Frankfurt)', region_code: 'eu-central-1' },
      { alias: 'Europe (Frankfurt)', region_code: 'eu-central-1' },
      { alias: 'West Europe', region_code: 'westeurope' },
    ]);
    const [version] = await query<{ metadata: { pairedRegions: Record<string, string[]> } }>(
      `SELECT metadata FROM catalog_versions WHERE id = $1`,
      [azure.catalogVersionId],
    );
    expect(version.metadata.pairedRegions.eastus).toEqual(['westus']);
  });

  it('jurisdictions-csv: 63 countries with regime codes and adequacy', async () => {
    const result = await importFile('jurisdictions-csv', 'jurisdiction/jurisdiction_seed.csv');
    expect(result).toMatchObject({ status: 'ACTIVE', records: 63, rejected: 0 });
    const rows = await query(
      `SELECT country_code, country_name, eu_member, eea_member, eu_adequacy, eu_adequacy_note, regime, regime_name
       FROM jurisdictions WHERE country_code IN ('DE', 'NO', 'KR', 'US', 'ZA') ORDER BY country_code`,
    );
    expect(rows).toEqual([
      {
        country_code: 'DE',
        country_name: 'Germany',
        eu_member: true,
        eea_member: true,
        eu_adequacy: 'EEA',
        eu_adequacy_note: null,
        regime: 'EU_GDPR',
        regime_name: 'EU GDPR',
      },
      {
        country_code: 'KR',
        country_name: 'Korea, Republic of',
        eu_member: false,
        eea_member: false,
        eu_adequacy: 'FULL',
        eu_adequacy_note: '2021',
        regime: 'KR_PIPA',
        regime_name: 'PIPA',
      },
      {
        country_code: 'NO',
        country_name: 'Norway',
        eu_member: false,
        eea_member: true,
        eu_adequacy: 'EEA',
        eu_adequacy_note: null,
        regime: 'EU_GDPR',
        regime_name: 'EU GDPR (via EEA Agreement)',
      },
      {
        country_code: 'US',
        country_name: 'United States',
        eu_member: false,
        eea_member: false,
        eu_adequacy: 'PARTIAL',
        eu_adequacy_note: 'DPF-certified organisations only; since 2023-07-10',
        regime: 'US',
        regime_name: 'sectoral + state laws; no federal omnibus law',
      },
      {
        country_code: 'ZA',
        country_name: 'South Africa',
        eu_member: false,
        eea_member: false,
        eu_adequacy: 'NONE',
        eu_adequacy_note: null,
        regime: 'ZA_DP',
        regime_name: 'POPIA',
      },
    ]);
    expect(
      await query(`SELECT regime, count(*)::int AS n FROM jurisdictions WHERE regime = 'EU_GDPR' GROUP BY 1`),
    ).toEqual([{ regime: 'EU_GDPR', n: 30 }]);
  });

  it('sla-csv: 12 SLAs with their credit tiers', async () => {
    const result = await importFile('sla-csv', 'sla/compute_slas.csv');
    expect(result).toMatchObject({ status: 'ACTIVE', records: 12, rejected: 0 });
    // aws,ec2,MULTI_ZONE,99.99,"<99.99:10;<99.0:30;<95.0:100",verified,…
    expect(
      await query(
        `SELECT uptime_pct::text AS uptime, credit_tiers, verified FROM slas WHERE provider_id = 'aws' AND scope = 'MULTI_ZONE'`,
      ),
    ).toEqual([
      {
        uptime: '99.99',
        credit_tiers: [
          { belowPct: 99.99, creditPct: 10 },
          { belowPct: 99, creditPct: 30 },
          { belowPct: 95, creditPct: 100 },
        ],
        verified: 'verified',
      },
    ]);
    expect(
      await query(`SELECT credit_tiers FROM slas WHERE provider_id = 'oci' AND scope = 'SINGLE_INSTANCE'`),
    ).toEqual([{ credit_tiers: [] }]);
  });

  it('azure-rtt-matrix: names through aliases or their normal form; unknown names rejected', async () => {
    await importFile('azure-locations', 'regions/azure_list_locations_2021-11.json');
    const result = await importFile('azure-rtt-matrix', 'latency/azure_interregion_rtt_p95_ms_2026-07.csv');
    expect(result).toMatchObject({ status: 'ACTIVE', provider: 'azure', records: 54, rejected: 4 });
    const rejections = await query(
      `SELECT position, reason FROM catalog_rejections WHERE catalog_version_id = $1 ORDER BY seq`,
      [result.catalogVersionId],
    );
    expect(rejections).toEqual([
      {
        position: 'row 6',
        reason: 'unknown region: "Austria East" is not a known Azure region name or alias',
      },
      {
        position: 'row 7',
        reason: 'unknown region: "Belgium Central" is not a known Azure region name or alias',
      },
      {
        position: 'row 13',
        reason: 'unknown region: "Denmark East" is not a known Azure region name or alias',
      },
      {
        position: 'row 29',
        reason: 'unknown region: "Malaysia West" is not a known Azure region name or alias',
      },
    ]);
    expect(
      await query(`SELECT count(*)::int AS n FROM latency_measurements WHERE source = 'azure-rtt-matrix'`),
    ).toEqual([{ n: 2450 }]);
    // West Europe row: North Europe 20, East US 91
    expect(
      await query(
        `SELECT dst_region, rtt_ms::text AS rtt, statistic FROM latency_measurements WHERE src_region = 'westeurope' AND dst_region IN ('northeurope', 'eastus') ORDER BY 1`,
      ),
    ).toEqual([
      { dst_region: 'eastus', rtt: '91', statistic: 'p95' },
      { dst_region: 'northeurope', rtt: '20', statistic: 'p95' },
    ]);
  });

  it('skyplane latency, throughput, egress and AWS transfer costs', async () => {
    const latency = await importFile('skyplane-latency', 'latency/skyplane/latency.csv');
    expect(latency).toMatchObject({
      records: 8010,
      rejected: 3318,
      rejectedReasons: { 'STANDARD network tier': 3318 },
    });
    // aws:eu-north-1 → azure:eastus, avg_rtt 105.976 (row 2)
    expect(
      await query(
        `SELECT rtt_ms::text AS rtt FROM latency_measurements WHERE src_region = 'eu-north-1' AND dst_provider = 'azure' AND dst_region = 'eastus'`,
      ),
    ).toEqual([{ rtt: '105.976' }]);
    const throughput = await importFile('skyplane-throughput', 'latency/skyplane/throughput.csv');
    expect(throughput).toMatchObject({
      records: 7053,
      rejected: 3146,
      rejectedReasons: { 'STANDARD network tier': 3085, 'duplicate pair': 61 },
    });
    // row 3: azure:germanywestcentral → aws:eu-west-2, received 9374196843.988937 bits/s
    expect(
      await query(
        `SELECT gbit_per_s::text AS g FROM throughput_measurements WHERE src_region = 'germanywestcentral' AND dst_region = 'eu-west-2'`,
      ),
    ).toEqual([{ g: '9.374196843988937' }]);
    const egress = await importFile('skyplane-egress', 'latency/skyplane/egress_cost_per_gb.csv');
    expect(egress).toMatchObject({ records: 3969, rejected: 0 });
    const transfer = await importFile('aws-transfer-costs', 'latency/skyplane/aws_transfer_costs.csv');
    expect(transfer).toMatchObject({ provider: 'aws', records: 674, rejected: 0 });
    // us-gov-east-1,internet,0.155
    expect(
      await query(
        `SELECT destination, price_per_gb::text AS p FROM egress_prices WHERE source = 'aws-transfer-costs' AND src_region = 'us-gov-east-1' AND destination = 'INTERNET'`,
      ),
    ).toEqual([{ destination: 'INTERNET', p: '0.155' }]);
    expect(
      await query(`SELECT destination, count(*)::int AS n FROM egress_prices GROUP BY 1 ORDER BY 1`),
    ).toEqual([
      { destination: 'INTERNET', n: 26 },
      { destination: 'OTHER_PROVIDER', n: 2574 },
      { destination: 'SAME_PROVIDER', n: 1395 + 648 },
    ]);
  });

  it('carbon: Google’s figures update GCP regions, CCF never overrides them', async () => {
    const gcp = await importFile('gcp-carbon', 'carbon/gcp-region-carbon-info/2024.csv');
    expect(gcp).toMatchObject({ provider: 'gcp', records: 44, rejected: 2 });
    const ccf = await importFile('ccf-carbon', 'carbon/ccf_emission_factors_by_region.csv');
    expect(ccf).toMatchObject({
      records: 202,
      rejected: 103,
      rejectedReasons: {
        'unknown region': 46,
        'not grid basis': 42,
        'unknown provider': 12,
        'not a region': 3,
      },
    });
    const [version] = await query<{ metadata: { rows: Record<string, number> } }>(
      `SELECT metadata FROM catalog_versions WHERE id = $1`,
      [ccf.catalogVersionId],
    );
    expect(version.metadata.rows).toEqual({ regionCarbonUpdated: 65, regionCarbonKeptStronger: 34 });
    // 2024.csv: europe-west3,Frankfurt,0.68,275.82 (CCF's 269.0 does not replace it)
    expect(
      await query(
        `SELECT carbon_gco2e_per_kwh::text AS c, carbon_source FROM regions WHERE code = 'europe-west3'`,
      ),
    ).toEqual([{ c: '275.82', carbon_source: 'gcp-region-carbon-info 2024' }]);
  });

  it('a failing import leaves the previous version’s rows serving', async () => {
    const first = await importFile('jurisdictions-csv', 'jurisdiction/jurisdiction_seed.csv');
    const ds = db.database.dataSource;
    const failing = new ReferenceImportService(ds, new CatalogVersionRepository(ds), new FailingRepository());
    const csv =
      'country_iso2,country,eu_member,eea_member,eu_gdpr_adequacy,primary_regime\nDE,Germany,true,true,n/a (EEA),EU GDPR\n';
    await expect(
      failing.importReference({
        format: 'jurisdictions-csv',
        source: bufferSource('two.csv', csv),
        createdBy: 'test',
      }),
    ).rejects.toThrow('disk full (simulated)');
    expect(await query(`SELECT count(*)::int AS n FROM jurisdictions`)).toEqual([{ n: 63 }]);
    expect(
      await query(`SELECT status FROM catalog_versions WHERE id = $1`, [first.catalogVersionId]),
    ).toEqual([{ status: 'ACTIVE' }]);
    expect(await query(`SELECT status, error FROM catalog_versions WHERE source = 'two.csv'`)).toEqual([
      { status: 'FAILED', error: 'disk full (simulated)' },
    ]);
  });

  it('a file of another format fails in detect before any version is created', async () => {
    const before = await query(`SELECT count(*)::int AS n FROM catalog_versions`);
    await expect(importFile('jurisdictions-csv', 'sla/compute_slas.csv')).rejects.toThrow(
      /compute_slas\.csv is not a valid jurisdictions-csv input: missing column\(s\) country_iso2, country, eu_member/,
    );
    await expect(
      importFile('azure-locations', 'latency/azure_interregion_rtt_p95_ms_2026-07.csv'),
    ).rejects.toThrow(/not a JSON array of Azure locations/);
    expect(await query(`SELECT count(*)::int AS n FROM catalog_versions`)).toEqual(before);
  });
});
