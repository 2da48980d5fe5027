import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type {
  OperatingSystem,
  PurchaseOption,
  ResourceKind,
  ServiceCategory,
  Unit,
} from '../../domain/catalog/catalog-enums.js';

/** One price point of one catalog version. Written by COPY; read through OfferRepository. */
@Entity('offers')
export class OfferEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('bigint', { name: 'catalog_version_id' }) catalogVersionId!: string;
  @Column('text', { name: 'provider_id' }) providerId!: string;
  @Column('text', { name: 'region_code', nullable: true }) regionCode!: string | null;
  @Column('text') service!: string;
  @Column('text', { name: 'service_category' }) serviceCategory!: ServiceCategory;
  @Column('text', { name: 'resource_kind' }) resourceKind!: ResourceKind;
  @Column('text') sku!: string;
  @Column('text', { name: 'instance_type', nullable: true }) instanceType!: string | null;
  @Column('text', { nullable: true }) os!: OperatingSystem | null;
  @Column('text', { name: 'purchase_option' }) purchaseOption!: PurchaseOption;
  @Column('text') unit!: Unit;
  @Column('text', { name: 'unit_raw', nullable: true }) unitRaw!: string | null;
  @Column('numeric') price!: string;
  @Column({ type: 'char', length: 3 }) currency!: string;
  @Column('numeric', { name: 'price_usd', nullable: true }) priceUsd!: string | null;
  @Column('numeric', { name: 'tier_start', nullable: true }) tierStart!: string | null;
  @Column('numeric', { name: 'tier_end', nullable: true }) tierEnd!: string | null;
  @Column('text', { name: 'term_code', nullable: true }) termCode!: string | null;
  @Column('date', { name: 'effective_date', nullable: true }) effectiveDate!: string | null;
  @Column('text', { nullable: true }) description!: string | null;
  @Column('jsonb', { nullable: true }) attributes!: Record<string, unknown> | null;
}
