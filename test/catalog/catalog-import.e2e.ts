import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CatalogImportService } from '../../src/catalog/catalog-import.service.js';
import { ImportFormatError } from '../../src/catalog/importers/catalog-importer.js';
import { ImportFailedError } from '../../src/catalog/offer-import.service.js';
import { describeWithSharedData, sharedFile } from '../support/shared-data.js';
import { startTestService, type TestService } from '../support/test-service.js';

const SPOT = 'price-formats/aws-other/aws-website-spot-2026-08.json';
const PRICING_PAGE = 'price-formats/aws-other/aws-website-ec2-ondemand-us-east-1-linux-2026-08-06.json';

/**
 * The import pipeline on the real samples, through the same service the CLI and GraphQL
 * use, on a catalog holding the starter's reference data (providers, regions, aliases).
 */
describeWithSharedData('catalog import pipeline on real samples', () => {
  let t: TestService;
  let imports: CatalogImportService;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cumulus-import-'));
  const run = (format: string, files: string[]) =>
    imports.import({ format, files, createdBy: 'test', urlAllowList: [] });
  const versionsCount = async () =>
    Number(
      (await t.service.database.dataSource.query(`SELECT count(*)::int AS n FROM catalog_versions`))[0].n,
    );

  beforeAll(async () => {
    t = await startTestService();
    imports = t.service.app.get(CatalogImportService);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('accounts for every spot-feed cell: imported, or rejected with a reason (incl. regions the catalog does not know)', async () => {
    // Read off the file with python: 43,182 region/size/OS cells; 7,059 without a price (N/A*)
    // or listed twice in a region; 1,260 priced cells in 9 regions absent from the region
    // catalog (ap-east-2 and eight Local Zones such as us-east-1-atl-1).
    const summary = await run('aws-spot-feed', [sharedFile(SPOT)]);
    expect(summary).toMatchObject({
      status: 'ACTIVE',
      provider: 'aws',
      records: 43_182,
      offers: 34_863,
      rejected: 8_319,
    });
    expect(summary.rejectedReasons['unknown region']).toBe(1_260);
    expect(summary.records).toBe(summary.offers + summary.rejected);
    const [rejection] = await t.service.database.dataSource.query(
      `SELECT position, reason FROM catalog_rejections WHERE catalog_version_id = $1 AND reason LIKE 'unknown region%' ORDER BY seq LIMIT 1`,
      [summary.catalogVersionId],
    );
    expect(rejection.position).toContain('ap-east-2');

    const again = await run('aws-spot-feed', [sharedFile(SPOT)]);
    expect(again).toMatchObject({
      status: 'UNCHANGED',
      catalogVersionId: summary.catalogVersionId,
      records: 0,
    });
  });

  it('keeps each scope apart: the pricing page does not supersede the spot feed', async () => {
    const page = await run('aws-pricing-page', [sharedFile(PRICING_PAGE)]);
    expect(page).toMatchObject({
      status: 'ACTIVE',
      records: 1_322,
      offers: 1_322,
      rejected: 0,
      supersededVersionId: null,
    });
    const spot = await t.graphql<{ catalogVersions: { format: string; status: string }[] }>(
      `{ catalogVersions(provider: "aws") { format status } }`,
    );
    expect(
      spot.body
        .data!.catalogVersions.filter((v) => v.status === 'ACTIVE')
        .map((v) => v.format)
        .sort(),
    ).toEqual(expect.arrayContaining(['aws-pricing-page', 'aws-spot-feed']));
  });

  it('refuses a file of another format before writing anything', async () => {
    const before = await versionsCount();
    await expect(run('aws-spot-feed', [sharedFile(PRICING_PAGE)])).rejects.toThrow(ImportFormatError);
    await expect(run('aws-spot-feed', [sharedFile('regions/region_catalog_seed.csv')])).rejects.toThrow(
      /not a valid aws-spot-feed/,
    );
    expect(await versionsCount()).toBe(before);
  });

  it('fails a truncated file as a whole, marks the version FAILED and leaves the active one serving', async () => {
    const truncated = path.join(work, 'spot-truncated.json');
    const bytes = fs.readFileSync(sharedFile(SPOT));
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const error = await run('aws-spot-feed', [truncated]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFailedError);
    const failed = (error as ImportFailedError).summary;
    expect(failed.status).toBe('FAILED');
    const rows = await t.service.database.dataSource.query(
      `SELECT status, offers, error FROM catalog_versions WHERE id = $1`,
      [failed.catalogVersionId],
    );
    expect(rows[0]).toMatchObject({ status: 'FAILED', offers: 0 });
    expect(rows[0].error).toContain(truncated);
    const [{ n }] = await t.service.database.dataSource.query(
      `SELECT count(*)::int AS n FROM offers o JOIN catalog_versions v ON v.id = o.catalog_version_id
       WHERE v.format = 'aws-spot-feed' AND v.status = 'ACTIVE'`,
    );
    expect(n).toBe(34_863);
  });

  it('rejects bad rows of a 10,000-row file at their positions and imports the rest', async () => {
    const file = path.join(work, 'hoster.csv');
    const bad = new Map<number, string>([
      [103, '-0.5'],
      [2_500, 'NaN'],
      [5_001, 'abc'],
      [9_998, ''],
    ]);
    const lines = [
      'record,provider,region,name,kind,country,latitude,longitude,vcpu,memory_gib,price_per_hour,currency',
      'provider,test-hoster,,Test hoster (fixture),HOSTING,NL,,,,,,',
      'region,test-hoster,ams1,Amsterdam (fixture),,NL,52.37,4.90,,,,',
    ];
    for (let row = lines.length + 1; row <= 10_000; row++) {
      const price = bad.get(row) ?? (0.01 + (row % 97) / 1000).toFixed(4);
      const region = row === 7_777 ? 'nowhere' : 'ams1';
      lines.push(
        `instance,test-hoster,${region},t.${row},,,,,${1 + (row % 8)},${2 * (1 + (row % 8))},${price},EUR`,
      );
    }
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const summary = await run('cumulus-csv', [file]);
    // 9,999 data rows: the provider and region rows (no offers), 5 bad rows, 9,992 instances.
    expect(summary).toMatchObject({
      status: 'ACTIVE',
      provider: 'test-hoster',
      records: 9_999,
      rejected: 5,
      offers: 9_992,
    });
    const positions = await t.service.database.dataSource.query(
      `SELECT position FROM catalog_rejections WHERE catalog_version_id = $1 ORDER BY seq`,
      [summary.catalogVersionId],
    );
    expect(positions.map((p: { position: string }) => p.position)).toEqual([
      'row 103',
      'row 2500',
      'row 5001',
      'row 7777',
      'row 9998',
    ]);
    // EUR prices keep their currency; without an FX rate they have no USD price, and say so.
    expect(summary.warnings).toEqual([expect.stringContaining('no FX rate for EUR')]);
  });
});
