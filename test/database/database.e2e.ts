import { openTestDatabase, usingServer, type TestDatabase } from '../support/test-database.js';

describe('database', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  it('applies the migrations and keeps numeric exact', async () => {
    const rows = await db.database.dataSource.query(
      `SELECT (0.1::numeric + 0.2::numeric)::text AS sum, 12345678901234::bigint AS big`,
    );
    expect(rows[0].sum).toBe('0.3');
    expect(rows[0].big).toBe('12345678901234');
  });

  it('isolates concurrent transactions on the same backend', async () => {
    const ds = db.database.dataSource;
    await ds.query(
      `INSERT INTO providers (id, name, kind, headquarters_country) VALUES ('iso-a', 'A', 'HOSTING', 'DE')`,
    );
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const tx = ds.transaction(async (m) => {
      await m.query(`UPDATE providers SET name = 'changed' WHERE id = 'iso-a'`);
      await gate;
      throw new Error('roll back');
    });
    // A write issued while the transaction is open must not become part of it.
    const outside = ds.query(
      `INSERT INTO providers (id, name, kind, headquarters_country) VALUES ('iso-b', 'B', 'HOSTING', 'DE')`,
    );
    release();
    await expect(tx).rejects.toThrow('roll back');
    await outside;
    const rows = await ds.query(`SELECT id, name FROM providers WHERE id LIKE 'iso-%' ORDER BY id`);
    expect(rows).toEqual([
      { id: 'iso-a', name: 'A' },
      { id: 'iso-b', name: 'B' },
    ]);
  });

  // The embedded default's memory settings; a server is configured by its operator.
  (usingServer() ? it.skip : it)(
    'runs PGlite with 16MB of shared buffers and its own start parameters kept',
    async () => {
      const show = async (name: string) =>
        (await db.database.dataSource.query<Record<string, string>[]>(`SHOW ${name}`))[0][name];
      expect(await show('shared_buffers')).toBe('16MB');
      expect(await show('max_parallel_workers_per_gather')).toBe('0');
      expect(await show('exit_on_error')).toBe('off');
    },
  );
});
