import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Workloads (service models) per tenant. The model itself (components, users, constraints,
 * weights) is one JSONB document validated by the API; what lists and overspill select on
 * (name, burstable, priority, tags) are typed columns. API keys gain the tenant they act for.
 */
export class Workloads1764201800000 implements MigrationInterface {
  name = 'Workloads1764201800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE api_keys ADD COLUMN tenant text NOT NULL DEFAULT 'default';

      CREATE TABLE workloads (
        id uuid PRIMARY KEY,
        tenant text NOT NULL,
        name text NOT NULL,
        description text,
        spec jsonb NOT NULL,
        burstable boolean NOT NULL DEFAULT false,
        priority integer NOT NULL DEFAULT 0,
        tags text[] NOT NULL DEFAULT '{}',
        revision integer NOT NULL DEFAULT 1,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant, name)
      );
      CREATE INDEX workloads_tenant_idx ON workloads (tenant, burstable, priority);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE workloads; ALTER TABLE api_keys DROP COLUMN tenant;`);
  }
}
