import { type ApolloServerPlugin, type GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { type HttpCachePolicy, PRIVATE_NO_STORE } from '../../cache/http-cache-policy';
import { type GraphQLContext } from './graphql-context';

/**
 * Cache-Control of GraphQL responses. Only an anonymous query at the PUBLISHED stage that
 * answered without errors is public, for the configured max-age, lowered by fields whose answer
 * changes at a known instant (`openNow`, see cacheUntil). Anything read with a credential, any
 * draft, any error and any mutation is `private, no-store`.
 *
 * Apollo's own cache-control plugin is turned off: it would wrap every field of the schema in a
 * hook run at each resolution, which costs a page more than the whole policy is worth here.
 */
export function cacheControlPlugins(policy: HttpCachePolicy): ApolloServerPlugin<GraphQLContext>[] {
  return [
    ApolloServerPluginCacheControlDisabled(),
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
  const { contextValue, operation, response } = requestContext;
  // Drafts and editors' data are read with a credential, so they are private by this first rule.
  if (!contextValue || contextValue.actor) return PRIVATE_NO_STORE;
  if (operation?.operation !== 'query') return PRIVATE_NO_STORE;
  if (response.body.kind !== 'single' || response.body.singleResult.errors?.length) return PRIVATE_NO_STORE;
  if (response.http.status !== undefined && response.http.status !== 200) return PRIVATE_NO_STORE;
  const changesWithin = contextValue.changesWithinSeconds;
  return policy.publicHeader(Math.min(policy.maxAge, changesWithin ?? Infinity), changesWithin);
}
