import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cost ledger, shaped after FOCUS 1.2: one row per charge, money as numeric, half-open
 * charge periods as timestamptz. ESTIMATED rows are accrued daily from deployments × catalog
 * prices (one per deployment per stretch of constant price); ACTUAL rows are imported from a
 * provider's FOCUS bill for a provider account.
 *
 * Partitioned by month on charge_period_start (on the server and on PGlite alike): a spend
 * query over a range prunes to its months, accrual replaces a day inside one partition, and
 * old months can be detached or dropped whole. Partitions are created on demand before rows
 * are written (LedgerPartitionRepository); there is no default partition, so a row for a month
 * nobody prepared fails loudly instead of landing somewhere a later partition cannot take over.
 *
 * Indexes are few on purpose (a year of 10k deployments is 3.65M rows):
 * - (basis, charge_period_start, tenant, id): spend ranges, the day replaced by accrual, and
 *   the export's keyset cursor (tenant and basis are equalities, so the order is (start, id));
 * - the idempotency key, unique among ESTIMATED rows (a unique index on a partitioned table
 *   must hold the partition key; the key embeds the charge period start anyway);
 * - import_id, to find or remove one import's rows.
 */
export class CostLedger1764202100000 implements MigrationInterface {
  name = 'CostLedger1764202100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE focus_imports (
        id bigserial PRIMARY KEY,
        tenant text NOT NULL,
        provider_account text,
        file_name text NOT NULL,
        checksum text NOT NULL,
        rows integer NOT NULL,
        rejected integer NOT NULL DEFAULT 0,
        rejections jsonb NOT NULL DEFAULT '[]',
        warnings integer NOT NULL DEFAULT 0,
        totals jsonb NOT NULL DEFAULT '{}',
        charge_period_start timestamptz,
        charge_period_end timestamptz,
        imported_by text,
        imported_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant, checksum)
      );

      CREATE TABLE cost_ledger (
        id bigserial NOT NULL,
        tenant text NOT NULL,
        basis text NOT NULL CHECK (basis IN ('ESTIMATED', 'ACTUAL')),
        idempotency_key text,
        import_id bigint,
        provider_account text,
        source_row integer,
        provider_id text,
        workload_id uuid,
        deployment_id uuid,
        component text,
        offer_id text,
        availability_zone text,
        billed_cost numeric NOT NULL,
        billing_account_id text NOT NULL,
        billing_account_name text,
        billing_currency text NOT NULL CHECK (billing_currency ~ '^[A-Z]{3}$'),
        billing_period_start timestamptz,
        billing_period_end timestamptz,
        charge_category text NOT NULL,
        charge_class text,
        charge_description text,
        charge_frequency text,
        charge_period_start timestamptz NOT NULL,
        charge_period_end timestamptz NOT NULL,
        commitment_discount_id text,
        consumed_quantity numeric,
        consumed_unit text,
        contracted_cost numeric,
        contracted_unit_price numeric,
        effective_cost numeric NOT NULL,
        invoice_issuer_name text,
        list_cost numeric,
        list_unit_price numeric,
        pricing_category text,
        pricing_currency text,
        pricing_currency_contracted_unit_price numeric,
        pricing_currency_effective_cost numeric,
        pricing_currency_list_unit_price numeric,
        pricing_quantity numeric,
        pricing_unit text,
        provider_name text NOT NULL,
        publisher_name text,
        region_id text,
        region_name text,
        resource_id text,
        resource_name text,
        resource_type text,
        service_category text NOT NULL,
        service_name text,
        sku_id text,
        sku_price_id text,
        sub_account_id text,
        sub_account_name text,
        tags jsonb NOT NULL DEFAULT '{}',
        CHECK (charge_period_start < charge_period_end),
        CHECK (basis = 'ACTUAL' OR (idempotency_key IS NOT NULL AND deployment_id IS NOT NULL)),
        CHECK (basis = 'ESTIMATED' OR (provider_account IS NOT NULL AND import_id IS NOT NULL))
      ) PARTITION BY RANGE (charge_period_start);
      CREATE INDEX cost_ledger_period_idx ON cost_ledger (basis, charge_period_start, tenant, id);
      CREATE UNIQUE INDEX cost_ledger_idempotency_key ON cost_ledger (idempotency_key, charge_period_start)
        WHERE basis = 'ESTIMATED';
      CREATE INDEX cost_ledger_import_idx ON cost_ledger (import_id) WHERE import_id IS NOT NULL;

      -- One row per accrued UTC day: what the catch-up starts after, and what a run did.
      CREATE TABLE cost_accrual_days (
        day date PRIMARY KEY,
        accrued_at timestamptz NOT NULL DEFAULT now(),
        rows integer NOT NULL,
        deployments integer NOT NULL,
        billed_cost numeric NOT NULL,
        skipped jsonb NOT NULL DEFAULT '[]'
      );

      CREATE TABLE budgets (
        id uuid PRIMARY KEY,
        tenant text NOT NULL,
        name text NOT NULL,
        amount numeric NOT NULL CHECK (amount > 0),
        currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        period text NOT NULL DEFAULT 'MONTH' CHECK (period = 'MONTH'),
        ledger_basis text NOT NULL DEFAULT 'ESTIMATED' CHECK (ledger_basis IN ('ESTIMATED', 'ACTUAL')),
        scope_provider_name text,
        scope_workload_id uuid,
        scope_tag_key text,
        scope_tag_value text,
        thresholds_pct numeric[] NOT NULL,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant, name),
        CHECK ((scope_tag_key IS NULL) = (scope_tag_value IS NULL))
      );

      -- The unique key is what makes an alert "raised once": concurrent evaluations insert with ON CONFLICT DO NOTHING.
      CREATE TABLE budget_alerts (
        id bigserial PRIMARY KEY,
        budget_id uuid NOT NULL REFERENCES budgets(id) ON DELETE CASCADE,
        tenant text NOT NULL,
        period text NOT NULL,
        threshold_pct numeric NOT NULL,
        basis text NOT NULL CHECK (basis IN ('ACTUAL', 'FORECAST')),
        crossed_at timestamptz NOT NULL,
        amount numeric NOT NULL,
        threshold_amount numeric NOT NULL,
        currency text NOT NULL,
        raised_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (budget_id, period, threshold_pct, basis)
      );
      CREATE INDEX budget_alerts_tenant_idx ON budget_alerts (tenant, raised_at DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE budget_alerts; DROP TABLE budgets; DROP TABLE cost_accrual_days;
      DROP TABLE cost_ledger; DROP TABLE focus_imports;
    `);
  }
}
