import { Injectable } from '@nestjs/common';
import { InvalidInputError } from '../common/errors.js';
import {
  forecastSpend,
  priceChangesAffecting,
  type Forecast,
  type PriceImpact,
} from '../domain/finance/index.js';
import type { Actor } from '../workloads/workload.service.js';
import { DeploymentCostingRepository } from './deployment-costing.repository.js';

export const MAX_FORECAST_MONTHS = 36;

export interface ForecastAnswer extends Forecast {
  readonly from: Date;
  readonly months: number;
}

/** What the tenant's running deployments will cost, and which catalog changes moved their price. */
@Injectable()
export class ForecastService {
  constructor(private readonly costing: DeploymentCostingRepository) {}

  /** `months` calendar months starting with the current one (from `now` on), at the prices in force. */
  async forecast(actor: Actor, months: number, now = new Date()): Promise<ForecastAnswer> {
    if (!Number.isInteger(months) || months < 1 || months > MAX_FORECAST_MONTHS)
      throw new InvalidInputError(`months must be between 1 and ${MAX_FORECAST_MONTHS}`, 'months');
    const horizon = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + months, 1));
    const [costed, prices] = await Promise.all([
      this.costing.runningBetween(now, horizon, actor.tenant),
      this.costing.priceHistory(now, horizon, actor.tenant),
    ]);
    const forecast = forecastSpend({
      from: now,
      months,
      deployments: costed.map((c) => c.deployment),
      prices,
    });
    return { ...forecast, from: now, months };
  }

  /** Running deployments whose price changed in the catalog since they started, largest monthly increase first. */
  async priceChanges(actor: Actor, now = new Date()): Promise<PriceImpact[]> {
    const justAfter = new Date(now.getTime() + 1);
    const [costed, prices] = await Promise.all([
      this.costing.runningBetween(now, justAfter, actor.tenant),
      this.costing.priceHistory(now, justAfter, actor.tenant),
    ]);
    return priceChangesAffecting(
      costed.map((c) => c.deployment),
      prices,
      now,
    );
  }
}
