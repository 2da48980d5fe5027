import { parse } from 'csv-parse/sync';
import {
  checkColumnTotal,
  FOCUS_EXPORT_COLUMNS,
  findOverlappingChargePeriods,
  validateFocusRows,
} from '../../src/domain/finance/index.js';
import { ApiKeyService } from '../../src/auth/api-key.service.js';
import { AccrualService } from '../../src/finance/accrual.service.js';
import { startTestService, type TestService } from '../support/test-service.js';
import { seedShopMarch, withoutScheduledAccrual } from './finance-factories.js';

/** The March scenario of finance-factories (189.3212 USD over 33 rows), exported over HTTP. */
describe('GET /export/focus.csv', () => {
  let t: TestService;
  const get = (query: string, key: string | null = t.keys.reader) =>
    fetch(`${t.url}/export/focus.csv?${query}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });

  beforeAll(async () => {
    withoutScheduledAccrual();
    // A small page forces the export through many keyset pages.
    process.env.CUMULUS_FOCUS_EXPORT_PAGE_ROWS = '7';
    t = await startTestService({ loadStarterCatalog: false });
    await seedShopMarch(t.service.database.dataSource);
    await t.service.app.get(AccrualService).accrueRange('2026-03-01', '2026-03-31');
  });
  afterAll(() => t.close());

  it('streams FOCUS 1.2 columns that pass the column rules and sum to the ledger', async () => {
    const response = await get('from=2026-03-01&to=2026-04-01T00:00:00Z');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="cumulus-focus-estimated-2026-03-01-2026-04-01.csv"',
    );
    const text = await response.text();
    expect(text.endsWith('\r\n')).toBe(true);
    const parsed: string[][] = parse(text, { relax_column_count: false });
    const [header, ...records] = parsed;
    expect(header).toEqual(FOCUS_EXPORT_COLUMNS);
    const rows = records.map((r) => Object.fromEntries(header.map((c, i) => [c, r[i] === '' ? null : r[i]])));
    expect(rows).toHaveLength(33);
    expect(validateFocusRows(rows)).toEqual([]);
    expect(findOverlappingChargePeriods(rows)).toEqual([]);
    expect(checkColumnTotal(rows, 'BilledCost', '189.3212')).toBeNull();
    expect(checkColumnTotal(rows, 'EffectiveCost', '189.3212')).toBeNull();
    // rows come in (ChargePeriodStart, id) order, each key once: the pages neither skip nor repeat
    const starts = rows.map((r) => r.ChargePeriodStart!);
    expect([...starts].sort()).toEqual(starts);
    expect(new Set(rows.map((r) => r.x_IdempotencyKey)).size).toBe(33);
    expect(rows.find((r) => r.ChargePeriodStart === '2026-03-15T12:00:00Z')).toMatchObject({
      ChargePeriodEnd: '2026-03-16T00:00:00Z',
      ProviderName: 'AWS',
      RegionId: 'eu-west-1',
      PricingQuantity: '24',
      ListUnitPrice: '0.2',
      BilledCost: '4.8',
      BillingPeriodStart: '2026-03-01T00:00:00Z',
      BillingPeriodEnd: '2026-04-01T00:00:00Z',
      Tags: '{"team":"web"}',
      x_Basis: 'ESTIMATED',
    });
  });

  it('answers 401 without a key or with an unknown key, before sending anything', async () => {
    const none = await get('from=2026-03-01&to=2026-04-01', null);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await get('from=2026-03-01&to=2026-04-01', 'cmk_not-a-key')).status).toBe(401);
  });

  it('validates the dates and the basis', async () => {
    for (const query of [
      'to=2026-04-01',
      'from=2026-03-01&to=2026-02-01',
      'from=2026-03-01T00:00:00&to=2026-04-01',
      'from=2026-02-30&to=2026-04-01',
      'from=2026-03-01&to=2026-04-01&basis=GUESSED',
    ]) {
      const response = await get(query);
      expect([query, response.status]).toEqual([query, 400]);
      expect(await response.json()).toMatchObject({ code: 'BAD_USER_INPUT' });
    }
  });

  it("exports only the basis asked for, and only the key's tenant", async () => {
    const actual = await (await get('from=2026-03-01&to=2026-04-01&basis=ACTUAL')).text();
    expect(actual.split('\r\n').filter(Boolean)).toHaveLength(1);
    const other = await t.service.app.get(ApiKeyService).create('reader', 'other tenant', 'test', 'other');
    const otherTenant = await (await get('from=2026-03-01&to=2026-04-01', other.key)).text();
    expect(otherTenant.split('\r\n').filter(Boolean)).toHaveLength(1);
  });
});
