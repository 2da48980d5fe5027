import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Migrations as persisted state machines: the whole domain Migration (state, steps, attempts,
 * outputs) in `record`, saved with `WHERE version = previous`; the plan it was made from in
 * `plan`. Transitions are append-only: a trigger refuses UPDATE and DELETE.
 */
export class Migrations1764202010000 implements MigrationInterface {
  name = 'Migrations1764202010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE migrations (
        id uuid PRIMARY KEY,
        tenant text NOT NULL,
        workload_id uuid NOT NULL,
        source_provider text NOT NULL,
        source_region text NOT NULL,
        target_provider text NOT NULL,
        target_regions text[] NOT NULL,
        state text NOT NULL,
        strategy text NOT NULL CHECK (strategy IN ('COLD', 'WARM', 'BLUE_GREEN')),
        version integer NOT NULL,
        one_off_cost_usd numeric NOT NULL,
        record jsonb NOT NULL,
        plan jsonb NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      );
      CREATE INDEX migrations_tenant_idx ON migrations (tenant, created_at DESC);
      CREATE INDEX migrations_state_idx ON migrations (state) WHERE state NOT IN ('COMPLETED', 'CANCELLED', 'ROLLED_BACK', 'PLANNED');
      -- One migration at a time moves a workload: from start until it is final.
      CREATE UNIQUE INDEX migrations_one_active_per_workload ON migrations (workload_id)
        WHERE state IN ('RUNNING', 'CUTOVER', 'FAILED', 'CANCELLING', 'ROLLING_BACK');

      CREATE TABLE migration_transitions (
        id bigserial PRIMARY KEY,
        migration_id uuid NOT NULL REFERENCES migrations(id),
        at timestamptz NOT NULL,
        by text NOT NULL,
        event text NOT NULL,
        from_state text,
        to_state text NOT NULL,
        step_key text,
        step_from text,
        step_to text,
        reason text NOT NULL
      );
      CREATE INDEX migration_transitions_migration_idx ON migration_transitions (migration_id, id);

      CREATE FUNCTION migration_transitions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'migration_transitions is append-only';
      END;
      $$;
      CREATE TRIGGER migration_transitions_no_change BEFORE UPDATE OR DELETE ON migration_transitions
        FOR EACH ROW EXECUTE FUNCTION migration_transitions_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE migration_transitions; DROP FUNCTION migration_transitions_append_only(); DROP TABLE migrations;
    `);
  }
}
