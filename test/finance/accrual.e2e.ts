import type { DataSource } from 'typeorm';
import { AccrualService } from '../../src/finance/accrual.service.js';
import { aggregateSpend, type SpendRow } from '../../src/domain/finance/index.js';
import { startTestService, type TestService } from '../support/test-service.js';
import { seedShopMarch, withoutScheduledAccrual } from './finance-factories.js';

/*
 * March 2026, worked by hand:
 *  - catalog: AWS m5.large 0.192 $/h (version activated 02-01), 0.2 $/h from the version activated 03-15 12:00;
 *    GCP e2-micro 0.0104 $/h.
 *  - "shop": 2 × m5.large from 03-01 00:00, migrated to GCP at 03-20 09:30 (3 × e2-micro from then on).
 *  AWS 03-01 00:00 → 03-15 12:00: 348 h × 2 × 0.192 = 133.632
 *  AWS 03-15 12:00 → 03-20 09:30: 117.5 h × 2 × 0.2 = 47
 *  GCP 03-20 09:30 → 04-01 00:00: 278.5 h × 3 × 0.0104 = 8.6892
 *  March = 189.3212; 03-15 = 4.608 + 4.8 = 9.408; 03-20 = 3.8 + 0.4524 = 4.2524.
 */
describe('daily accrual through the database', () => {
  let t: TestService;
  let ds: DataSource;
  let accrual: AccrualService;

  const ledgerTotal = async (from: string, to: string) =>
    (
      await ds.query<{ total: string; rows: number }[]>(
        `SELECT COALESCE(sum(billed_cost), 0)::text AS total, count(*)::int AS rows FROM cost_ledger
         WHERE basis = 'ESTIMATED' AND charge_period_start >= $1 AND charge_period_start < $2`,
        [from, to],
      )
    )[0];

  beforeAll(async () => {
    withoutScheduledAccrual();
    t = await startTestService({ loadStarterCatalog: false });
    ds = t.service.database.dataSource;
    accrual = t.service.app.get(AccrualService);
    await seedShopMarch(ds);
  });
  afterAll(() => t.close());

  it('accrues a month across a price change and a migration with exact sums', async () => {
    const run = await accrual.accrueRange('2026-03-01', '2026-03-31');
    expect(run.days).toHaveLength(31);
    expect(run.billedCost).toBe('189.3212');
    expect(run.days.find((d) => d.day === '2026-03-15')).toMatchObject({ rows: 2, billedCost: '9.408' });
    expect(run.days.find((d) => d.day === '2026-03-20')).toMatchObject({ rows: 2, billedCost: '4.2524' });
    // PostgreSQL's own SUM(numeric) agrees to the last digit
    expect(await ledgerTotal('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z')).toEqual({
      total: '189.3212',
      rows: 33,
    });
  });

  it('re-running a day, or the whole month, replaces it: nothing is counted twice', async () => {
    await accrual.accrueRange('2026-03-15', '2026-03-15');
    await accrual.accrueRange('2026-03-01', '2026-03-31');
    expect(await ledgerTotal('2026-03-15T00:00:00Z', '2026-03-16T00:00:00Z')).toEqual({
      total: '9.408',
      rows: 2,
    });
    expect(await ledgerTotal('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z')).toEqual({
      total: '189.3212',
      rows: 33,
    });
    const keys: { n: number }[] = await ds.query(
      `SELECT count(*)::int AS n FROM cost_ledger WHERE basis = 'ESTIMATED' GROUP BY idempotency_key HAVING count(*) > 1`,
    );
    expect(keys).toEqual([]);
  });

  it('catches up every day not accrued yet, up to yesterday', async () => {
    const run = await accrual.catchUp(new Date('2026-04-03T00:05:00Z'));
    expect(run?.days.map((d) => d.day)).toEqual(['2026-04-01', '2026-04-02']);
    // 2 days × 24 h × 3 × 0.0104 = 1.4976
    expect(run?.billedCost).toBe('1.4976');
    expect((await accrual.catchUp(new Date('2026-04-03T09:00:00Z')))?.days).toEqual([]);
  });

  it('refuses a day that is not over yet, and a range the wrong way round', async () => {
    await expect(accrual.accrueRange('2026-03-02', '2026-03-01')).rejects.toThrow(/before from/);
    const today = new Date().toISOString().slice(0, 10);
    await expect(accrual.accrueRange(today, today)).rejects.toThrow(/once it is over/);
  });

  it('spend (one SQL aggregate) equals the pure aggregateSpend over the same ledger rows', async () => {
    const rows = await ds.query<Record<string, unknown>[]>(
      `SELECT charge_period_start, charge_period_end, provider_name, region_id, region_name, workload_id::text AS workload_id,
              service_category, tags, billing_currency, billed_cost::text AS billed, effective_cost::text AS effective,
              list_cost::text AS list
       FROM cost_ledger WHERE basis = 'ESTIMATED'`,
    );
    const spendRows: SpendRow[] = rows.map((r) => ({
      chargePeriodStart: (r.charge_period_start as Date).toISOString(),
      chargePeriodEnd: (r.charge_period_end as Date).toISOString(),
      providerName: r.provider_name as string,
      regionId: r.region_id as string | null,
      regionName: r.region_name as string | null,
      workloadId: r.workload_id as string | null,
      serviceCategory: 'COMPUTE',
      tags: r.tags as Record<string, string>,
      billingCurrency: r.billing_currency as string,
      billedCost: r.billed as string,
      effectiveCost: r.effective as string,
      listCost: r.list as string | null,
    }));
    const cases: [string, string, string | null][] = [
      ['[PROVIDER]', 'MONTH', null],
      ['[REGION, WORKLOAD]', 'DAY', null],
      ['[SERVICE_CATEGORY, TAG]', 'MONTH', 'team'],
      ['[]', 'DAY', null],
    ];
    for (const [groupBy, granularity, tagKey] of cases) {
      const { body } = await t.graphql<{
        spend: {
          key: Record<string, string | null>;
          period: string;
          billedCost: string;
          listCost: string;
          currency: string;
        }[];
      }>(
        `query($tagKey: String) { spend(from: "2026-03-01T00:00:00Z", to: "2026-04-03T00:00:00Z", groupBy: ${groupBy},
           granularity: ${granularity}, tagKey: $tagKey) {
           key { provider region workload serviceCategory tag } period billedCost effectiveCost listCost currency } }`,
        { tagKey },
      );
      expect(body.errors).toBeUndefined();
      const dims = JSON.parse(groupBy.replace(/(\w+)/g, '"$1"')) as string[];
      const expected = aggregateSpend(spendRows, {
        groupBy: dims.map((d) => (d === 'TAG' ? { tag: tagKey! } : (d as 'PROVIDER'))),
        granularity: granularity as 'DAY' | 'MONTH',
        metric: 'BILLED',
      });
      const field = {
        PROVIDER: 'provider',
        REGION: 'region',
        WORKLOAD: 'workload',
        SERVICE_CATEGORY: 'serviceCategory',
      };
      expect(
        body.data!.spend.map((s) => [
          s.period,
          dims.map((d) => s.key[d === 'TAG' ? 'tag' : field[d as 'REGION']]),
          s.currency,
          s.billedCost,
        ]),
      ).toEqual(expected.map((g) => [g.period, Object.values(g.keys), g.currency, g.amount]));
    }
  });

  it('answers spend by provider and month from the ledger, reader role', async () => {
    const { body } = await t.graphql<{ spend: unknown[] }>(
      `{ spend(from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z", groupBy: [PROVIDER]) {
           key { provider } period billedCost effectiveCost listCost currency rowCount } }`,
    );
    expect(body.data?.spend).toEqual([
      {
        key: { provider: 'AWS' },
        period: '2026-03',
        billedCost: '180.632',
        effectiveCost: '180.632',
        listCost: '180.632',
        currency: 'USD',
        rowCount: 21,
      },
      {
        key: { provider: 'Google Cloud' },
        period: '2026-03',
        billedCost: '8.6892',
        effectiveCost: '8.6892',
        listCost: '8.6892',
        currency: 'USD',
        rowCount: 12,
      },
    ]);
  });

  it('lets only an admin accrue on demand', async () => {
    const mutation =
      'mutation { accrueCosts(from: "2026-03-15", to: "2026-03-15") { days { day rows billedCost } billedCost } }';
    expect((await t.graphql(mutation, undefined, t.keys.operator)).body.errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    const { body } = await t.graphql(mutation, undefined, t.keys.admin);
    expect(body.data).toEqual({
      accrueCosts: { days: [{ day: '2026-03-15', rows: 2, billedCost: '9.408' }], billedCost: '9.408' },
    });
  });
});
