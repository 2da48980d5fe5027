import type { Decimal } from 'decimal.js';
import { canonical } from './csv-values.js';
import { RowProblem, type CumulusRow } from './cumulus-columns.js';

/** A site's figures the cost model needs. */
export interface Site {
  readonly row: number;
  readonly pue: Decimal | null;
  readonly powerPricePerKwh: Decimal | null;
  readonly currency: string | null;
}

/**
 * A plain hourly price, or the on-prem cost model: fixed hourly cost (amortised hardware,
 * space, licences, staff) plus the power the machine draws at the site, all in decimals:
 * price = fixed + watts / 1000 × PUE × power price per kWh.
 */
export function instancePrice(
  row: CumulusRow,
  site: Site,
  currency: string,
  code: string,
): { price: string; attributes: Record<string, unknown> } {
  const plain = row.optionalDecimal('price_per_hour');
  const fixed = row.optionalDecimal('fixed_cost_per_hour');
  const watts = row.optionalDecimal('watts');
  if (plain !== null && (fixed !== null || watts !== null))
    throw new RowProblem('both price_per_hour and a cost model (fixed_cost_per_hour, watts): give one');
  if (plain !== null) return { price: canonical(plain), attributes: {} };
  if (fixed === null || watts === null)
    throw new RowProblem('no price: give price_per_hour, or fixed_cost_per_hour and watts');
  if (site.pue === null || site.powerPricePerKwh === null)
    throw new RowProblem(`region ${code} has no pue and power_price_per_kwh for the cost model`);
  if (site.currency !== currency)
    throw new RowProblem(
      `currency mismatch: region ${code} prices power in ${site.currency}, this row is in ${currency}`,
    );
  const powerPerHour = watts.div(1000).mul(site.pue).mul(site.powerPricePerKwh);
  return {
    price: canonical(fixed.plus(powerPerHour)),
    attributes: {
      fixedPerHour: canonical(fixed),
      watts: canonical(watts),
      pue: canonical(site.pue),
      powerPricePerKwh: canonical(site.powerPricePerKwh),
      powerPerHour: canonical(powerPerHour),
    },
  };
}

/** A decimal as stored, or null. */
export function optional(value: Decimal | null): string | null {
  return value === null ? null : canonical(value);
}
