import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Logger as PinoLogger } from 'pino';
import { DataSource } from 'typeorm';
import { CommonModule } from './common/common.module';
import { createErrorFormatter } from './common/errors/format-graphql-error';
import { GraphQLContext } from './common/graphql/graphql-context';
import { RequestLoaders } from './common/loaders/request-loaders';
import { InputValidationPipe } from './common/validation/input-validation.pipe';
import { ConditionsModule } from './conditions/conditions.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { FaqsModule } from './faqs/faqs.module';
import { HealthModule } from './health/health.module';
import { LocationsModule } from './locations/locations.module';
import { PracticeModule } from './practice/practice.module';
import { ProvidersModule } from './providers/providers.module';
import { documentRootTypes } from './schema/root-types';
import { TreatmentsModule } from './treatments/treatments.module';

/** Modules that contribute GraphQL types and resolvers; the schema script reads them too. */
export const FEATURE_MODULES = [CommonModule, TreatmentsModule, ConditionsModule, FaqsModule, LocationsModule, ProvidersModule, PracticeModule];

@Module({})
export class AppModule {
  static register(config: AppConfig, dataSource: DataSource, logger: PinoLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forDataSource(dataSource),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
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
          context: (req: FastifyRequest, reply: FastifyReply): GraphQLContext => ({ req, reply, loaders: new RequestLoaders(dataSource), actor: null }),
        }),
        ...FEATURE_MODULES,
        HealthModule,
      ],
      providers: [{ provide: APP_PIPE, useClass: InputValidationPipe }],
    };
  }
}
