import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AdvisoryLockService } from './advisory-lock.service.js';
import type { Database } from './database.js';
import { DATABASE } from './database.token.js';

export { DATABASE } from './database.token.js';

/** Hands the already opened and migrated database to Nest; it is opened before the app (see bootstrap). */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(database: Database): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DATABASE, useValue: database },
        { provide: DataSource, useValue: database.dataSource },
        AdvisoryLockService,
      ],
      exports: [DATABASE, DataSource, AdvisoryLockService],
    };
  }
}
