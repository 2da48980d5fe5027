import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Catalog, reference data and API keys. Prices are `numeric` (never float); offers carry
 * the columns placement filters on as typed columns and the rest of a source row as JSONB.
 */
export class CatalogSchema1764201600000 implements MigrationInterface {
  name = 'CatalogSchema1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE providers (
        id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]*$'),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('PUBLIC_CLOUD', 'PRIVATE_CLOUD', 'HOSTING')),
        headquarters_country char(2) NOT NULL,
        adapter_id text NOT NULL DEFAULT 'simulated',
        source text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE jurisdictions (
        country_code char(2) PRIMARY KEY,
        country_name text NOT NULL,
        eu_member boolean NOT NULL,
        eea_member boolean NOT NULL,
        eu_adequacy text NOT NULL CHECK (eu_adequacy IN ('EEA', 'FULL', 'PARTIAL', 'NONE')),
        eu_adequacy_note text,
        regime text NOT NULL,
        regime_name text NOT NULL,
        note text,
        source text
      );

      CREATE TABLE regions (
        provider_id text NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
        code text NOT NULL,
        name text NOT NULL,
        country_code char(2) NOT NULL,
        latitude double precision,
        longitude double precision,
        carbon_gco2e_per_kwh numeric,
        carbon_source text,
        pue numeric,
        power_price_per_kwh numeric,
        power_price_currency char(3),
        availability_zones integer,
        capacity_vcpu integer,
        capacity_memory_gib integer,
        source text,
        PRIMARY KEY (provider_id, code)
      );
      CREATE INDEX regions_country_idx ON regions (country_code);

      -- Display names price files use for a region ("US East (N. Virginia)", "West Europe").
      CREATE TABLE region_aliases (
        provider_id text NOT NULL,
        alias text NOT NULL,
        region_code text NOT NULL,
        source text,
        PRIMARY KEY (provider_id, alias)
      );

      CREATE TABLE instance_types (
        provider_id text NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
        name text NOT NULL,
        vcpu numeric NOT NULL CHECK (vcpu > 0),
        memory_gib numeric NOT NULL CHECK (memory_gib >= 0),
        gpu_model text,
        gpu_count numeric NOT NULL DEFAULT 0,
        gpu_memory_gib numeric,
        arch text NOT NULL DEFAULT 'x86_64' CHECK (arch IN ('x86_64', 'arm64', 'i386')),
        family text,
        source text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider_id, name)
      );

      CREATE TABLE catalog_versions (
        id bigserial PRIMARY KEY,
        provider_id text NOT NULL,
        format text NOT NULL,
        scope_key text NOT NULL,
        scope jsonb NOT NULL DEFAULT '{}',
        source text NOT NULL,
        checksum text,
        status text NOT NULL CHECK (status IN ('IMPORTING', 'ACTIVE', 'SUPERSEDED', 'FAILED')),
        records integer NOT NULL DEFAULT 0,
        offers integer NOT NULL DEFAULT 0,
        instance_types integer NOT NULL DEFAULT 0,
        rejected integer NOT NULL DEFAULT 0,
        rejected_reasons jsonb NOT NULL DEFAULT '{}',
        metadata jsonb NOT NULL DEFAULT '{}',
        error text,
        created_by text,
        started_at timestamptz NOT NULL DEFAULT now(),
        heartbeat_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        duration_ms integer,
        activated_at timestamptz,
        superseded_at timestamptz,
        superseded_by bigint REFERENCES catalog_versions(id)
      );
      -- One active version per scope: activation is a status flip inside one transaction.
      CREATE UNIQUE INDEX catalog_versions_one_active_per_scope ON catalog_versions (scope_key) WHERE status = 'ACTIVE';
      CREATE INDEX catalog_versions_provider_idx ON catalog_versions (provider_id, started_at DESC);
      CREATE INDEX catalog_versions_checksum_idx ON catalog_versions (checksum) WHERE status = 'ACTIVE';

      CREATE TABLE offers (
        id bigserial PRIMARY KEY,
        catalog_version_id bigint NOT NULL REFERENCES catalog_versions(id) ON DELETE CASCADE,
        provider_id text NOT NULL,
        region_code text,
        service text NOT NULL,
        service_category text NOT NULL,
        resource_kind text NOT NULL,
        sku text NOT NULL,
        instance_type text,
        os text,
        purchase_option text NOT NULL,
        unit text NOT NULL,
        unit_raw text,
        price numeric NOT NULL CHECK (price >= 0),
        currency char(3) NOT NULL,
        price_usd numeric,
        tier_start numeric,
        tier_end numeric,
        term_code text,
        effective_date date,
        description text,
        attributes jsonb
      );
      CREATE INDEX offers_version_idx ON offers (catalog_version_id, service_category, resource_kind);
      CREATE INDEX offers_lookup_idx ON offers (provider_id, instance_type, region_code);

      CREATE TABLE catalog_rejections (
        catalog_version_id bigint NOT NULL REFERENCES catalog_versions(id) ON DELETE CASCADE,
        seq integer NOT NULL,
        position text NOT NULL,
        reason text NOT NULL,
        excerpt text,
        PRIMARY KEY (catalog_version_id, seq)
      );

      CREATE TABLE slas (
        provider_id text NOT NULL,
        service text NOT NULL,
        scope text NOT NULL,
        uptime_pct numeric NOT NULL CHECK (uptime_pct > 0 AND uptime_pct <= 100),
        credit_tiers jsonb NOT NULL DEFAULT '[]',
        verified text,
        source text,
        PRIMARY KEY (provider_id, service, scope)
      );

      CREATE TABLE latency_measurements (
        src_provider text NOT NULL,
        src_region text NOT NULL,
        dst_provider text NOT NULL,
        dst_region text NOT NULL,
        rtt_ms numeric NOT NULL CHECK (rtt_ms >= 0),
        statistic text NOT NULL,
        source text NOT NULL,
        PRIMARY KEY (src_provider, src_region, dst_provider, dst_region, source)
      );

      CREATE TABLE throughput_measurements (
        src_provider text NOT NULL,
        src_region text NOT NULL,
        dst_provider text NOT NULL,
        dst_region text NOT NULL,
        gbit_per_s numeric NOT NULL CHECK (gbit_per_s > 0),
        source text NOT NULL,
        PRIMARY KEY (src_provider, src_region, dst_provider, dst_region, source)
      );

      CREATE TABLE egress_prices (
        id bigserial PRIMARY KEY,
        provider_id text NOT NULL,
        src_region text NOT NULL,
        destination text NOT NULL CHECK (destination IN ('INTERNET', 'SAME_PROVIDER', 'OTHER_PROVIDER')),
        dst_provider text,
        dst_region text,
        tier_start_gb numeric NOT NULL DEFAULT 0,
        tier_end_gb numeric,
        price_per_gb numeric NOT NULL CHECK (price_per_gb >= 0),
        currency char(3) NOT NULL DEFAULT 'USD',
        source text NOT NULL
      );
      CREATE INDEX egress_prices_src_idx ON egress_prices (provider_id, src_region);

      CREATE TABLE fx_rates (
        currency char(3) NOT NULL,
        effective_date date NOT NULL,
        usd_per_unit numeric NOT NULL CHECK (usd_per_unit > 0),
        source text NOT NULL,
        PRIMARY KEY (currency, effective_date)
      );

      CREATE TABLE api_keys (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('reader', 'operator', 'admin')),
        key_prefix text NOT NULL,
        key_hash text NOT NULL UNIQUE,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE api_keys; DROP TABLE fx_rates; DROP TABLE egress_prices; DROP TABLE throughput_measurements;
      DROP TABLE latency_measurements; DROP TABLE slas; DROP TABLE catalog_rejections; DROP TABLE offers;
      DROP TABLE catalog_versions; DROP TABLE instance_types; DROP TABLE regions; DROP TABLE jurisdictions; DROP TABLE region_aliases;
      DROP TABLE providers;
    `);
  }
}
