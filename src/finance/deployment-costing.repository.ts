import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PurchaseOption, ServiceCategory } from '../domain/catalog/catalog-enums.js';
import type { Deployment, PriceChange } from '../domain/finance/index.js';

/** A deployment as finance prices it, with the tenant its cost belongs to. */
export interface CostedDeployment {
  readonly tenant: string;
  readonly deployment: Deployment;
}

interface DeploymentRow {
  id: string;
  tenant: string;
  workload_id: string;
  workload_name: string;
  workload_tags: string[];
  component: string;
  provider_id: string;
  provider_name: string | null;
  region_code: string;
  region_name: string | null;
  offer_id: string | null;
  sku: string | null;
  purchase_option: string;
  instance_count: number;
  price_per_hour: string;
  currency: string;
  price_per_hour_usd: string | null;
  started_at: Date;
  ended_at: Date | null;
  tags: Record<string, string>;
  service: string | null;
  service_category: string | null;
}

interface PriceRow {
  offer_id: string;
  sku: string;
  region_code: string;
  purchase_option: string;
  price: string;
  price_usd: string | null;
  activated_at: Date;
}

// The deployment's own offer fixes what a later price of "the same thing" is: same catalog
// scope, sku, region, purchase option and OS, priced per hour.
const WANTED_OFFERS = `
  SELECT DISTINCT o0.provider_id, o0.region_code, o0.sku, o0.purchase_option, o0.os, cv0.scope_key
  FROM deployments d
  JOIN offers o0 ON o0.id = d.offer_id
  JOIN catalog_versions cv0 ON cv0.id = o0.catalog_version_id
  WHERE d.started_at < $2 AND (d.ended_at IS NULL OR d.ended_at > $1) AND ($3::text IS NULL OR d.tenant = $3)`;

/** Loads deployments and the catalog's price history in the shape the finance domain prices. */
@Injectable()
export class DeploymentCostingRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Deployments that ran at some point of [from, to), of one tenant or all. */
  async runningBetween(from: Date, to: Date, tenant: string | null = null): Promise<CostedDeployment[]> {
    const rows: DeploymentRow[] = await this.dataSource.query(
      `SELECT d.id, d.tenant, d.workload_id, w.name AS workload_name, w.tags AS workload_tags, d.component,
              d.provider_id, p.name AS provider_name, d.region_code, r.name AS region_name,
              d.offer_id::text AS offer_id, COALESCE(o.sku, d.sku, d.instance_type) AS sku,
              COALESCE(o.purchase_option, d.purchase_option) AS purchase_option, d.instance_count,
              d.price_per_hour::text AS price_per_hour, d.currency,
              d.price_per_hour_usd::text AS price_per_hour_usd, d.started_at, d.ended_at, d.tags,
              o.service, o.service_category
       FROM deployments d
       JOIN workloads w ON w.id = d.workload_id
       LEFT JOIN providers p ON p.id = d.provider_id
       LEFT JOIN regions r ON r.provider_id = d.provider_id AND r.code = d.region_code
       LEFT JOIN offers o ON o.id = d.offer_id
       WHERE d.started_at < $2 AND (d.ended_at IS NULL OR d.ended_at > $1) AND ($3::text IS NULL OR d.tenant = $3)
       ORDER BY d.id`,
      [from.toISOString(), to.toISOString(), tenant],
    );
    return rows.map((row) => ({ tenant: row.tenant, deployment: toDeployment(row) }));
  }

  /** Price changes, activated before `to`, of the offers the deployments of [from, to) run at. */
  async priceHistory(from: Date, to: Date, tenant: string | null = null): Promise<PriceChange[]> {
    const rows: PriceRow[] = await this.dataSource.query(
      `WITH wanted AS (${WANTED_OFFERS})
       SELECT o.id::text AS offer_id, o.sku, o.region_code, o.purchase_option, o.price::text AS price,
              o.price_usd::text AS price_usd, cv.activated_at
       FROM wanted w
       JOIN catalog_versions cv ON cv.scope_key = w.scope_key AND cv.status IN ('ACTIVE', 'SUPERSEDED')
            AND cv.activated_at IS NOT NULL AND cv.activated_at < $2
       JOIN offers o ON o.catalog_version_id = cv.id AND o.provider_id = w.provider_id
            AND o.region_code = w.region_code AND o.sku = w.sku AND o.purchase_option = w.purchase_option
            AND o.os IS NOT DISTINCT FROM w.os AND o.unit = 'HOUR'
       ORDER BY cv.activated_at, o.id`,
      [from.toISOString(), to.toISOString(), tenant],
    );
    return rows.map((row) => ({
      sku: row.sku,
      regionCode: row.region_code,
      purchaseOption: row.purchase_option as PurchaseOption,
      effectiveFrom: row.activated_at,
      offerId: row.offer_id,
      pricePerUnit: row.price,
      pricePerUnitUsd: row.price_usd,
    }));
  }

  /** When the first deployment started: where accrual begins when nothing was accrued yet. */
  async firstStart(): Promise<Date | null> {
    const [row] = await this.dataSource.query<{ first: Date | null }[]>(
      `SELECT min(started_at) AS first FROM deployments`,
    );
    return row?.first ?? null;
  }
}

function toDeployment(row: DeploymentRow): Deployment {
  return {
    id: row.id,
    workloadId: row.workload_id,
    workloadName: row.workload_name,
    component: row.component,
    provider: { id: row.provider_id, name: row.provider_name ?? row.provider_id },
    region: { code: row.region_code, name: row.region_name ?? row.region_code },
    offer: {
      // A deployment recorded without a catalog offer is still priced: its own id stands in for the price id.
      id: row.offer_id ?? `deployment:${row.id}`,
      sku: row.sku ?? row.component,
      service: row.service ?? 'Compute',
      serviceCategory: (row.service_category ?? 'COMPUTE') as ServiceCategory,
      // A deployment's price is always per instance-hour (placement converts other units when it is made).
      unit: 'HOUR',
      purchaseOption: row.purchase_option as PurchaseOption,
      pricePerUnit: row.price_per_hour,
      currency: row.currency.trim(),
      pricePerUnitUsd: row.price_per_hour_usd,
      // Recorded without a catalog offer: its price was agreed elsewhere and the catalog does not move it.
      priceFixed: row.offer_id === null,
    },
    count: row.instance_count,
    from: row.started_at,
    to: row.ended_at,
    tags: { ...workloadTags(row.workload_tags), ...row.tags },
  };
}

/** Workload labels as FOCUS tags: "team=web" and "team:web" are key/value, a bare label is "true". */
export function workloadTags(labels: readonly string[]): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const label of labels) {
    const match = /^([^=:]+)[=:](.*)$/.exec(label);
    if (match) tags[match[1].trim()] = match[2].trim();
    else tags[label] = 'true';
  }
  return tags;
}
