import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from './role.js';

@Entity('api_keys')
export class ApiKeyEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text') role!: Role;
  /** The first characters of the key, shown in listings so a key can be recognised. */
  @Column('text', { name: 'key_prefix' }) keyPrefix!: string;
  /** SHA-256 of the whole key; the key itself is shown once and never stored. */
  @Column('text', { name: 'key_hash' }) keyHash!: string;
  /** The tenant whose workloads the key sees and changes. */
  @Column('text', { default: 'default' }) tenant!: string;
  @Column('text', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { name: 'last_used_at', nullable: true }) lastUsedAt!: Date | null;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
}
