import {
  aggregateSpend,
  type CostMetric,
  type SpendDimension,
  type SpendRow,
} from '../../src/domain/finance/index.js';
import { serviceCategoryFromFocusName } from '../../src/domain/finance/index.js';
import {
  BILLED_BY_SERVICE_CATEGORY,
  BY_PROVIDER,
  EFFECTIVE_BY_SERVICE_CATEGORY,
} from '../support/focus-sample-totals.js';
import { describeWithSharedData, sharedFile } from '../support/shared-data.js';
import { startTestService, type TestService } from '../support/test-service.js';
import { withoutScheduledAccrual } from './finance-factories.js';

/*
 * The real 1,000-row FOCUS 1.0 sample. Expected figures (test/support/focus-sample-totals.ts) were
 * read off the file with Python's Decimal (outside the code under test); here they must come back
 * through the database: import → cost_ledger (ACTUAL) → spend(basis: ACTUAL), one SQL aggregate.
 */

interface SpendAnswer {
  spend: {
    key: {
      provider: string | null;
      region: string | null;
      workload: string | null;
      serviceCategory: string | null;
      tag: string | null;
    };
    period: string;
    billedCost: string;
    effectiveCost: string;
    listCost: string | null;
    currency: string;
    rowCount: number;
  }[];
}

const IMPORT = `mutation($path: String, $account: String) {
  importFocus(input: { path: $path, account: $account }) {
    status importId checksum rows rejected warnings rejections { rowNumber reason }
    totals { currency billedCost effectiveCost listCost } } }`;

