import { type ApolloServerPlugin } from '@apollo/server';
import { type FastifyInstance } from 'fastify';
import { type GraphQLContext } from '../common/graphql/graphql-context';
import { type AppConfig } from '../config/app-config';
import { createBrowserGraphqlPolicyPlugin } from './browser-graphql-policy';
import { registerIde } from './browser-ide';
import { OriginPolicy, registerCors } from './browser-origins';
import { registerSecurityHeaders } from './browser-security-headers';

const GRAPHQL_ENDPOINT = '/graphql';

/**
 * What browsers need, registered on Fastify before the app's routes: security headers first
 * (so refusals carry them too), then CORS (which answers every preflight), then the IDE at
 * `GET /graphql`.
 */
export async function registerBrowserSupport(fastify: FastifyInstance, config: AppConfig): Promise<void> {
  registerSecurityHeaders(fastify);
  await registerCors(fastify, new OriginPolicy(config.corsOrigins));
  registerIde(fastify, { enabled: config.graphqlIdeEnabled, endpoint: GRAPHQL_ENDPOINT });
}

/** Apollo plugins for the same rules where they need the parsed operation (introspection, `*` origins). */
export function browserGraphqlPlugins(config: AppConfig): ApolloServerPlugin<GraphQLContext>[] {
  const plugin = createBrowserGraphqlPolicyPlugin({ introspection: config.GRAPHQL_INTROSPECTION, origins: new OriginPolicy(config.corsOrigins) });
  return plugin ? [plugin] : [];
}
