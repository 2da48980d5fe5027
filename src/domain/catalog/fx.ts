import { money, toNumericString } from '../money.js';

export interface FxRateRow {
  readonly currency: string;
  /** YYYY-MM-DD */
  readonly effectiveDate: string;
  /** Decimal string: how many USD one unit of `currency` is worth. */
  readonly usdPerUnit: string;
}

/**
 * Converts a price to USD with the rate in force on the price's date: the latest rate
 * effective on or before it, else the earliest rate known (a price older than every rate).
 * Null when no rate exists for the currency: the offer keeps its own price and no USD price.
 */
export function createUsdConverter(rates: readonly FxRateRow[]) {
  const byCurrency = new Map<string, FxRateRow[]>();
  for (const rate of rates) {
    const list = byCurrency.get(rate.currency) ?? [];
    list.push(rate);
    byCurrency.set(rate.currency, list);
  }
  for (const list of byCurrency.values()) list.sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate));

  return function toUsd(price: string, currency: string, onDate: string | null | undefined): string | null {
    if (currency === 'USD') return price;
    const list = byCurrency.get(currency);
    if (!list || list.length === 0) return null;
    let chosen = list[0];
    if (onDate) {
      for (const rate of list) if (rate.effectiveDate <= onDate) chosen = rate;
    } else {
      chosen = list[list.length - 1]!;
    }
    return toNumericString(money(price).mul(chosen.usdPerUnit));
  };
}
