import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { ApiKeyService } from './auth/api-key.service.js';
import { AuthModule } from './auth/auth.module.js';
import { CatalogModule } from './catalog/catalog.module.js';
import { GraphqlErrorFilter } from './common/graphql-error.filter.js';
import { queryLimitsPlugin } from './common/graphql-limits.js';
import { DecimalScalar, JSONScalar } from './common/graphql-scalars.js';
import { createValidationPipe } from './common/validation.js';
import type { AppConfig } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import type { Database } from './database/database.js';
import { HealthController } from './health/health.controller.js';
import { WorkloadsModule } from './workloads/workloads.module.js';
import { DeploymentsModule } from './deployments/deployments.module.js';
import { MigrationModule } from './migration/migration.module.js';
import { PlacementModule } from './placement/placement.module.js';
import { FinanceModule } from './finance/finance.module.js';
import { FocusExportController } from './finance/focus-export.controller.js';
import { OverspillModule } from './overspill/overspill.module.js';

function bearer(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match ? match[1] : null;
}

const unauthenticated = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

/** The feature modules the service and the CLI share. */
export const FEATURE_MODULES = [
  AuthModule,
  CatalogModule,
  WorkloadsModule,
  PlacementModule,
  DeploymentsModule,
  MigrationModule,
  FinanceModule,
  OverspillModule,
];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, database: Database): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(database),
        ...FEATURE_MODULES,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [ApiKeyService],
          useFactory: (keys: ApiKeyService) => ({
            autoSchemaFile: true,
            sortSchema: true,
            path: '/graphql',
            resolvers: { JSON: JSONScalar, Decimal: DecimalScalar },
            introspection: true,
            csrfPrevention: true,
            includeStacktraceInErrorResponses: config.nodeEnv !== 'production',
            plugins: [queryLimitsPlugin(config.graphql)],
            // Every request carries a key: an unknown or missing key fails the whole request.
            context: async ({
              req,
              extra,
            }: {
              req?: { headers: Record<string, unknown> };
              extra?: { principal?: unknown };
            }) => {
              if (extra?.principal) return { principal: extra.principal, req };
              const key = bearer(req?.headers.authorization);
              if (!key) throw unauthenticated('missing API key: send Authorization: Bearer <key>');
              const principal = await keys.verify(key);
              if (!principal) throw unauthenticated('unknown or revoked API key');
              return { principal, req };
            },
            subscriptions: {
              'graphql-ws': {
                onConnect: async (ctx) => {
                  const params = ctx.connectionParams ?? {};
                  const key = bearer(params.authorization ?? params.Authorization);
                  const principal = key ? await keys.verify(key) : null;
                  if (!principal) return false;
                  (ctx.extra as { principal?: unknown }).principal = principal;
                  return true;
                },
              },
            },
          }),
        }),
      ],
      controllers: [HealthController, FocusExportController],
      providers: [
        { provide: APP_FILTER, useClass: GraphqlErrorFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
