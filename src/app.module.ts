import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Logger as PinoLogger } from 'pino';
import { DataSource } from 'typeorm';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AssetsModule } from './assets/assets.module';
import { graphqlCaching } from './cache/graphql-caching';
import { AuthModule } from './auth/auth.module';
import { CredentialsService } from './auth/credentials.service';
import { AuditModule } from './audit/audit.module';
import { CommonModule } from './common/common.module';
import { ContentModule } from './content/content.module';
import { createErrorFormatter } from './common/errors/format-graphql-error';
import { ClientErrorFilter } from './common/errors/graphql-error.filter';
import { GraphQLContext } from './common/graphql/graphql-context';
import { compiledExecutionPlugin } from './common/graphql/compiled-execution.plugin';
import { responseWarningsPlugin } from './common/graphql/response-warnings.plugin';
import { RequestLoaders } from './content/loaders/request-loaders';
import { InputValidationPipe } from './common/validation/input-validation.pipe';
import { ConditionsModule } from './conditions/conditions.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { browserGraphqlPlugins } from './delivery/browser';
import { RateLimitModule } from './delivery/rate-limit.module';
import { QueryLimits } from './delivery/query-limits';
import { FaqsModule } from './faqs/faqs.module';
import { NoticesModule } from './notices/notices.module';
import { FhirModule } from './fhir/fhir.module';
import { HealthModule } from './health/health.module';
import { LocationsModule } from './locations/locations.module';
import { MedicalReviewModule } from './medical-review/medical-review.module';
import { PracticeModule } from './practice/practice.module';
import { ProvidersModule } from './providers/providers.module';
import { RedisConnection } from './redis/redis-connection';
import { RedisModule } from './redis/redis.module';
import { SitemapModule } from './sitemap/sitemap.module';
import { StructuredDataModule } from './structured-data/structured-data.module';
import { documentRootTypes } from './schema/root-types';
import { SyncModule } from './sync/sync.module';
import { TreatmentsModule } from './treatments/treatments.module';
import { UsersModule } from './users/users.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { SearchModule } from './search/search.module';

/** Modules that contribute GraphQL types and resolvers; the schema script reads them too. */
export const FEATURE_MODULES = [
  CommonModule,
  TreatmentsModule,
  ConditionsModule,
  FaqsModule,
  LocationsModule,
  ProvidersModule,
  PracticeModule,
  NoticesModule,
  MedicalReviewModule,
  UsersModule,
  ApiKeysModule,
  AuthModule,
  AuditModule,
  ContentModule,
  SyncModule,
  FhirModule,
  WebhooksModule,
  StructuredDataModule,
  SitemapModule,
  SearchModule,
  AssetsModule,
];

@Module({})
export class AppModule {
  static register(config: AppConfig, dataSource: DataSource, redis: RedisConnection | null, logger: PinoLogger): DynamicModule {
    const caching = graphqlCaching(config, redis);
    const queryLimits = new QueryLimits(config);
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forDataSource(dataSource),
        RedisModule.forConnection(redis),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [AuthModule],
          inject: [CredentialsService],
          useFactory: (credentials: CredentialsService) => ({
            path: '/graphql',
            autoSchemaFile: true,
            sortSchema: true,
            graphiql: false,
            playground: false,
            introspection: true,
            csrfPrevention: true,
            includeStacktraceInErrorResponses: false,
            transformSchema: documentRootTypes,
            formatError: createErrorFormatter(logger, config.isDevelopment),
            plugins: [
              ...caching.plugins,
              ...browserGraphqlPlugins(config),
              queryLimits.plugin,
              responseWarningsPlugin(),
              compiledExecutionPlugin({
                compileAfter: config.GRAPHQL_COMPILE_AFTER,
                maxCompiled: config.GRAPHQL_COMPILED_MAX,
                announce: config.NODE_ENV !== 'production',
              }),
            ],
            persistedQueries: caching.persistedQueries,
            ...queryLimits.apolloOptions,
            // The credential is checked once per request; a bad one refuses the whole request (401).
            context: async (req: FastifyRequest, reply: FastifyReply): Promise<GraphQLContext> => {
              const actor = await credentials.actorFor(req.headers);
              return { req, reply, actor, loaders: new RequestLoaders(dataSource, undefined, actor?.previewScope ?? null) };
            },
          }),
        }),
        ...FEATURE_MODULES,
        HealthModule,
        RateLimitModule,
      ],
      providers: [
        { provide: APP_PIPE, useClass: InputValidationPipe },
        { provide: APP_FILTER, useClass: ClientErrorFilter },
      ],
    };
  }
}
