import { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { GraphQLContext } from '../common/graphql/graphql-context';
import { rateLimitedError, RateLimiter } from './rate-limit';

/**
 * Mutations spend from their own, smaller budget. The operation type is known once Apollo has
 * parsed the document, which it does anyway (and caches): queries pay one comparison here, a
 * mutation one counter increment, before anything executes.
 */
@Plugin()
export class MutationRateLimitPlugin implements ApolloServerPlugin<GraphQLContext> {
  /** One listener for every request: it keeps no per-request state. */
  private readonly listener: GraphQLRequestListener<GraphQLContext> = {
    didResolveOperation: async ({ operation, contextValue }) => {
      if (operation?.operation !== 'mutation') return;
      const refusal = await this.limiter.spendMutation(contextValue.req);
      if (refusal) throw rateLimitedError(refusal);
    },
  };

  constructor(private readonly limiter: RateLimiter) {}

  async requestDidStart(): Promise<GraphQLRequestListener<GraphQLContext>> {
    return this.listener;
  }
}
