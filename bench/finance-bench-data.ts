import type { DataSource } from 'typeorm';
import { canonicalDecimal } from '../src/domain/finance/index.js';
import type { SpendLine } from '../src/finance/spend.service.js';

/**
 * The benchmark's world, written with set-based SQL: 4 providers × 3 regions × 5 instance SKUs
 * priced per hour (catalog versions activated 2024-12-01), AWS re-priced +5 % by a version
 * activated 2025-07-01 12:00, and `deployments` deployments of 1–3 instances running all 2025 in
 * workloads of 4 components. Every tenth one migrates on 2025-09-15 09:30 to another offer, so
 * the year has the price-change and cutover splits real ledgers have.
 */
export async function seedFinanceBench(
  ds: DataSource,
  deployments: number,
): Promise<{ deployments: number; moved: number }> {
  await ds.query(`
    INSERT INTO providers (id, name, kind, headquarters_country) VALUES
      ('aws', 'AWS', 'PUBLIC_CLOUD', 'US'), ('azure', 'Microsoft', 'PUBLIC_CLOUD', 'US'),
      ('gcp', 'Google Cloud', 'PUBLIC_CLOUD', 'US'), ('onprem-frankfurt', 'Example on-prem', 'PRIVATE_CLOUD', 'DE');
    INSERT INTO regions (provider_id, code, name, country_code)
      SELECT p, p || '-r' || r, p || ' region ' || r, 'DE' FROM unnest(ARRAY['aws', 'azure', 'gcp', 'onprem-frankfurt']) p,
        generate_series(1, 3) r;
    INSERT INTO catalog_versions (provider_id, format, scope_key, source, status, started_at, activated_at)
      SELECT p, 'cumulus-csv', p || '/cumulus-csv', 'bench', CASE WHEN p = 'aws' THEN 'SUPERSEDED' ELSE 'ACTIVE' END,
             '2024-12-01T00:00:00Z', '2024-12-01T00:00:00Z'
      FROM unnest(ARRAY['aws', 'azure', 'gcp', 'onprem-frankfurt']) p;
    INSERT INTO catalog_versions (provider_id, format, scope_key, source, status, started_at, activated_at)
      VALUES ('aws', 'cumulus-csv', 'aws/cumulus-csv', 'bench re-price', 'ACTIVE', '2025-07-01T12:00:00Z', '2025-07-01T12:00:00Z');
    INSERT INTO offers (catalog_version_id, provider_id, region_code, service, service_category, resource_kind, sku,
                        instance_type, os, purchase_option, unit, price, currency, price_usd)
      SELECT cv.id, cv.provider_id, cv.provider_id || '-r' || r, 'Virtual Machines', 'COMPUTE', 'INSTANCE',
             upper(cv.provider_id) || '-R' || r || '-S' || s, 'type-' || s, 'LINUX', 'ON_DEMAND', 'HOUR', price, 'USD', price
      FROM catalog_versions cv, generate_series(1, 3) r, generate_series(1, 5) s,
           LATERAL (SELECT round((0.0104 * s * s + 0.001 * r) * CASE WHEN cv.source = 'bench re-price' THEN 1.05 ELSE 1 END, 6) AS price) p;
  `);
  await ds.query(
    `INSERT INTO workloads (id, tenant, name, spec, tags)
     SELECT md5('w' || w)::uuid, 'default', 'workload-' || w, '{"name": "bench", "components": []}'::jsonb,
            ARRAY['team=t' || (w % 7)]
     FROM generate_series(0, ($1::int - 1) / 4) w`,
    [deployments],
  );
  const first = `
    WITH o AS (
      SELECT o.id, o.provider_id, o.region_code, o.sku, o.price, (row_number() OVER (ORDER BY o.id) - 1)::int AS n
      FROM offers o JOIN catalog_versions cv ON cv.id = o.catalog_version_id
      WHERE cv.activated_at = '2024-12-01T00:00:00Z'),
    c AS (SELECT count(*)::int AS n FROM o)`;
  await ds.query(
    `${first}
     INSERT INTO deployments (id, tenant, workload_id, component, provider_id, region_code, offer_id, sku, instance_count,
                              price_per_hour, currency, price_per_hour_usd, started_at, ended_at, source, tags)
     SELECT md5('d' || i)::uuid, 'default', md5('w' || (i / 4))::uuid, 'c' || (i % 4), o.provider_id, o.region_code, o.id,
            o.sku, 1 + i % 3, o.price, 'USD', o.price, '2025-01-01T00:00:00Z',
            CASE WHEN i % 10 = 0 THEN '2025-09-15T09:30:00Z'::timestamptz END, 'MANUAL', '{}'::jsonb
     FROM generate_series(0, $1::int - 1) i, c JOIN o ON true WHERE o.n = i % c.n`,
    [deployments],
  );
  await ds.query(
    `${first}
     INSERT INTO deployments (id, tenant, workload_id, component, provider_id, region_code, offer_id, sku, instance_count,
                              price_per_hour, currency, price_per_hour_usd, started_at, ended_at, source, tags)
     SELECT md5('m' || i)::uuid, 'default', md5('w' || (i / 4))::uuid, 'c' || (i % 4), o.provider_id, o.region_code, o.id,
            o.sku, 1 + i % 3, o.price, 'USD', o.price, '2025-09-15T09:30:00Z', NULL, 'MIGRATION', '{}'::jsonb
     FROM generate_series(0, $1::int - 1, 10) i, c JOIN o ON true WHERE o.n = (i + 17) % c.n`,
    [deployments],
  );
  await ds.query('ANALYZE');
  return { deployments, moved: Math.ceil(deployments / 10) };
}

/** The hand-written aggregate the spend query is measured against: same table, filters and sums. */
export const BASELINE_SQL = `
  SELECT date_trunc('month', charge_period_start, 'UTC') AS month, provider_name, billing_currency,
         sum(billed_cost) AS billed, sum(effective_cost) AS effective, sum(list_cost) AS list
  FROM cost_ledger
  WHERE basis = 'ESTIMATED' AND tenant = 'default' AND charge_period_start >= $1 AND charge_period_start < $2
  GROUP BY 1, 2, 3`;

/** Null when spend and the baseline found the same groups with the same exact sums, else the first difference. */
export function compareWithBaseline(
  answer: readonly SpendLine[],
  baseline: readonly Record<string, unknown>[],
): string | null {
  const expected = new Map(
    baseline.map((r) => [
      `${(r.month as Date).toISOString().slice(0, 7)}|${String(r.provider_name)}|${String(r.billing_currency)}`,
      canonicalDecimal(String(r.billed)),
    ]),
  );
  if (expected.size !== answer.length) return `${answer.length} groups, the baseline has ${expected.size}`;
  for (const line of answer) {
    const key = `${line.period}|${line.key.provider}|${line.currency}`;
    if (expected.get(key) !== line.billedCost) return `${key}: ${line.billedCost} vs ${expected.get(key)}`;
  }
  return null;
}
