import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('catalog_rejections')
export class CatalogRejectionEntity {
  @PrimaryColumn('bigint', { name: 'catalog_version_id' }) catalogVersionId!: string;
  @PrimaryColumn('integer') seq!: number;
  /** Where in the input: "row 12", "products.H7NG….terms.OnDemand…", "page 2 item 17". */
  @Column('text') position!: string;
  @Column('text') reason!: string;
  @Column('text', { nullable: true }) excerpt!: string | null;
}
