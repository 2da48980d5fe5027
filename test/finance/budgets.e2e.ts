import type { DataSource } from 'typeorm';
import { AccrualService } from '../../src/finance/accrual.service.js';
import { BudgetService } from '../../src/finance/budget.service.js';
import { startTestService, type TestService } from '../support/test-service.js';
import {
  activateVersion,
  insertDeployment,
  insertWorkload,
  M5_LARGE,
  seedProviders,
  withoutScheduledAccrual,
} from './finance-factories.js';

/*
 * 2 × m5.large at 0.192 $/h from 2026-03-01 = 9.216 $ a day. Budget "aws" of 200 $/month on AWS,
 * thresholds 50 / 80 / 100 / 150 % = 100 / 160 / 200 / 300 $.
 *  - accrued to 03-11, evaluated 03-12 06:00: actual 11 × 9.216 = 101.376 (≥ 100, crossed at the end of
 *    03-11: 10 days are 92.16); forecast 101.376 + 20 days × 9.216 = 285.696 (≥ 160 and 200, < 300).
 *  - accrued to 03-18, evaluated 03-19 06:00: actual 165.888 (≥ 160, crossed at the end of 03-18:
 *    17 days are 156.672); forecast 165.888 + 13 × 9.216 = 285.696.
 */
describe('budgets: alerts on actual and forecast spend, each raised once', () => {
  let t: TestService;
  let ds: DataSource;
  const actor = { tenant: 'default', name: 'test' };
  let budgetId: string;

  beforeAll(async () => {
    withoutScheduledAccrual();
    t = await startTestService({ loadStarterCatalog: false });
    ds = t.service.database.dataSource;
    await seedProviders(ds);
    const offers = await activateVersion(ds, 'aws/cumulus-csv', '2026-02-01T00:00:00Z', [
      { ...M5_LARGE, price: '0.192' },
    ]);
    const workloadId = await insertWorkload(ds, 'shop');
    await insertDeployment(ds, {
      workloadId,
      provider: 'aws',
      region: 'eu-west-1',
      offerId: offers[M5_LARGE.sku],
      count: 2,
      pricePerHour: '0.192',
      startedAt: '2026-03-01T00:00:00Z',
    });
  });
  afterAll(() => t.close());

  const create = (input: string, key = t.keys.operator) =>
    t.graphql<{ createBudget: { id: string; thresholdsPct: number[]; scope: { providerName: string } } }>(
      `mutation { createBudget(input: ${input}) { id name amount currency ledgerBasis thresholdsPct scope { providerName } } }`,
      undefined,
      key,
    );

  it('is created by an operator, not a reader, and validated', async () => {
    const input =
      '{ name: "aws", amount: "200", scope: { providerName: "AWS" }, thresholdsPct: [100, 50, 80, 150] }';
    expect((await create(input, t.keys.reader)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const { body } = await create(input);
    expect(body.errors).toBeUndefined();
    expect(body.data!.createBudget).toMatchObject({
      thresholdsPct: [50, 80, 100, 150],
      scope: { providerName: 'AWS' },
    });
    budgetId = body.data!.createBudget.id;
    const bad = await create('{ name: "bad", amount: "-5" }');
    expect(bad.body.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', path: 'input.amount' },
    });
    const duplicate = await create('{ name: "aws", amount: "1" }');
    expect(duplicate.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(
      (await create('{ name: "gcp only", amount: "1", scope: { providerName: "Google Cloud" } }')).body
        .errors,
    ).toBeUndefined();
  });

  it('raises the actual and forecast alerts after an accrual run', async () => {
    const run = await t.service.app
      .get(AccrualService)
      .accrueRange('2026-03-01', '2026-03-11', new Date('2026-03-12T06:00:00Z'));
    expect(run.billedCost).toBe('101.376');
    const raised = run.budgets!.alertsRaised.map((a) => [
      a.budgetId,
      a.period,
      Number(a.thresholdPct),
      a.basis,
      a.amount,
      a.crossedAt.toISOString(),
    ]);
    expect(raised).toEqual([
      [budgetId, '2026-03', 50, 'ACTUAL', '101.376', '2026-03-12T00:00:00.000Z'],
      [budgetId, '2026-03', 80, 'FORECAST', '285.696', '2026-03-12T06:00:00.000Z'],
      [budgetId, '2026-03', 100, 'FORECAST', '285.696', '2026-03-12T06:00:00.000Z'],
    ]);
  });

  it('does not raise them again on the next evaluation', async () => {
    const results = await t.service.app
      .get(BudgetService)
      .evaluateForTenant(actor, new Date('2026-03-12T07:00:00Z'));
    expect(results.map((r) => [r.budget.name, r.evaluation.actualToDate, r.raised.length])).toEqual([
      ['aws', '101.376', 0],
      ['gcp only', '0', 0],
    ]);
  });

  it('raises the actual alert of a threshold the forecast already crossed, once', async () => {
    const run = await t.service.app
      .get(AccrualService)
      .accrueRange('2026-03-12', '2026-03-18', new Date('2026-03-19T06:00:00Z'));
    expect(
      run.budgets!.alertsRaised.map((a) => [
        Number(a.thresholdPct),
        a.basis,
        a.amount,
        a.crossedAt.toISOString(),
      ]),
    ).toEqual([[80, 'ACTUAL', '165.888', '2026-03-19T00:00:00.000Z']]);
    const again = await t.service.app
      .get(AccrualService)
      .accrueRange('2026-03-18', '2026-03-18', new Date('2026-03-19T06:30:00Z'));
    expect(again.budgets!.alertsRaised).toEqual([]);
  });

  it('lists the stored alerts, newest first', async () => {
    const { body } = await t.graphql<{
      budgetAlerts: { thresholdPct: number; basis: string; period: string }[];
    }>(
      `query($id: ID) { budgetAlerts(budgetId: $id) { thresholdPct basis period amount thresholdAmount currency crossedAt } }`,
      { id: budgetId },
    );
    expect(body.data!.budgetAlerts.map((a) => `${a.thresholdPct}:${a.basis}`).sort()).toEqual([
      '100:FORECAST',
      '50:ACTUAL',
      '80:ACTUAL',
      '80:FORECAST',
    ]);
  });

  it('raises an alert once even when two evaluations race', async () => {
    const { body } = await create('{ name: "race", amount: "100", thresholdsPct: [50] }');
    const budgets = t.service.app.get(BudgetService);
    const now = new Date('2026-03-19T08:00:00Z');
    const [a, b] = await Promise.all([
      budgets.evaluateForTenant(actor, now),
      budgets.evaluateForTenant(actor, now),
    ]);
    const raised = [...a, ...b]
      .filter((r) => r.budget.id === body.data!.createBudget.id)
      .flatMap((r) => r.raised);
    expect(raised).toHaveLength(1);
    const [row] = await ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM budget_alerts WHERE budget_id = $1`,
      [body.data!.createBudget.id],
    );
    expect(row.n).toBe(1);
  });

  it('evaluates on demand over GraphQL (operator), the second call raising nothing new', async () => {
    const mutation =
      'mutation { evaluateBudgets { budget { name } period actualToDate forecastToPeriodEnd newAlerts { basis thresholdPct } } }';
    expect((await t.graphql(mutation)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const first = await t.graphql<{ evaluateBudgets: { period: string }[] }>(
      mutation,
      undefined,
      t.keys.operator,
    );
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data!.evaluateBudgets[0].period).toBe(new Date().toISOString().slice(0, 7));
    const second = await t.graphql<{ evaluateBudgets: { newAlerts: unknown[] }[] }>(
      mutation,
      undefined,
      t.keys.operator,
    );
    expect(second.body.data!.evaluateBudgets.flatMap((e) => e.newAlerts)).toEqual([]);
  });

  it('is updated and deleted by an operator', async () => {
    const update = await t.graphql<{ updateBudget: { amount: string; thresholdsPct: number[] } }>(
      `mutation($id: ID!) { updateBudget(id: $id, input: { name: "aws", amount: "250.50", thresholdsPct: [90] }) { amount thresholdsPct } }`,
      { id: budgetId },
      t.keys.operator,
    );
    expect(update.body.data?.updateBudget).toEqual({ amount: '250.50', thresholdsPct: [90] });
    const del = await t.graphql(
      `mutation($id: ID!) { deleteBudget(id: $id) }`,
      { id: budgetId },
      t.keys.operator,
    );
    expect(del.body.data).toEqual({ deleteBudget: true });
    const gone = await t.graphql(`query($id: ID!) { budget(id: $id) { id } }`, { id: budgetId });
    expect(gone.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
