import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('regions')
export class RegionEntity {
  @PrimaryColumn('text', { name: 'provider_id' }) providerId!: string;
  @PrimaryColumn('text') code!: string;
  @Column('text') name!: string;
  @Column({ type: 'char', length: 2, name: 'country_code' }) countryCode!: string;
  @Column('double precision', { nullable: true }) latitude!: number | null;
  @Column('double precision', { nullable: true }) longitude!: number | null;
  @Column('numeric', { name: 'carbon_gco2e_per_kwh', nullable: true }) carbonGco2ePerKwh!: string | null;
  @Column('text', { name: 'carbon_source', nullable: true }) carbonSource!: string | null;
  @Column('numeric', { nullable: true }) pue!: string | null;
  @Column('numeric', { name: 'power_price_per_kwh', nullable: true }) powerPricePerKwh!: string | null;
  @Column({ type: 'char', length: 3, name: 'power_price_currency', nullable: true }) powerPriceCurrency!:
    string | null;
  @Column('integer', { name: 'availability_zones', nullable: true }) availabilityZones!: number | null;
  /** Designed availability of an on-prem site, percent; cloud regions use their provider's SLA. */
  @Column('numeric', { name: 'availability_pct', nullable: true }) availabilityPct!: string | null;
  /** Capacity of an on-prem site (what overspill measures utilisation against). */
  @Column('integer', { name: 'capacity_vcpu', nullable: true }) capacityVcpu!: number | null;
  @Column('integer', { name: 'capacity_memory_gib', nullable: true }) capacityMemoryGib!: number | null;
  @Column('text', { nullable: true }) source!: string | null;
}

@Entity('region_aliases')
export class RegionAliasEntity {
  @PrimaryColumn('text', { name: 'provider_id' }) providerId!: string;
  @PrimaryColumn('text') alias!: string;
  @Column('text', { name: 'region_code' }) regionCode!: string;
  @Column('text', { nullable: true }) source!: string | null;
}
