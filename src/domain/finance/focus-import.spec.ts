import fs from 'node:fs';
import { Readable } from 'node:stream';
// The real FOCUS sample lives in ../shared/data; the shared-data helper skips visibly without it.
import {
  BILLED_BY_SERVICE_CATEGORY,
  BY_PROVIDER,
  EFFECTIVE_BY_SERVICE_CATEGORY,
} from '../../../test/support/focus-sample-totals.js';
import { describeWithSharedData, sharedFile } from '../../../test/support/shared-data.js';
import { FocusFormatError, importFocusCsv, readFocusCsv, type FocusImportResult } from './focus-import.js';
import { aggregateSpend, type CostMetric, type SpendDimension } from './spend.js';

function totalsBy(
  result: FocusImportResult,
  dimension: SpendDimension,
  metric: CostMetric,
): Record<string, string | null> {
  const groups = aggregateSpend(result.records, { groupBy: [dimension], granularity: 'MONTH', metric });
  const out: Record<string, string | null> = {};
  for (const g of groups) {
    const key = Object.values(g.keys)[0] ?? 'null';
    // the sample has one month of charges: a second group per key would be a mapping bug
    expect(out[key]).toBeUndefined();
    out[key] = g.amount;
  }
  return out;
}

describeWithSharedData('FOCUS 1.0 import of the real 1,000-row sample', () => {
  let result: FocusImportResult;
  beforeAll(async () => {
    result = await importFocusCsv(fs.createReadStream(sharedFile('focus/focus_sample_1000.csv')));
  });

  it('accepts every row (AWS 942, Microsoft 51, Oracle 7; Usage 997, Adjustment 2, Credit 1)', () => {
    expect(result.rejected).toEqual([]);
    expect(result.records).toHaveLength(1000);
    const count = (pick: (r: (typeof result.records)[number]) => string) =>
      Object.fromEntries(
        [...new Set(result.records.map(pick))]
          .sort()
          .map((k) => [k, result.records.filter((r) => pick(r) === k).length]),
      );
    expect(count((r) => r.providerName)).toEqual({ AWS: 942, Microsoft: 51, Oracle: 7 });
    expect(count((r) => r.chargeCategory)).toEqual({ Adjustment: 2, Credit: 1, Usage: 997 });
  });

  it('totals the whole file exactly', () => {
    expect(result.totals).toEqual({
      USD: { billedCost: '20.52022672899', effectiveCost: '14.97651418586', listCost: '20.39090575119' },
    });
  });

  it.each<CostMetric>(['BILLED', 'EFFECTIVE', 'LIST'])('totals %s cost per provider exactly', (metric) => {
    expect(totalsBy(result, 'PROVIDER', metric)).toEqual(BY_PROVIDER[metric]);
  });

  it('totals billed and effective cost per ServiceCategory exactly', () => {
    expect(totalsBy(result, 'SERVICE_CATEGORY', 'BILLED')).toEqual(BILLED_BY_SERVICE_CATEGORY);
    expect(totalsBy(result, 'SERVICE_CATEGORY', 'EFFECTIVE')).toEqual(EFFECTIVE_BY_SERVICE_CATEGORY);
  });

  it('maps the first row: NULL is null, timestamps become ISO Z, tags parse, sub-account kept', () => {
    expect(result.records[0]).toMatchObject({
      rowNumber: 2,
      providerName: 'AWS',
      serviceCategory: 'INTEGRATION',
      regionId: 'us-west-2',
      regionName: 'US West (Oregon)',
      skuId: 'G95FST5FTYV3JSRX',
      chargePeriodStart: '2024-09-18T22:00:00Z',
      chargePeriodEnd: '2024-09-18T23:00:00Z',
      billingPeriodStart: '2024-09-01T00:00:00Z',
      billedCost: '0.00000080000',
      effectiveCost: '0.00000000000',
      listCost: '0.00000080000',
      billingCurrency: 'USD',
      subAccountId: '51738928782',
      subAccountName: 'Atlas Nimbus',
      chargeClass: null,
      tags: {},
      warnings: [],
    });
    expect(result.records[1]?.tags).toEqual({
      application: 'BrightLensMatrix',
      environment: 'dev',
      business_unit: 'ViennaAI',
    });
  });

  it("keeps Oracle's rows with warnings: lower-case ChargeFrequency, RegionId NULL, a charge before its billing period", () => {
    const oracle = result.records.filter((r) => r.providerName === 'Oracle');
    expect(
      oracle.every(
        (r) => r.chargeFrequency === 'Usage-Based' && r.regionId === null && r.regionName !== null,
      ),
    ).toBe(true);
    const outside = result.records.filter((r) =>
      r.warnings.some((w) => w.includes('outside billing period')),
    );
    expect(outside.map((r) => r.chargePeriodStart)).toEqual(['2024-09-30T22:00:00Z']);
  });
});

