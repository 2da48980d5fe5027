import type { ParsedOffer } from '../../src/catalog/importers/catalog-importer.js';
import { OfferWriter } from '../../src/catalog/offer-writer.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';

const offer = (i: number): ParsedOffer => ({
  providerId: 'writer-test',
  regionCode: null,
  service: 'svc',
  serviceCategory: 'COMPUTE',
  resourceKind: 'INSTANCE',
  sku: `sku-${i}`,
  instanceType: null,
  os: null,
  purchaseOption: 'ON_DEMAND',
  unit: 'HOUR',
  unitRaw: 'Hrs',
  price: `0.${i}1`,
  currency: 'USD',
  attributes: { note: `a "quoted", multi\nline value ${i}` },
});

describe('OfferWriter (one COPY batch in flight while the next fills)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  it('writes every row of every batch, CSV-quoted values intact, once flushed', async () => {
    const ds = db.database.dataSource;
    const [{ id }] = await ds.query<{ id: string }[]>(
      `INSERT INTO catalog_versions (provider_id, format, scope_key, source, status)
       VALUES ('aws', 'writer-test', 'writer-test/ok', 'test', 'IMPORTING') RETURNING id`,
    );
    const writer = new OfferWriter(ds, id, 2);
    for (let i = 0; i < 5; i++) await writer.addOffer(offer(i), `0.${i}1`);
    await writer.flush();
    const rows = await ds.query<{ sku: string; price: string; note: string }[]>(
      `SELECT sku, price::text AS price, attributes->>'note' AS note FROM offers WHERE catalog_version_id = $1 ORDER BY sku`,
      [id],
    );
    expect(rows.map((r) => r.sku)).toEqual(['sku-0', 'sku-1', 'sku-2', 'sku-3', 'sku-4']);
    expect(rows[3]).toEqual({ sku: 'sku-3', price: '0.31', note: 'a "quoted", multi\nline value 3' });
  });

  it('fails the next add or the flush when a batch in flight fails, and abandon() settles it', async () => {
    // No such catalog version: the first batch's COPY breaks the foreign key.
    const writer = new OfferWriter(db.database.dataSource, '987654321', 2);
    const writing = (async () => {
      for (let i = 0; i < 5; i++) await writer.addOffer(offer(i), null);
      await writer.flush();
    })();
    await expect(writing).rejects.toThrow(/foreign key/);
    await expect(writer.abandon()).resolves.toBeUndefined();
  });
});
