import { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { responseChangesWithin } from '../../cache/cache-hints';
import { HttpCachePolicy, PRIVATE_NO_STORE } from '../../cache/http-cache-policy';
import { GraphQLContext } from './graphql-context';

/**
 * Cache-Control of GraphQL responses. Only an anonymous query at the PUBLISHED stage that
 * answered without errors is public, for as long as Apollo's cache hints allow (every field
 * gets the configured max-age; fields such as `openNow` lower it). Anything read with a
 * credential, any draft, any error and any mutation is `private, no-store`.
 */
export function cacheControlPlugins(policy: HttpCachePolicy): ApolloServerPlugin<GraphQLContext>[] {
  return [
    // We write the header ourselves: Apollo's would lack s-maxage and stale-while-revalidate.
    ApolloServerPluginCacheControl({ defaultMaxAge: policy.maxAge, calculateHttpHeaders: false }),
    {
      async requestDidStart() {
        return {
          async willSendResponse(requestContext) {
            requestContext.response.http.headers.set('cache-control', cacheControlOf(requestContext, policy));
          },
        };
      },
    },
  ];
}

function cacheControlOf(requestContext: GraphQLRequestContextWillSendResponse<GraphQLContext>, policy: HttpCachePolicy): string {
  const { contextValue, operation, response, overallCachePolicy } = requestContext;
  if (!contextValue || contextValue.actor || contextValue.privateResponse) return PRIVATE_NO_STORE;
  if (operation?.operation !== 'query') return PRIVATE_NO_STORE;
  if (response.body.kind !== 'single' || response.body.singleResult.errors?.length) return PRIVATE_NO_STORE;
  if (response.http.status !== undefined && response.http.status !== 200) return PRIVATE_NO_STORE;
  const cacheable = overallCachePolicy.policyIfCacheable();
  if (!cacheable || cacheable.scope !== 'PUBLIC') return PRIVATE_NO_STORE;
  return policy.publicHeader(Math.min(cacheable.maxAge, policy.maxAge), responseChangesWithin());
}