function csv(lines: string[]): Readable {
  return Readable.from([lines.join('\n') + '\n']);
}

const HEADER =
  'BilledCost,EffectiveCost,ListCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ChargeClass,ProviderName,ServiceCategory,Tags';
const GOOD = '1.50,1.25,2.00,USD,2024-09-01 00:00:00,2024-09-01 01:00:00,Usage,NULL,AWS,Compute,NULL';

describe('readFocusCsv rejects bad rows with their row number and reason', () => {
  it.each<[string, string, string]>([
    [
      'billed cost missing',
      'NULL,1,1,USD,2024-09-01 00:00:00,2024-09-01 01:00:00,Usage,NULL,AWS,Compute,NULL',
      'BilledCost is null',
    ],
    [
      'billed cost not a number',
      '1.5x,1,1,USD,2024-09-01 00:00:00,2024-09-01 01:00:00,Usage,NULL,AWS,Compute,NULL',
      'is not a decimal',
    ],
    [
      'no currency',
      '1,1,1,NULL,2024-09-01 00:00:00,2024-09-01 01:00:00,Usage,NULL,AWS,Compute,NULL',
      'BillingCurrency is null',
    ],
    [
      'inverted period',
      '1,1,1,USD,2024-09-01 02:00:00,2024-09-01 01:00:00,Usage,NULL,AWS,Compute,NULL',
      'is not before',
    ],
    [
      'a timestamp with another offset',
      '1,1,1,USD,2024-09-01T00:00:00+02:00,2024-09-01 01:00:00,Usage,NULL,AWS,Compute,NULL',
      'UTC timestamps',
    ],
    [
      'unknown category',
      '1,1,1,USD,2024-09-01 00:00:00,2024-09-01 01:00:00,Usage,NULL,AWS,Computing,NULL',
      'ServiceCategory "Computing"',
    ],
    [
      'unknown charge category',
      '1,1,1,USD,2024-09-01 00:00:00,2024-09-01 01:00:00,Refund,NULL,AWS,Compute,NULL',
      'ChargeCategory "Refund"',
    ],
    [
      'tags not JSON',
      '1,1,1,USD,2024-09-01 00:00:00,2024-09-01 01:00:00,Usage,NULL,AWS,Compute,{env:prod}',
      'Tags is not JSON',
    ],
    ['a short row', '1,1,1,USD', '4 fields, the header has 11'],
  ])('%s', async (_name, line, reason) => {
    const result = await importFocusCsv(csv([HEADER, GOOD, line, GOOD]));
    expect(result.rejected).toEqual([{ rowNumber: 3, reason: expect.stringContaining(reason) as string }]);
    expect(result.records.map((r) => r.rowNumber)).toEqual([2, 4]);
    expect(result.totals.USD?.billedCost).toBe('3');
  });

  it('refuses a file that is not a FOCUS cost file', async () => {
    await expect(importFocusCsv(csv(['name,price', 'a,1']))).rejects.toThrow(FocusFormatError);
  });

  it('refuses a file whose quote never closes: no later row can be trusted', async () => {
    await expect(importFocusCsv(csv([HEADER, GOOD, '"1.5,1,1,USD']))).rejects.toThrow(/unreadable CSV/);
  });

  it('yields records one at a time', async () => {
    const seen: number[] = [];
    for await (const item of readFocusCsv(csv([HEADER, GOOD, GOOD])))
      if (item.kind === 'record') seen.push(item.record.rowNumber);
    expect(seen).toEqual([2, 3]);
  });
});
