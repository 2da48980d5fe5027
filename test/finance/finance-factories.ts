import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * Rows for finance tests, written with plain SQL: a small catalog with price history, a
 * workload and its deployments. Prices are the figures the tests work out by hand.
 */
export interface CatalogOffer {
  readonly provider: string;
  readonly region: string;
  readonly sku: string;
  readonly instanceType: string;
  readonly price: string;
  readonly currency?: string;
  readonly priceUsd?: string | null;
  readonly service?: string;
}

export async function seedProviders(ds: DataSource): Promise<void> {
  await ds.query(
    `INSERT INTO providers (id, name, kind, headquarters_country) VALUES
       ('aws', 'AWS', 'PUBLIC_CLOUD', 'US'), ('gcp', 'Google Cloud', 'PUBLIC_CLOUD', 'US')
     ON CONFLICT (id) DO NOTHING`,
  );
  await ds.query(
    `INSERT INTO regions (provider_id, code, name, country_code) VALUES
       ('aws', 'eu-west-1', 'Europe (Ireland)', 'IE'), ('gcp', 'europe-west1', 'Belgium', 'BE')
     ON CONFLICT DO NOTHING`,
  );
}

/**
 * A catalog version of one scope activated at `activatedAt` with the given offers; the scope's
 * previous ACTIVE version becomes SUPERSEDED, as an import's activation does. Returns offer ids by sku.
 */
export async function activateVersion(
  ds: DataSource,
  scope: string,
  activatedAt: string,
  offers: readonly CatalogOffer[],
): Promise<Record<string, string>> {
  const provider = scope.split('/')[0];
  await ds.query(
    `UPDATE catalog_versions SET status = 'SUPERSEDED', superseded_at = $2 WHERE scope_key = $1 AND status = 'ACTIVE'`,
    [scope, activatedAt],
  );
  const [version] = await ds.query<{ id: string }[]>(
    `INSERT INTO catalog_versions (provider_id, format, scope_key, source, status, started_at, activated_at)
     VALUES ($1, 'cumulus-csv', $2, 'test', 'ACTIVE', $3, $3) RETURNING id::text AS id`,
    [provider, scope, activatedAt],
  );
  const ids: Record<string, string> = {};
  for (const o of offers) {
    const [row] = await ds.query<{ id: string }[]>(
      `INSERT INTO offers (catalog_version_id, provider_id, region_code, service, service_category, resource_kind, sku,
                           instance_type, os, purchase_option, unit, price, currency, price_usd)
       VALUES ($1, $2, $3, $4, 'COMPUTE', 'INSTANCE', $5, $6, 'LINUX', 'ON_DEMAND', 'HOUR', $7, $8, $9)
       RETURNING id::text AS id`,
      [
        version.id,
        o.provider,
        o.region,
        o.service ?? 'Virtual Machines',
        o.sku,
        o.instanceType,
        o.price,
        o.currency ?? 'USD',
        o.priceUsd === undefined ? o.price : o.priceUsd,
      ],
    );
    ids[o.sku] = row.id;
  }
  return ids;
}

export async function insertWorkload(
  ds: DataSource,
  name: string,
  tenant = 'default',
  tags: string[] = [],
): Promise<string> {
  const id = randomUUID();
  await ds.query(`INSERT INTO workloads (id, tenant, name, spec, tags) VALUES ($1, $2, $3, $4, $5)`, [
    id,
    tenant,
    name,
    JSON.stringify({ name, components: [{ name: 'web', count: 1, vcpu: 2, memoryGib: 8 }] }),
    tags,
  ]);
  return id;
}

export interface DeploymentRow {
  readonly workloadId: string;
  readonly component?: string;
  readonly tenant?: string;
  readonly provider: string;
  readonly region: string;
  readonly offerId?: string | null;
  readonly sku?: string | null;
  readonly count: number;
  readonly pricePerHour: string;
  readonly currency?: string;
  readonly pricePerHourUsd?: string | null;
  readonly startedAt: string;
  readonly endedAt?: string | null;
  readonly tags?: Record<string, string>;
  readonly source?: 'MANUAL' | 'MIGRATION' | 'OVERSPILL';
}

