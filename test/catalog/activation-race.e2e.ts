import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { startService, type RunningService } from '../../src/bootstrap.js';
import { CatalogVersionRepository } from '../../src/catalog/catalog-version.repository.js';
import type { ImportSource } from '../../src/catalog/importers/catalog-importer.js';
import { OfferImportService } from '../../src/catalog/offer-import.service.js';
import { starterDir } from '../../src/catalog/starter-catalog.service.js';
import { startTestService, type TestService } from '../support/test-service.js';
import { usingServer } from '../support/test-database.js';

const ONPREM = path.join(starterDir(), 'onprem-frankfurt.cumulus.csv');

/**
 * A source whose second reading (the import's; the first is the format check of its head)
 * stops halfway until released, so a test can act while the import runs.
 */
function gatedSource(file: string): { source: ImportSource; release: () => void; reading: Promise<void> } {
  const bytes = fs.readFileSync(file);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let started!: () => void;
  const reading = new Promise<void>((resolve) => (started = resolve));
  let opened = 0;
  return {
    release,
    reading,
    source: {
      name: file,
      open() {
        if (++opened === 1) return Readable.from([bytes]);
        return Readable.from(
          (async function* () {
            yield bytes.subarray(0, bytes.length >> 1);
            started();
            await gate;
            yield bytes.subarray(bytes.length >> 1);
          })(),
        );
      },
    },
  };
}

const offerCount = async (service: RunningService, versionId: string) =>
  Number(
    (
      await service.database.dataSource.query(
        `SELECT count(*)::int AS n FROM offers WHERE catalog_version_id = $1`,
        [versionId],
      )
    )[0].n,
  );

/**
 * A process that starts while another activates an import must not delete the rows of the
 * version just activated: the listing of IMPORTING versions and the lock check happen at
 * different instants, and the activation may fall between them.
 */
describe('abandoned-import recovery racing an activation', () => {
  let a: TestService;

  beforeAll(async () => {
    a = await startTestService({ loadStarterCatalog: false });
  });
  afterAll(async () => {
    await a.close();
  });

  it('marking FAILED leaves an ACTIVE version and all its offers alone', async () => {
    const versions = a.service.app.get(CatalogVersionRepository);
    const summary = await a.service.app.get(OfferImportService).import({
      format: 'cumulus-csv',
      sources: [{ name: ONPREM, open: () => fs.createReadStream(ONPREM) }],
      rereadable: true,
      createdBy: 'test',
    });
    expect(summary.status).toBe('ACTIVE');
    expect(summary.offers).toBeGreaterThan(0);

    expect(await versions.markFailed(summary.catalogVersionId, 'a late recovery')).toBe(false);
    const after = await versions.findById(summary.catalogVersionId);
    expect(after).toMatchObject({ status: 'ACTIVE', offers: summary.offers, error: null });
    expect(await offerCount(a.service, summary.catalogVersionId)).toBe(summary.offers);
  });

  (usingServer() ? it : it.skip)(
    'a second process listing IMPORTING versions before the activation leaves the activated version whole [server: two processes]',
    async () => {
      const b = await startService({ ...a.config, loadStarterCatalog: false, port: 0 });
      try {
        const recoverer = b.app.get(CatalogVersionRepository);
        await a.service.database.dataSource.query(`DELETE FROM catalog_versions`);
        const gated = gatedSource(ONPREM);
        const importing = a.service.app.get(OfferImportService).import({
          format: 'cumulus-csv',
          sources: [gated.source],
          rereadable: false,
          createdBy: 'test',
        });
        await gated.reading;

        // B lists the version while A's import runs (the start of the window) …
        const listed = await recoverer.importingVersionIds();
        expect(listed).toHaveLength(1);
        const [id] = listed;
        // … and cannot take it for abandoned while A holds its import lock.
        expect(await recoverer.failIfAbandoned(id)).toBe(false);

        // A finishes and activates; B's check then finds the lock free (the end of the window).
        gated.release();
        const summary = await importing;
        expect(summary).toMatchObject({ catalogVersionId: id, status: 'ACTIVE' });
        expect(await recoverer.failIfAbandoned(id)).toBe(false);

        const version = await recoverer.findById(id);
        expect(version).toMatchObject({ status: 'ACTIVE', offers: summary.offers, error: null });
        expect(await offerCount(a.service, id)).toBe(summary.offers);
      } finally {
        await b.close();
      }
    },
  );
});
