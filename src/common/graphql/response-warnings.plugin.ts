import { type ApolloServerPlugin } from '@apollo/server';
import { type GraphQLContext } from './graphql-context';

/** Something a mutation did that the caller should know about although it succeeded. */
export interface ResponseWarning {
  /** Machine-readable ("MEDICAL_REVIEW_MISSING"). */
  code: string;
  message: string;
}

/** Adds warnings to the response: resolvers push, the plugin writes them to `extensions.warnings`. */
export function addResponseWarnings<W extends ResponseWarning>(context: GraphQLContext, warnings: readonly W[]): void {
  if (warnings.length === 0) return;
  context.warnings = [...(context.warnings ?? []), ...warnings];
}

/**
 * Writes the warnings resolvers collected into the response's `extensions.warnings`, so a
 * successful mutation can still tell the editor what deserves attention (a page published
 * without a current medical review under the WARN policy).
 */
export function responseWarningsPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const warnings = contextValue?.warnings;
          if (!warnings?.length || response.body.kind !== 'single') return;
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, warnings };
        },
      };
    },
  };
}
