import { ApolloServerPlugin } from '@apollo/server';
import { GraphQLContext } from './graphql-context';

/**
 * Drafts and anything read with a credential must never be stored by a browser or a shared
 * cache: such responses are sent `Cache-Control: private, no-store`.
 */
export const privateResponsePlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        if (contextValue.privateResponse || contextValue.actor) response.http.headers.set('cache-control', 'private, no-store');
      },
    };
  },
};