export async function insertDeployment(ds: DataSource, d: DeploymentRow): Promise<string> {
  const id = randomUUID();
  await ds.query(
    `INSERT INTO deployments (id, tenant, workload_id, component, provider_id, region_code, offer_id, sku, instance_count,
                              price_per_hour, currency, price_per_hour_usd, started_at, ended_at, source, tags)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [
      id,
      d.tenant ?? 'default',
      d.workloadId,
      d.component ?? 'web',
      d.provider,
      d.region,
      d.offerId ?? null,
      d.sku ?? null,
      d.count,
      d.pricePerHour,
      d.currency ?? 'USD',
      d.pricePerHourUsd === undefined ? d.pricePerHour : d.pricePerHourUsd,
      d.startedAt,
      d.endedAt ?? null,
      d.source ?? 'MANUAL',
      JSON.stringify(d.tags ?? {}),
    ],
  );
  return id;
}

export const M5_LARGE = {
  provider: 'aws',
  region: 'eu-west-1',
  sku: 'M5LARGE-EUW1',
  instanceType: 'm5.large',
} as const;
export const E2_MICRO = {
  provider: 'gcp',
  region: 'europe-west1',
  sku: 'E2MICRO-EUW1',
  instanceType: 'e2-micro',
} as const;

/** Finance tests drive accrual themselves: no scheduled or start-up run in the service under test. */
export function withoutScheduledAccrual(): void {
  process.env.CUMULUS_ACCRUAL_ENABLED = 'false';
}

/**
 * The March 2026 scenario the accrual and export tests work out by hand: AWS m5.large at 0.192 $/h
 * (version of 02-01) and 0.2 $/h (version of 03-15 12:00), GCP e2-micro at 0.0104 $/h; workload
 * "shop" (tag team=web) runs 2 × m5.large from 03-01 and moves to 3 × e2-micro at 03-20 09:30.
 */
export async function seedShopMarch(
  ds: DataSource,
): Promise<{ workloadId: string; offers: Record<string, string> }> {
  await seedProviders(ds);
  const v1 = await activateVersion(ds, 'aws/cumulus-csv', '2026-02-01T00:00:00Z', [
    { ...M5_LARGE, price: '0.192' },
  ]);
  const v2 = await activateVersion(ds, 'aws/cumulus-csv', '2026-03-15T12:00:00Z', [
    { ...M5_LARGE, price: '0.2' },
  ]);
  const gcp = await activateVersion(ds, 'gcp/cumulus-csv', '2026-02-01T00:00:00Z', [
    { ...E2_MICRO, price: '0.0104' },
  ]);
  const workloadId = await insertWorkload(ds, 'shop', 'default', ['team=web']);
  await insertDeployment(ds, {
    workloadId,
    provider: 'aws',
    region: 'eu-west-1',
    offerId: v1[M5_LARGE.sku],
    sku: M5_LARGE.sku,
    count: 2,
    pricePerHour: '0.192',
    startedAt: '2026-03-01T00:00:00Z',
    endedAt: '2026-03-20T09:30:00Z',
  });
  await insertDeployment(ds, {
    workloadId,
    provider: 'gcp',
    region: 'europe-west1',
    offerId: gcp[E2_MICRO.sku],
    sku: E2_MICRO.sku,
    count: 3,
    pricePerHour: '0.0104',
    startedAt: '2026-03-20T09:30:00Z',
    source: 'MIGRATION',
  });
  return { workloadId, offers: { v1: v1[M5_LARGE.sku], v2: v2[M5_LARGE.sku], gcp: gcp[E2_MICRO.sku] } };
}
