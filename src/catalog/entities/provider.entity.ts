import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ProviderKind } from '../../domain/catalog/catalog-enums.js';

@Entity('providers')
export class ProviderEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text') name!: string;
  @Column('text') kind!: ProviderKind;
  @Column({ type: 'char', length: 2, name: 'headquarters_country' }) headquartersCountry!: string;
  @Column('text', { name: 'adapter_id' }) adapterId!: string;
  @Column('text', { nullable: true }) source!: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}
