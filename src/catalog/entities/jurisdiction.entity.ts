import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EuAdequacy } from '../../domain/catalog/catalog-enums.js';

@Entity('jurisdictions')
export class JurisdictionEntity {
  @PrimaryColumn({ type: 'char', length: 2, name: 'country_code' }) countryCode!: string;
  @Column('text', { name: 'country_name' }) countryName!: string;
  @Column('boolean', { name: 'eu_member' }) euMember!: boolean;
  @Column('boolean', { name: 'eea_member' }) eeaMember!: boolean;
  @Column('text', { name: 'eu_adequacy' }) euAdequacy!: EuAdequacy;
  @Column('text', { name: 'eu_adequacy_note', nullable: true }) euAdequacyNote!: string | null;
  /** Regime code, e.g. EU_GDPR, UK_GDPR, CH_FADP, US, CN_PIPL. */
  @Column('text') regime!: string;
  @Column('text', { name: 'regime_name' }) regimeName!: string;
  @Column('text', { nullable: true }) note!: string | null;
  @Column('text', { nullable: true }) source!: string | null;
}
