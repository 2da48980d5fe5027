import {
  ConsoleLogger,
  Module,
  type DynamicModule,
  type INestApplicationContext,
  type LogLevel,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FEATURE_MODULES } from '../app.module.js';
import { CatalogVersionRepository } from '../catalog/catalog-version.repository.js';
import { StarterCatalogService } from '../catalog/starter-catalog.service.js';
import type { AppConfig } from '../config/config.js';
import { ConfigModule } from '../config/config.module.js';
import { DatabaseModule } from '../database/database.module.js';
import { migrate, openDatabase, type Database } from '../database/database.js';

/** Every log line goes to stderr: stdout carries only the command's output (JSON with --json). */
export class StderrLogger extends ConsoleLogger {
  protected override printMessages(
    messages: unknown[],
    context?: string,
    logLevel?: LogLevel,
    _stream?: 'stdout' | 'stderr',
    errorStack?: unknown,
  ): void {
    super.printMessages(messages, context, logLevel, 'stderr', errorStack);
  }
}

@Module({})
class CliModule {
  static forRoot(config: AppConfig, database: Database): DynamicModule {
    return {
      module: CliModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(database), ...FEATURE_MODULES],
    };
  }
}

export interface CliContext {
  readonly app: INestApplicationContext;
  readonly database: Database;
  readonly config: AppConfig;
  close(): Promise<void>;
}

/**
 * Opens the database the way the service does (same migrations, same recovery, starter
 * catalog on an empty catalog). On the embedded default this takes the data-folder lock, so
 * it fails with a clear message while the service runs.
 */
export async function openCliContext(config: AppConfig): Promise<CliContext> {
  const database = await openDatabase(config.database, { role: 'CLI' });
  try {
    await migrate(database);
    const levels: LogLevel[] =
      config.logLevel === 'debug' ? ['error', 'warn', 'log', 'debug'] : ['error', 'warn'];
    const app = await NestFactory.createApplicationContext(CliModule.forRoot(config, database), {
      logger: new StderrLogger('cumulus', { logLevels: levels }),
    });
    await app.get(CatalogVersionRepository).failAbandoned();
    await app.get(StarterCatalogService).loadIfEmpty();
    return {
      app,
      database,
      config,
      async close() {
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
