import { ForecastService } from '../../src/finance/forecast.service.js';
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
 * AWS m5.large: 0.192 $/h (version of 02-01), 0.2 $/h (version of 03-15 12:00).
 *  - "api" runs 1 × m5.large since 03-01 on the 02-01 offer: re-priced by the 03-15 version.
 *  - "late" started 03-20 on the new offer at 0.2: nothing changed since it started.
 *  - "manual" was recorded without a catalog offer at 0.3: the catalog does not re-price it.
 * Forecast from 03-10 00:00 for 2 months ("api" only):
 *  March: 03-10 → 03-15 12:00 = 132 h × 0.192 = 25.344, then 396 h × 0.2 = 79.2 → 104.544; April: 720 h × 0.2 = 144.
 */
describe('forecast and price changes affecting running deployments', () => {
  let t: TestService;
  let api: string;

  beforeAll(async () => {
    withoutScheduledAccrual();
    t = await startTestService({ loadStarterCatalog: false });
    const ds = t.service.database.dataSource;
    await seedProviders(ds);
    const v1 = await activateVersion(ds, 'aws/cumulus-csv', '2026-02-01T00:00:00Z', [
      { ...M5_LARGE, price: '0.192' },
    ]);
    const v2 = await activateVersion(ds, 'aws/cumulus-csv', '2026-03-15T12:00:00Z', [
      { ...M5_LARGE, price: '0.2' },
    ]);
    const aws = { provider: 'aws', region: 'eu-west-1', sku: M5_LARGE.sku, count: 1 };
    api = await insertDeployment(ds, {
      ...aws,
      workloadId: await insertWorkload(ds, 'api'),
      offerId: v1[M5_LARGE.sku],
      pricePerHour: '0.192',
      startedAt: '2026-03-01T00:00:00Z',
    });
    const late = await insertWorkload(ds, 'late');
    await insertDeployment(ds, {
      ...aws,
      workloadId: late,
      offerId: v2[M5_LARGE.sku],
      pricePerHour: '0.2',
      startedAt: '2026-03-20T00:00:00Z',
    });
    const manual = await insertWorkload(ds, 'manual');
    await insertDeployment(ds, {
      ...aws,
      workloadId: manual,
      pricePerHour: '0.3',
      startedAt: '2026-03-01T00:00:00Z',
    });
  });
  afterAll(() => t.close());

  it('forecasts by calendar hours at the prices in force, month by month', async () => {
    const forecast = await t.service.app
      .get(ForecastService)
      .forecast({ tenant: 'default', name: 'test' }, 2, new Date('2026-03-10T00:00:00Z'));
    const own = forecast.lines.filter((l) => l.deploymentId === api).map((l) => [l.month, l.cost]);
    expect(own).toEqual([
      ['2026-03', '104.544'],
      ['2026-04', '144'],
    ]);
    // all three: March 104.544 + "late" 12 days × 24 × 0.2 = 57.6 + "manual" 528 h × 0.3 = 158.4 → 320.544
    expect(forecast.byProvider.map((p) => [p.month, p.providerName, p.cost])).toEqual([
      ['2026-03', 'AWS', '320.544'],
      ['2026-04', 'AWS', '504'],
    ]);
  });

  it('answers forecast(months) over GraphQL for the reader', async () => {
    const { body } = await t.graphql<{
      forecast: { months: { month: string; cost: string; byProvider: { providerId: string }[] }[] };
    }>(
      '{ forecast(months: 2) { from months { month cost currency byProvider { providerId providerName cost instanceHours } } skipped { deploymentId reason } } }',
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.forecast.months).toHaveLength(2);
    expect(body.data!.forecast.months[0].byProvider.map((p) => p.providerId)).toEqual(['aws']);
    const refused = await t.graphql('{ forecast(months: 0) { from } }');
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lists the deployments a later catalog price re-priced, with the monthly impact', async () => {
    const { body } = await t.graphql<{ priceChangesAffectingDeployments: unknown[] }>(
      `{ priceChangesAffectingDeployments { deploymentId provider region sku count startedAt startedPricePerHour
           currentPricePerHour currentPricePerHourUsd monthlyImpactUsd changePct changes { effectiveFrom pricePerHour } } }`,
    );
    expect(body.errors).toBeUndefined();
    // (0.2 − 0.192) × 1 × 730 h = 5.84 a month
    expect(body.data!.priceChangesAffectingDeployments).toEqual([
      {
        deploymentId: api,
        provider: 'aws',
        region: 'eu-west-1',
        sku: M5_LARGE.sku,
        count: 1,
        startedAt: '2026-03-01T00:00:00.000Z',
        startedPricePerHour: '0.192',
        currentPricePerHour: '0.2',
        currentPricePerHourUsd: '0.2',
        monthlyImpactUsd: '5.84',
        changePct: '4.17',
        changes: [{ effectiveFrom: '2026-03-15T12:00:00.000Z', pricePerHour: '0.2' }],
      },
    ]);
  });
});
