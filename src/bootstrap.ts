import type { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import graphqlUploadExpress from 'graphql-upload/graphqlUploadExpress.mjs';
import { AppModule } from './app.module.js';
import { ServiceLogger } from './common/service-logger.js';
import { ApiKeyService } from './auth/api-key.service.js';
import { CatalogVersionRepository } from './catalog/catalog-version.repository.js';
import { StarterCatalogService } from './catalog/starter-catalog.service.js';
import type { AppConfig } from './config/config.js';
import { migrate, openDatabase, type Database } from './database/database.js';

export interface RunningService {
  readonly app: INestApplication;
  readonly url: string;
  readonly database: Database;
  /** The admin key created on the first start of an empty embedded database (printed once). */
  readonly bootstrapAdminKey: string | null;
  close(): Promise<void>;
}

const LEVELS: Record<AppConfig['logLevel'], LogLevel[]> = {
  error: ['error', 'fatal'],
  warn: ['error', 'fatal', 'warn'],
  log: ['error', 'fatal', 'warn', 'log'],
  debug: ['error', 'fatal', 'warn', 'log', 'debug'],
};

/**
 * Opens and migrates the database, recovers what a killed process left behind, loads the
 * starter catalog into an empty catalog, and serves GraphQL.
 */
export async function startService(
  config: AppConfig,
  options: { port?: number } = {},
): Promise<RunningService> {
  const database = await openDatabase(config.database, { role: 'service' });
  try {
    await migrate(database);
    const app = await NestFactory.create(AppModule.forRoot(config, database), {
      logger: new ServiceLogger('cumulus', { logLevels: LEVELS[config.logLevel] }),
      bodyParser: true,
    });
    app.enableShutdownHooks();
    app.use('/graphql', graphqlUploadExpress({ maxFileSize: config.maxUploadBytes, maxFiles: 1 }));

    const versions = app.get(CatalogVersionRepository);
    await versions.failAbandoned();
    await app.get(StarterCatalogService).loadIfEmpty();

    let bootstrapAdminKey: string | null = null;
    const keys = app.get(ApiKeyService);
    if (database.kind === 'pglite' && !(await keys.hasAnyKey())) {
      bootstrapAdminKey = (await keys.create('admin', 'bootstrap admin', 'first start')).key;
    }

    await app.listen(options.port ?? config.port, config.host);
    const address = app.getHttpServer().address() as { port: number };
    const url = `http://localhost:${address.port}`;
    database.lock?.setUrl(url);
    return {
      app,
      url,
      database,
      bootstrapAdminKey,
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
