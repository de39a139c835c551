import { type ApolloServerPlugin } from '@apollo/server';
import { cacheControlPlugins } from '../common/graphql/cache-control.plugin';
import { type GraphQLContext } from '../common/graphql/graphql-context';
import { type AppConfig } from '../config/app-config';
import { type RedisConnection } from '../redis/redis-connection';
import { HttpCachePolicy } from './http-cache-policy';
import { PERSISTED_QUERY_TTL_SECONDS, PersistedQueryStore } from './persisted-query-store';

/** The Apollo Server options of HTTP caching: cache-control plugins and automatic persisted queries. */
export function graphqlCaching(
  config: AppConfig,
  redis: RedisConnection | null,
): {
  plugins: ApolloServerPlugin<GraphQLContext>[];
  persistedQueries: { cache: PersistedQueryStore; ttl: number };
} {
  return {
    plugins: cacheControlPlugins(new HttpCachePolicy(config)),
    persistedQueries: { cache: new PersistedQueryStore(redis), ttl: PERSISTED_QUERY_TTL_SECONDS },
  };
}
