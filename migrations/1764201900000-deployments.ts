import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where each workload component runs, from when to when, at which offer. Migrations and
 * overspill end one deployment and start the next; finance accrues cost from these rows.
 * One running deployment per workload component.
 */
export class Deployments1764201900000 implements MigrationInterface {
  name = 'Deployments1764201900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deployments (
        id uuid PRIMARY KEY,
        tenant text NOT NULL,
        workload_id uuid NOT NULL REFERENCES workloads(id) ON DELETE CASCADE,
        component text NOT NULL,
        provider_id text NOT NULL,
        region_code text NOT NULL,
        offer_id bigint,
        sku text,
        instance_type text,
        purchase_option text NOT NULL DEFAULT 'ON_DEMAND',
        instance_count integer NOT NULL CHECK (instance_count > 0),
        vcpu numeric NOT NULL DEFAULT 0,
        memory_gib numeric NOT NULL DEFAULT 0,
        price_per_hour numeric NOT NULL CHECK (price_per_hour >= 0),
        currency char(3) NOT NULL,
        price_per_hour_usd numeric,
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        source text NOT NULL CHECK (source IN ('MANUAL', 'MIGRATION', 'OVERSPILL')),
        migration_id uuid,
        tags jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ended_at IS NULL OR ended_at >= started_at)
      );
      CREATE UNIQUE INDEX deployments_one_running_per_component ON deployments (workload_id, component) WHERE ended_at IS NULL;
      CREATE INDEX deployments_period_idx ON deployments (started_at, ended_at);
      CREATE INDEX deployments_site_idx ON deployments (provider_id, region_code) WHERE ended_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deployments`);
  }
}
