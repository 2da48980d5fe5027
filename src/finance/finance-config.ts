import { validate } from 'node-cron';
import { ConfigError } from '../config/config.js';

/**
 * Finance settings, read once from the environment when the module starts. They live here
 * rather than in AppConfig because src/config belongs to another part of the service;
 * moving them there changes nothing but where they are read.
 */
export interface FinanceConfig {
  readonly accrual: {
    /** Run the daily accrual in the service (never in the CLI). */
    readonly enabled: boolean;
    /** node-cron expression in UTC; default 00:05 every day, once the previous day is over. */
    readonly cron: string;
    /** Catch up missed days right after the service starts (after downtime). */
    readonly onStart: boolean;
  };
  /** Transfer rate assumed by the savings estimate between sites without a measured pair, Gbit/s. */
  readonly defaultBandwidthGbitPerS: number;
  readonly dnsTtlSeconds: number;
  /** Rows per page read by the FOCUS export. */
  readonly exportPageRows: number;
}

export const FINANCE_CONFIG = Symbol('FINANCE_CONFIG');

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`);
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new ConfigError(`${name} must be a number > 0, got "${raw}"`);
  return value;
}

export function loadFinanceConfig(env: NodeJS.ProcessEnv = process.env): FinanceConfig {
  const cron = env.CUMULUS_ACCRUAL_CRON?.trim() || '5 0 * * *';
  if (!validate(cron)) throw new ConfigError(`CUMULUS_ACCRUAL_CRON is not a cron expression: "${cron}"`);
  return {
    accrual: {
      enabled: flag(env, 'CUMULUS_ACCRUAL_ENABLED', true),
      cron,
      onStart: flag(env, 'CUMULUS_ACCRUAL_ON_START', true),
    },
    defaultBandwidthGbitPerS: positive(env, 'CUMULUS_MIGRATION_BANDWIDTH_GBIT', 1),
    dnsTtlSeconds: positive(env, 'CUMULUS_MIGRATION_DNS_TTL_SECONDS', 60),
    exportPageRows: Math.floor(positive(env, 'CUMULUS_FOCUS_EXPORT_PAGE_ROWS', 5000)),
  };
}
