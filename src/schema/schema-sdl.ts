import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { FEATURE_MODULES } from '../app.module';
import { documentRootTypes } from './root-types';

const RESOLVER_METADATA = 'graphql:resolver_type';

/** The resolver classes the feature modules provide, read from their @Module metadata. */
/** A class as the schema factory takes it. */
type ResolverClass = abstract new (...args: never[]) => unknown;

export function resolverClasses(): ResolverClass[] {
  const resolvers = new Set<ResolverClass>();
  for (const module of FEATURE_MODULES) {
    const providers: unknown[] = Reflect.getMetadata('providers', module) ?? [];
    for (const provider of providers) {
      if (typeof provider === 'function' && Reflect.hasMetadata(RESOLVER_METADATA, provider)) resolvers.add(provider as ResolverClass);
    }
  }
  return [...resolvers];
}

/** The SDL committed as schema.gql: sorted, so that diffs show real changes only. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

/** Builds the API's schema from the code alone (no database), as the running app does. */
export async function buildSchemaSdl(): Promise<string> {
  const app = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  try {
    await app.init();
    const schema = await app.get(GraphQLSchemaFactory).create(resolverClasses());
    return printSortedSchema(documentRootTypes(schema));
  } finally {
    await app.close();
  }
}
