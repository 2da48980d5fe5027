import fs from 'node:fs';
import path from 'node:path';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { CatalogVersionRepository } from '../catalog-version.repository.js';
import { collectRecords, standaloneContext } from '../importers/csv/collect-records.js';
import { createCsvImporters } from '../importers/csv-importer-registry.js';
import { fileSource } from '../importers/file-source.js';
import { ReferenceImportService } from '../reference/reference-import.service.js';
import { ReferenceRepository } from '../reference/reference.repository.js';

/** The starter ships inside the project: these tests need no ../shared. */
const STARTER = path.join(process.cwd(), 'src/catalog/starter');
const manifest = JSON.parse(fs.readFileSync(path.join(STARTER, 'manifest.json'), 'utf8')) as {
  format: string;
  file: string;
  provider?: string;
}[];
const offerImporters = new Map(createCsvImporters().map((i) => [i.format, i]));

describe('the starter catalog', () => {
  let db: TestDatabase;
  let service: ReferenceImportService;

  beforeAll(async () => {
    db = await openTestDatabase();
    const ds = db.database.dataSource;
    service = new ReferenceImportService(ds, new CatalogVersionRepository(ds), new ReferenceRepository());
  });
  afterAll(async () => db?.close());

  it('lists only files that exist, each in a known format, attributed, under 8 MB in all', () => {
    const attribution = fs.readFileSync(path.join(STARTER, 'ATTRIBUTION.md'), 'utf8');
    let bytes = 0;
    for (const entry of manifest) {
      const file = path.join(STARTER, entry.file);
      expect(fs.existsSync(file)).toBe(true);
      expect(service.handles(entry.format) || offerImporters.has(entry.format)).toBe(true);
      expect(attribution).toContain(`\`${entry.file}\``);
      bytes += fs.statSync(file).size;
    }
    expect(bytes).toBeLessThan(8 * 1024 * 1024);
    expect(manifest.map((e) => e.format).slice(0, 2)).toEqual(['providers-csv', 'regions-csv']);
  });

  it('offer files are read without a single rejected row, and define every region they price', async () => {
    for (const entry of manifest.filter((e) => offerImporters.has(e.format))) {
      const { accepted, rejected } = await collectRecords(
        offerImporters.get(entry.format)!,
        fileSource(path.join(STARTER, entry.file)),
        standaloneContext(entry.provider),
      );
      expect({ file: entry.file, rejected: rejected.slice(0, 3) }).toEqual({
        file: entry.file,
        rejected: [],
      });
      expect(accepted.some((r) => r.offers.length > 0)).toBe(true);
    }
  });

  it('the example on-prem site prices its instances with the cost model', async () => {
    const { accepted } = await collectRecords(
      offerImporters.get('cumulus-csv')!,
      fileSource(path.join(STARTER, 'onprem-frankfurt.cumulus.csv')),
    );
    expect(accepted[0].provider).toEqual({
      id: 'onprem-frankfurt',
      name: 'Example on-prem site, Frankfurt (example cost model)',
      kind: 'PRIVATE_CLOUD',
      headquartersCountry: 'DE',
    });
    expect(accepted[1].region).toMatchObject({
      code: 'fra1',
      countryCode: 'DE',
      latitude: 50.1109,
      longitude: 8.6821,
      pue: '1.4',
      powerPricePerKwh: '0.2',
      powerPriceCurrency: 'USD',
    });
    // gp.small: 0.0200 + 40 W / 1000 × 1.40 × 0.2000 USD/kWh = 0.0200 + 0.0112 = 0.0312 USD per hour
    expect(accepted[2].offers[0]).toMatchObject({
      instanceType: 'gp.small',
      price: '0.0312',
      currency: 'USD',
    });
    // gpu.l40s: 0.9000 + 650 / 1000 × 1.40 × 0.2000 = 0.9000 + 0.182 = 1.082
    expect(accepted[6].offers[0]).toMatchObject({ instanceType: 'gpu.l40s', price: '1.082' });
    expect(accepted[6].instanceTypes![0]).toMatchObject({
      gpuModel: 'L40S',
      gpuCount: '1',
      gpuMemoryGib: '48',
    });
    expect(accepted.every((r) => r.offers.every((o) => o.description?.startsWith('EXAMPLE')))).toBe(true);
  });

  it('reference files load in manifest order', async () => {
    const started = Date.now();
    const statuses: Record<string, string> = {};
    for (const entry of manifest.filter((e) => service.handles(e.format))) {
      const summary = await service.importReference({
        format: entry.format,
        source: fileSource(path.join(STARTER, entry.file)),
        createdBy: 'starter-test',
      });
      statuses[entry.file] = `${summary.status} ${summary.records - summary.rejected}/${summary.records}`;
    }
    expect(statuses).toMatchObject({
      'providers.csv': 'ACTIVE 4/4',
      'regions.csv': 'ACTIVE 131/131',
      'jurisdictions.csv': 'ACTIVE 63/63',
      'slas.csv': 'ACTIVE 12/12',
      'skyplane-latency.csv': 'ACTIVE 4692/4692',
    });
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(await db.database.dataSource.query(`SELECT count(*)::int AS n FROM providers`)).toEqual([
      { n: 4 },
    ]);
  });
});
