import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConflictError } from '../../common/errors.js';
import { copyCsv } from '../../database/bulk-copy.js';
import { FocusImportEntity } from '../entities/ledger.entities.js';
import { LEDGER_COPY_COLUMNS } from './ledger-columns.js';

export type NewFocusImport = Omit<FocusImportEntity, 'id' | 'importedAt'>;

/** Imported FOCUS files and their ACTUAL ledger rows. */
@Injectable()
export class FocusImportRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByChecksum(tenant: string, checksum: string): Promise<FocusImportEntity | null> {
    return this.dataSource.getRepository(FocusImportEntity).findOne({ where: { tenant, checksum } });
  }

  listForTenant(tenant: string): Promise<FocusImportEntity[]> {
    return this.dataSource
      .getRepository(FocusImportEntity)
      .find({ where: { tenant }, order: { id: 'DESC' } });
  }

  /**
   * Writes an import and all its rows in ONE transaction: the import row first (its id goes on
   * every ledger row), then each COPY batch the producer yields. If the producer throws (the
   * file changed under it) nothing is kept. A second import of the same bytes racing this one
   * fails on the (tenant, checksum) key.
   */
  async writeImport(
    entity: NewFocusImport,
    batches: (importId: string) => AsyncIterable<string>,
  ): Promise<FocusImportEntity> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const saved = await runner.manager.save(
        FocusImportEntity,
        runner.manager.create(FocusImportEntity, entity),
      );
      for await (const csv of batches(saved.id)) {
        await copyCsv(runner, 'cost_ledger', LEDGER_COPY_COLUMNS, csv);
      }
      await runner.commitTransaction();
      return saved;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      if ((error as { code?: string }).code === '23505')
        throw new ConflictError('the same file is being imported by another request', {
          checksum: entity.checksum,
        });
      throw error;
    } finally {
      await runner.release();
    }
  }
}
