import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The availability a site is designed for (cumulus-csv `availability_pct`): placement needs it
 * for on-prem sites, which have no published SLA. Null for cloud regions (their SLA is in slas).
 */
export class RegionAvailability1764201700000 implements MigrationInterface {
  name = 'RegionAvailability1764201700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE regions ADD COLUMN availability_pct numeric CHECK (availability_pct > 0 AND availability_pct <= 100)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE regions DROP COLUMN availability_pct`);
  }
}
