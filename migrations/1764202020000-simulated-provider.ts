import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The simulated provider's own state: machines, snapshots, images (transferred objects,
 * converted and imported images) and DNS records, per provider id. `sim_effects` records the
 * result of every idempotency key once, in the transaction that made the effect, so a repeated
 * call returns it without acting again; `sim_calls` logs every call, replays included.
 */
export class SimulatedProvider1764202020000 implements MigrationInterface {
  name = 'SimulatedProvider1764202020000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sim_vms (
        provider_id text NOT NULL,
        id text NOT NULL,
        region_code text NOT NULL,
        name text NOT NULL,
        state text NOT NULL CHECK (state IN ('PROVISIONED', 'RUNNING', 'STOPPED', 'RELEASED', 'TERMINATED')),
        vcpu numeric NOT NULL DEFAULT 0,
        memory_gib numeric NOT NULL DEFAULT 0,
        image_id text,
        address text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider_id, id)
      );
      CREATE INDEX sim_vms_name_idx ON sim_vms (provider_id, name);

      CREATE TABLE sim_snapshots (
        provider_id text NOT NULL,
        id text NOT NULL,
        vm_id text NOT NULL,
        format text NOT NULL,
        size_gib numeric NOT NULL,
        state text NOT NULL CHECK (state IN ('AVAILABLE', 'DELETED')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider_id, id)
      );

      CREATE TABLE sim_images (
        provider_id text NOT NULL,
        id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('OBJECT', 'CONVERTED', 'IMAGE')),
        format text NOT NULL,
        source_ref text NOT NULL,
        size_gib numeric NOT NULL,
        state text NOT NULL CHECK (state IN ('AVAILABLE', 'DELETED')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider_id, id)
      );

      CREATE TABLE sim_dns_records (
        provider_id text NOT NULL,
        name text NOT NULL,
        address text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider_id, name)
      );

      CREATE TABLE sim_effects (
        key text PRIMARY KEY,
        provider_id text NOT NULL,
        operation text NOT NULL,
        result jsonb NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX sim_effects_provider_idx ON sim_effects (provider_id, operation);

      CREATE TABLE sim_calls (
        id bigserial PRIMARY KEY,
        key text NOT NULL,
        provider_id text NOT NULL,
        operation text NOT NULL,
        attempt integer NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('EFFECT', 'REPLAY', 'FAULT')),
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX sim_calls_key_idx ON sim_calls (key);

      -- Faults injected for one migration (tests); provider-wide faults come from config.
      CREATE TABLE sim_faults (
        id bigserial PRIMARY KEY,
        migration_id text NOT NULL,
        spec jsonb NOT NULL
      );
      CREATE INDEX sim_faults_migration_idx ON sim_faults (migration_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE sim_faults; DROP TABLE sim_calls; DROP TABLE sim_effects; DROP TABLE sim_dns_records;
      DROP TABLE sim_images; DROP TABLE sim_snapshots; DROP TABLE sim_vms;
    `);
  }
}
