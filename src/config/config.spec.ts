import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('gives the documented defaults on an empty environment', () => {
    const config = loadConfig({}, '/srv/cumulus');
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: 'pglite', dataDir: '/srv/cumulus/data' });
    expect(config.finance).toEqual({
      accrual: { enabled: true, cron: '5 0 * * *', onStart: true },
      exportPageRows: 5000,
    });
    expect(config.migrations.defaultBandwidthGbitPerS).toBe(1);
    expect(config.overspill.schedulerEnabled).toBe(true);
  });

  it('uses the server when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/d' }, '/x').database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@h:5432/d',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be a non-negative integer, got "eighty"/],
    [{ CUMULUS_ACCRUAL_CRON: 'every day' }, /CUMULUS_ACCRUAL_CRON is not a cron expression: "every day"/],
    [{ CUMULUS_ACCRUAL_ENABLED: 'maybe' }, /CUMULUS_ACCRUAL_ENABLED must be true or false/],
    [{ CUMULUS_FOCUS_EXPORT_PAGE_ROWS: '0' }, /CUMULUS_FOCUS_EXPORT_PAGE_ROWS must be at least 1/],
    [{ CUMULUS_MIGRATION_LABOUR_USD: '1e3' }, /CUMULUS_MIGRATION_LABOUR_USD must be a decimal/],
    [{ CUMULUS_SIMULATED_FAULTS: '{not json' }, /CUMULUS_SIMULATED_FAULTS must be JSON/],
    [{ LOG_LEVEL: 'verbose' }, /LOG_LEVEL must be one of/],
    [
      { NODE_ENV: 'production', CUMULUS_SIMULATED_SITE_LOAD: '{}' },
      /CUMULUS_SIMULATED_SITE_LOAD scripts a demo load: refused with NODE_ENV=production/,
    ],
  ])('refuses %j, naming the variable', (env, message) => {
    expect(() => loadConfig(env, '/x')).toThrow(ConfigError);
    expect(() => loadConfig(env, '/x')).toThrow(message);
  });
});