describeWithSharedData(
  'FOCUS import of the real 1,000-row sample, read back through spend(basis: ACTUAL)',
  () => {
    let t: TestService;
    const file = sharedFile('focus/focus_sample_1000.csv');
    const spend = async (groupBy: string, extra = '') => {
      const { body } = await t.graphql<SpendAnswer>(
        `{ spend(from: "2024-01-01T00:00:00Z", to: "2025-01-01T00:00:00Z", basis: ACTUAL, groupBy: ${groupBy} ${extra}) {
           key { provider region workload serviceCategory tag } period billedCost effectiveCost listCost currency rowCount } }`,
      );
      expect(body.errors).toBeUndefined();
      return body.data!.spend;
    };

    beforeAll(async () => {
      withoutScheduledAccrual();
      t = await startTestService({ loadStarterCatalog: false });
    });
    afterAll(() => t.close());

    it('imports every row as ACTUAL cost for the account, all in one transaction (admin only)', async () => {
      const denied = await t.graphql(IMPORT, { path: file, account: 'acme-payer' }, t.keys.operator);
      expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const { body } = await t.graphql(IMPORT, { path: file, account: 'acme-payer' }, t.keys.admin);
      expect(body.errors).toBeUndefined();
      expect(body.data).toMatchObject({
        importFocus: {
          status: 'IMPORTED',
          rows: 1000,
          rejected: 0,
          rejections: [],
          totals: [
            {
              currency: 'USD',
              billedCost: '20.52022672899',
              effectiveCost: '14.97651418586',
              listCost: '20.39090575119',
            },
          ],
        },
      });
      const [row] = await t.service.database.dataSource.query<
        { n: number; accounts: number; account: string }[]
      >(
        `SELECT count(*)::int AS n, count(DISTINCT provider_account)::int AS accounts, min(provider_account) AS account
       FROM cost_ledger WHERE basis = 'ACTUAL'`,
      );
      expect(row).toEqual({ n: 1000, accounts: 1, account: 'acme-payer' });
    });

    it.each<CostMetric>(['BILLED', 'EFFECTIVE', 'LIST'])(
      'totals %s cost per provider exactly',
      async (metric) => {
        const field = { BILLED: 'billedCost', EFFECTIVE: 'effectiveCost', LIST: 'listCost' } as const;
        const rows = await spend('[PROVIDER]');
        expect(rows.every((r) => r.period === '2024-09' && r.currency === 'USD')).toBe(true);
        expect(Object.fromEntries(rows.map((r) => [r.key.provider, r[field[metric]]]))).toEqual(
          BY_PROVIDER[metric],
        );
        expect(rows.map((r) => r.rowCount)).toEqual([942, 51, 7]);
      },
    );

    it('totals billed and effective cost per ServiceCategory exactly', async () => {
      const rows = await spend('[SERVICE_CATEGORY]');
      expect(Object.fromEntries(rows.map((r) => [r.key.serviceCategory, r.billedCost]))).toEqual(
        BILLED_BY_SERVICE_CATEGORY,
      );
      expect(Object.fromEntries(rows.map((r) => [r.key.serviceCategory, r.effectiveCost]))).toEqual(
        EFFECTIVE_BY_SERVICE_CATEGORY,
      );
    });

    it('agrees with the pure aggregateSpend on the same rows, nulls included (Oracle has no RegionId, bills no workload)', async () => {
      const ledger = await t.service.database.dataSource.query<Record<string, unknown>[]>(
        `SELECT charge_period_start, charge_period_end, provider_name, region_id, region_name, service_category, tags,
              billing_currency, billed_cost::text AS billed, effective_cost::text AS effective, list_cost::text AS list
       FROM cost_ledger WHERE basis = 'ACTUAL'`,
      );
      const rows: SpendRow[] = ledger.map((r) => ({
        chargePeriodStart: (r.charge_period_start as Date).toISOString(),
        chargePeriodEnd: (r.charge_period_end as Date).toISOString(),
        providerName: r.provider_name as string,
        regionId: r.region_id as string | null,
        regionName: r.region_name as string | null,
        workloadId: null,
        serviceCategory: serviceCategoryFromFocusName(r.service_category as string)!,
        tags: r.tags as Record<string, string>,
        billingCurrency: r.billing_currency as string,
        billedCost: r.billed as string,
        effectiveCost: r.effective as string,
        listCost: r.list as string | null,
      }));
      const cases: [string, SpendDimension[], string][] = [
        ['[REGION, WORKLOAD]', ['REGION', 'WORKLOAD'], ''],
        ['[TAG, PROVIDER]', [{ tag: 'environment' }, 'PROVIDER'], 'tagKey: "environment"'],
        ['[REGION]', ['REGION'], 'granularity: DAY'],
      ];
      for (const [groupBy, dimensions, extra] of cases) {
        const answer = await spend(groupBy, extra);
        const granularity = extra.includes('DAY') ? 'DAY' : 'MONTH';
        for (const metric of ['BILLED', 'LIST'] as const) {
          const expected = aggregateSpend(rows, { groupBy: dimensions, granularity, metric });
          const pick = (r: SpendAnswer['spend'][number]) => (metric === 'BILLED' ? r.billedCost : r.listCost);
          const keyOf = (r: SpendAnswer['spend'][number]) =>
            dimensions.map((d) =>
              typeof d !== 'string'
                ? r.key.tag
                : d === 'REGION'
                  ? r.key.region
                  : d === 'WORKLOAD'
                    ? r.key.workload
                    : r.key.provider,
            );
          expect(answer.map((r) => [r.period, keyOf(r), r.currency, pick(r)])).toEqual(
            expected.map((g) => [g.period, Object.values(g.keys), g.currency, g.amount]),
          );
        }
      }
    });

    it('re-importing the same file is a no-op (same checksum)', async () => {
      const { body } = await t.graphql<{ importFocus: { status: string; rows: number } }>(
        IMPORT,
        { path: file, account: 'another-name' },
        t.keys.admin,
      );
      expect(body.data?.importFocus).toMatchObject({ status: 'UNCHANGED', rows: 1000 });
      const [row] = await t.service.database.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM cost_ledger WHERE basis = 'ACTUAL'`,
      );
      expect(row.n).toBe(1000);
    });

    it('shows the imported bill beside the (empty) estimate, with the difference', async () => {
      const { body } = await t.graphql<{
        spendComparison: {
          key: { provider: string };
          estimated: { billedCost: string | null };
          actual: { billedCost: string };
          difference: { billedCost: string };
        }[];
      }>(
        `{ spendComparison(from: "2024-09-01T00:00:00Z", to: "2024-10-01T00:00:00Z", groupBy: [PROVIDER]) {
           key { provider } estimated { billedCost } actual { billedCost } difference { billedCost } } }`,
      );
      expect(body.data?.spendComparison[0]).toEqual({
        key: { provider: 'AWS' },
        estimated: { billedCost: null },
        actual: { billedCost: '18.0066386184' },
        difference: { billedCost: '18.0066386184' },
      });
    });

    it('refuses a file with a rejected row as a whole, naming the row; allowRejected imports the rest', async () => {
      const header =
        'BilledCost,EffectiveCost,ListCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ProviderName,ServiceCategory';
      const form = (allowRejected: boolean) => {
        const body = new FormData();
        body.append(
          'operations',
          JSON.stringify({
            query: `mutation($file: Upload!) { importFocus(input: { upload: $file, account: "small", allowRejected: ${allowRejected} }) {
                    status rows rejected rejections { rowNumber reason } totals { billedCost } } }`,
            variables: { file: null },
          }),
        );
        body.append('map', JSON.stringify({ 0: ['variables.file'] }));
        const csv = [
          header,
          '1.50,1.25,2,USD,2024-10-01 00:00:00,2024-10-01 01:00:00,Usage,Acme Cloud,Compute',
          '1.5x,1,1,USD,2024-10-01 00:00:00,2024-10-01 01:00:00,Usage,Acme Cloud,Compute',
          '0.25,0.25,0.25,USD,2024-10-01 01:00:00,2024-10-01 02:00:00,Usage,Acme Cloud,Storage',
        ].join('\n');
        body.append('0', new Blob([csv + (allowRejected ? '\n' : '')], { type: 'text/csv' }), 'small.csv');
        return fetch(`${t.url}/graphql`, {
          method: 'POST',
          headers: { authorization: `Bearer ${t.keys.admin}`, 'apollo-require-preflight': 'true' },
          body,
        }).then(
          (r) => r.json() as Promise<{ data?: { importFocus: Record<string, unknown> }; errors?: unknown }>,
        );
      };
      const refused = await form(false);
      expect(refused.errors).toBeUndefined();
      expect(refused.data?.importFocus).toMatchObject({
        status: 'REJECTED',
        rows: 0,
        rejected: 1,
        rejections: [
          { rowNumber: 3, reason: expect.stringContaining('BilledCost "1.5x" is not a decimal') as string },
        ],
      });
      const acme = async () => (await spend('[PROVIDER]')).filter((r) => r.key.provider === 'Acme Cloud');
      expect(await acme()).toEqual([]);
      // The same bytes plus a final newline: a different checksum, imported without the bad row.
      const partial = await form(true);
      expect(partial.data?.importFocus).toMatchObject({
        status: 'IMPORTED',
        rows: 2,
        rejected: 1,
        totals: [{ billedCost: '1.75' }],
      });
      expect((await acme()).map((r) => [r.period, r.billedCost])).toEqual([['2024-10', '1.75']]);
    });
  },
);
