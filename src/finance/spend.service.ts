import { Injectable } from '@nestjs/common';
import { InvalidInputError } from '../common/errors.js';
import {
  canonicalDecimal,
  dimensionLabel,
  type CostBasis,
  type SpendDimension,
  type SpendGranularity,
} from '../domain/finance/index.js';
import { money } from '../domain/money.js';
import type { Actor } from '../workloads/workload.service.js';
import { SpendRepository, type SpendFilter } from './ledger/spend.repository.js';

export type SpendDimensionName = 'PROVIDER' | 'REGION' | 'WORKLOAD' | 'SERVICE_CATEGORY' | 'TAG';

export interface SpendRequest {
  readonly from: Date;
  readonly to: Date;
  readonly groupBy: readonly SpendDimensionName[];
  readonly tagKey: string | null;
  readonly granularity: SpendGranularity;
  readonly currency: string | null;
}

export interface CostAmounts {
  readonly billedCost: string | null;
  readonly effectiveCost: string | null;
  readonly listCost: string | null;
}

export interface SpendKeyValues {
  readonly provider: string | null;
  readonly region: string | null;
  readonly workload: string | null;
  readonly serviceCategory: string | null;
  readonly tag: string | null;
}

export interface SpendLine {
  readonly key: SpendKeyValues;
  readonly billedCost: string;
  readonly effectiveCost: string;
  readonly listCost: string | null;
  readonly period: string;
  readonly currency: string;
  readonly rowCount: number;
}

export interface SpendComparisonLine {
  readonly key: SpendKeyValues;
  readonly period: string;
  readonly currency: string;
  readonly estimated: CostAmounts;
  readonly actual: CostAmounts;
  /** actual − estimated per metric, a missing side counting as 0; null when both are missing. */
  readonly difference: CostAmounts;
}

const MS_PER_DAY = 86_400_000;
const MAX_RANGE_DAYS = 3660;
const MAX_DAILY_RANGE_DAYS = 400;

/** Spend from the ledger: one SQL aggregate per question, exact sums in canonical decimal form. */
@Injectable()
export class SpendService {
  constructor(private readonly spend: SpendRepository) {}

  async spendOf(actor: Actor, request: SpendRequest, basis: CostBasis): Promise<SpendLine[]> {
    const filter = toFilter(actor, request);
    const rows = await this.spend.aggregate(filter, basis);
    return rows.map((row) => ({
      key: keyOf(filter.groupBy, row.keys),
      period: row.period,
      currency: row.currency,
      // NOT NULL columns: a group of at least one row always has these sums.
      billedCost: canonicalDecimal(row.billed ?? '0'),
      effectiveCost: canonicalDecimal(row.effective ?? '0'),
      listCost: canonical(row.list),
      rowCount: row.rowCount,
    }));
  }

  async comparison(actor: Actor, request: SpendRequest): Promise<SpendComparisonLine[]> {
    const filter = toFilter(actor, request);
    const rows = await this.spend.compare(filter);
    return rows.map((row) => {
      const estimated = amounts(row.estimated);
      const actual = amounts(row.actual);
      return {
        key: keyOf(filter.groupBy, row.keys),
        period: row.period,
        currency: row.currency,
        estimated,
        actual,
        difference: {
          billedCost: difference(actual.billedCost, estimated.billedCost),
          effectiveCost: difference(actual.effectiveCost, estimated.effectiveCost),
          listCost: difference(actual.listCost, estimated.listCost),
        },
      };
    });
  }
}

function toFilter(actor: Actor, request: SpendRequest): SpendFilter {
  const { from, to } = request;
  if (!(from.getTime() < to.getTime()))
    throw new InvalidInputError('from must be before to (half-open [from, to))', 'to');
  const days = (to.getTime() - from.getTime()) / MS_PER_DAY;
  if (days > MAX_RANGE_DAYS) throw new InvalidInputError(`at most ${MAX_RANGE_DAYS} days at once`, 'to');
  if (request.granularity === 'DAY' && days > MAX_DAILY_RANGE_DAYS)
    throw new InvalidInputError(`at most ${MAX_DAILY_RANGE_DAYS} days by DAY; use MONTH`, 'granularity');
  if (new Set(request.groupBy).size !== request.groupBy.length)
    throw new InvalidInputError('a dimension appears twice', 'groupBy');
  const wantsTag = request.groupBy.includes('TAG');
  if (wantsTag && !request.tagKey) throw new InvalidInputError('grouping by TAG needs a tagKey', 'tagKey');
  if (!wantsTag && request.tagKey)
    throw new InvalidInputError('tagKey is only used with groupBy TAG', 'tagKey');
  if (request.currency !== null && !/^[A-Z]{3}$/.test(request.currency))
    throw new InvalidInputError('must be an ISO 4217 code such as USD', 'currency');
  const groupBy: SpendDimension[] = request.groupBy.map((d) => (d === 'TAG' ? { tag: request.tagKey! } : d));
  return {
    tenant: actor.tenant,
    from,
    to,
    groupBy,
    granularity: request.granularity,
    currency: request.currency,
  };
}

function keyOf(groupBy: readonly SpendDimension[], values: readonly (string | null)[]): SpendKeyValues {
  const byLabel = new Map(groupBy.map((d, i) => [dimensionLabel(d).split(':')[0], values[i] ?? null]));
  return {
    provider: byLabel.get('PROVIDER') ?? null,
    region: byLabel.get('REGION') ?? null,
    workload: byLabel.get('WORKLOAD') ?? null,
    serviceCategory: byLabel.get('SERVICE_CATEGORY') ?? null,
    tag: byLabel.get('TAG') ?? null,
  };
}

function canonical(value: string | null): string | null {
  return value === null ? null : canonicalDecimal(value);
}

function amounts(sums: {
  billed: string | null;
  effective: string | null;
  list: string | null;
}): CostAmounts {
  return {
    billedCost: canonical(sums.billed),
    effectiveCost: canonical(sums.effective),
    listCost: canonical(sums.list),
  };
}

function difference(actual: string | null, estimated: string | null): string | null {
  if (actual === null && estimated === null) return null;
  return canonicalDecimal(money(actual ?? '0').minus(estimated ?? '0'));
}
