import type { Decimal } from 'decimal.js';
import { money, parseDecimal } from '../money.js';
import { OverspillInputError, type OverspillMetric, type SiteCapacity } from './overspill-types.js';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

export interface Sized {
  readonly vcpu: number;
  readonly memoryGib: number;
}

/** How much of the policy metric a workload occupies. */
export function metricAmount(metric: OverspillMetric, item: Sized): number {
  return metric === 'VCPU' ? item.vcpu : item.memoryGib;
}

export function metricTotal(metric: OverspillMetric, capacity: SiteCapacity): number {
  return metric === 'VCPU' ? capacity.totalVcpu : capacity.totalMemoryGib;
}

export function metricUsed(metric: OverspillMetric, capacity: SiteCapacity): number {
  return metric === 'VCPU' ? capacity.usedVcpu : capacity.usedMemoryGib;
}

export function metricUnit(metric: OverspillMetric): string {
  return metric === 'VCPU' ? 'vCPU' : 'GiB';
}

/** Code-unit order, not localeCompare: the same on every machine and locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Parses a USD decimal string of the input; a malformed amount is a caller bug. */
export function usd(raw: string, what: string): Decimal {
  const value = parseDecimal(raw);
  if (value === null) throw new OverspillInputError(`${what}: "${raw}" is not a decimal amount`);
  return value;
}

export function sumUsd(amounts: readonly string[], what: string): Decimal {
  return amounts.reduce((sum, a) => sum.add(usd(a, what)), money(0));
}

/** Utilisation for reasons: at most four decimals, trailing zeros dropped ("0.93", "0.6667"). */
export function formatRatio(value: number): string {
  return String(Number(value.toFixed(4)));
}

export function formatUsd(value: Decimal): string {
  return `$${value.toFixed()}`;
}

export function formatAmount(value: number): string {
  return String(Number(value.toFixed(3)));
}

export function formatMinutes(ms: number): string {
  return `${formatAmount(ms / MINUTE_MS)} min`;
}

/** "a, b, c" — at most `max` names, then "and N more", so a reason stays one readable line. */
export function formatNames(names: readonly string[], max = 10): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
