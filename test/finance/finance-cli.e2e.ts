import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshCliEnvironment, runCli } from '../support/cli.js';
import { describeWithSharedData, sharedFile } from '../support/shared-data.js';

/** `cumulus finance …` as a user runs it (the built CLI), on the embedded default or DATABASE_URL's server. */
// Each command opens the database and migrates it, like a user's: minutes on a loaded machine.
const SLOW_MS = 300_000;

describeWithSharedData('cumulus finance', () => {
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ env, cleanup } = await freshCliEnvironment('finance-cli'));
  });
  afterAll(() => cleanup());

  it(
    'import-focus imports the sample for an account once; the second run is a no-op',
    async () => {
      const file = sharedFile('focus/focus_sample_1000.csv');
      const first = await runCli(['finance', 'import-focus', file, '--account', 'acme-payer'], env);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(JSON.parse(first.stdout)).toMatchObject({
        status: 'IMPORTED',
        rows: 1000,
        rejected: 0,
        totals: [{ currency: 'USD', billedCost: '20.52022672899', effectiveCost: '14.97651418586' }],
      });
      const again = await runCli(['finance', 'import-focus', file], env);
      expect(JSON.parse(again.stdout)).toMatchObject({ status: 'UNCHANGED', rows: 1000 });
    },
    SLOW_MS,
  );

  it(
    'spend reads the imported bill back by provider',
    async () => {
      const result = await runCli(
        [
          'finance',
          'spend',
          '--from',
          '2024-09-01',
          '--to',
          '2024-10-01',
          '--basis',
          'ACTUAL',
          '--group-by',
          'provider',
          '--json',
        ],
        env,
      );
      expect(result.code).toBe(0);
      const lines = JSON.parse(result.stdout) as { key: { provider: string }; billedCost: string }[];
      expect(lines.map((l) => [l.key.provider, l.billedCost])).toEqual([
        ['AWS', '18.0066386184'],
        ['Microsoft', '1.97651418586'],
        ['Oracle', '0.53707392473'],
      ]);
    },
    SLOW_MS,
  );

  it(
    'accrue refuses a day that is not over, with exit code 2',
    async () => {
      const today = new Date().toISOString().slice(0, 10);
      const result = await runCli(['finance', 'accrue', '--from', today, '--to', today], env);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('once it is over');
    },
    SLOW_MS,
  );

  it(
    'import-focus exits 1 and imports nothing when a row is rejected',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cumulus-focus-bad-'));
      const bad = path.join(dir, 'bad.csv');
      fs.writeFileSync(
        bad,
        'BilledCost,EffectiveCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ProviderName,ServiceCategory\n' +
          'oops,1,USD,2024-10-01 00:00:00,2024-10-01 01:00:00,Usage,Acme,Compute\n',
      );
      const result = await runCli(['finance', 'import-focus', bad], env);
      fs.rmSync(dir, { recursive: true, force: true });
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout)).toMatchObject({ status: 'REJECTED', rejections: [{ rowNumber: 2 }] });
    },
    SLOW_MS,
  );
});
