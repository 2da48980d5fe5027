import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ProviderKind } from '../domain/catalog/catalog-enums.js';

export interface ProviderAdapterRow {
  readonly id: string;
  readonly kind: ProviderKind;
  readonly adapterId: string;
}

/** Which adapter serves which provider (providers.adapter_id). */
@Injectable()
export class ProviderDirectoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findAdapterRow(providerId: string): Promise<ProviderAdapterRow | null> {
    const [row] = await this.dataSource.query<{ id: string; kind: ProviderKind; adapter_id: string }[]>(
      `SELECT id, kind, adapter_id FROM providers WHERE id = $1`,
      [providerId],
    );
    return row ? { id: row.id, kind: row.kind, adapterId: row.adapter_id } : null;
  }
}
