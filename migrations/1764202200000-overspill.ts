import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Overspill: policies (one per on-prem site), the dwell/cooldown history each carries between
 * ticks (one row per mode, so a dry run's would-be moves never cool down the enforced policy),
 * every tick's decision, and the bursts the policy made, each with its lease.
 *
 * "Exactly one decision per tick" is the unique (policy_id, tick_at): a replica claims the tick
 * by inserting its row before deciding, and a second replica's insert for the same tick finds it.
 * One open burst per workload is a partial unique index, so two decisions can never both move it.
 * sim_site_loads is the simulated provider's hand-set background load (simulateSiteLoad).
 */
export class Overspill1764202200000 implements MigrationInterface {
  name = 'Overspill1764202200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE overspill_policies (
        id uuid PRIMARY KEY,
        tenant text NOT NULL,
        site text NOT NULL UNIQUE,
        provider_id text NOT NULL,
        region_code text NOT NULL,
        schedule text NOT NULL,
        metric text NOT NULL CHECK (metric IN ('VCPU', 'MEMORY')),
        high_watermark double precision NOT NULL CHECK (high_watermark > 0 AND high_watermark <= 1),
        low_watermark double precision NOT NULL CHECK (low_watermark >= 0 AND low_watermark < high_watermark),
        dwell_ticks integer NOT NULL CHECK (dwell_ticks >= 1),
        cooldown_minutes double precision NOT NULL CHECK (cooldown_minutes >= 0),
        max_vcpu_out double precision NOT NULL CHECK (max_vcpu_out >= 0),
        max_cost_per_day numeric NOT NULL CHECK (max_cost_per_day >= 0),
        max_moves_per_hour integer NOT NULL CHECK (max_moves_per_hour >= 0),
        selector_tags text[] NOT NULL DEFAULT '{}',
        selector_min_priority integer NOT NULL DEFAULT 0,
        target_constraints jsonb NOT NULL DEFAULT '{}',
        mode text NOT NULL CHECK (mode IN ('DRY_RUN', 'ENFORCE')),
        lease_minutes double precision NOT NULL CHECK (lease_minutes > 0),
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX overspill_policies_tenant_idx ON overspill_policies (tenant, site);

      CREATE TABLE overspill_histories (
        policy_id uuid NOT NULL REFERENCES overspill_policies(id) ON DELETE CASCADE,
        mode text NOT NULL CHECK (mode IN ('DRY_RUN', 'ENFORCE')),
        history jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (policy_id, mode)
      );

      CREATE TABLE overspill_decisions (
        id uuid PRIMARY KEY,
        policy_id uuid NOT NULL REFERENCES overspill_policies(id) ON DELETE CASCADE,
        tenant text NOT NULL,
        site text NOT NULL,
        tick_at timestamptz NOT NULL,
        trigger text NOT NULL CHECK (trigger IN ('SCHEDULE', 'MANUAL')),
        status text NOT NULL CHECK (status IN ('CLAIMED', 'DECIDED', 'FAILED')),
        claimed_by text NOT NULL,
        claimed_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        mode text NOT NULL CHECK (mode IN ('DRY_RUN', 'ENFORCE')),
        action text CHECK (action IN ('BURST', 'RECALL', 'HOLD')),
        workloads text[] NOT NULL DEFAULT '{}',
        reasons text[] NOT NULL DEFAULT '{}',
        utilisation double precision,
        projected_utilisation double precision,
        projected_vcpu_out double precision,
        projected_cost_per_day_usd numeric,
        inputs jsonb,
        decision jsonb,
        outcome jsonb,
        error text,
        CONSTRAINT overspill_decisions_one_per_tick UNIQUE (policy_id, tick_at)
      );

      CREATE TABLE overspill_bursts (
        id uuid PRIMARY KEY,
        policy_id uuid NOT NULL REFERENCES overspill_policies(id) ON DELETE CASCADE,
        tenant text NOT NULL,
        workload_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('BURSTING', 'ACTIVE', 'RECALLING', 'ENDED', 'ABANDONED')),
        target_provider text NOT NULL,
        target_region text NOT NULL,
        vcpu double precision NOT NULL,
        memory_gib double precision NOT NULL,
        cost_per_day_usd numeric NOT NULL,
        move_index integer NOT NULL DEFAULT 0,
        burst_decision_id uuid,
        burst_migration_id uuid,
        recall_decision_id uuid,
        recall_migration_id uuid,
        decided_at timestamptz NOT NULL,
        bursted_at timestamptz,
        lease_expires_at timestamptz,
        recall_decided_at timestamptz,
        ended_at timestamptz,
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX overspill_bursts_policy_idx ON overspill_bursts (policy_id, status);
      CREATE UNIQUE INDEX overspill_bursts_one_open_per_workload ON overspill_bursts (workload_id)
        WHERE status IN ('BURSTING', 'ACTIVE', 'RECALLING');

      CREATE TABLE sim_site_loads (
        provider_id text NOT NULL,
        region_code text NOT NULL,
        background_utilization double precision NOT NULL
          CHECK (background_utilization >= 0 AND background_utilization <= 1),
        set_by text NOT NULL,
        set_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider_id, region_code)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE sim_site_loads; DROP TABLE overspill_bursts; DROP TABLE overspill_decisions;
      DROP TABLE overspill_histories; DROP TABLE overspill_policies;
    `);
  }
}
