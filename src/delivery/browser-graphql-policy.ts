import { type ApolloServerPlugin, type GraphQLRequestListener } from '@apollo/server';
import { BREAK, type DocumentNode, visit } from 'graphql';
import { AppError, ErrorCode } from '../common/errors/app-error';
import { type GraphQLContext } from '../common/graphql/graphql-context';
import { type OriginPolicy } from './browser-origins';

const usesIntrospectionCache = new WeakMap<DocumentNode, boolean>();

/** Whether the document selects `__schema` or `__type` anywhere (`__typename` is not introspection). */
function usesIntrospection(document: DocumentNode): boolean {
  let found = usesIntrospectionCache.get(document);
  if (found === undefined) {
    found = false;
    visit(document, {
      Field(node) {
        if (node.name.value === '__schema' || node.name.value === '__type') {
          found = true;
          return BREAK;
        }
        return undefined;
      },
    });
    // Apollo hands out the same DocumentNode for a query it has parsed before.
    usesIntrospectionCache.set(document, found);
  }
  return found;
}

function refusal(message: string): AppError {
  return new AppError(ErrorCode.FORBIDDEN, message, { http: { status: 403 } });
}

/**
 * Rules that need the parsed operation, checked before execution:
 * - GRAPHQL_INTROSPECTION=false: anonymous requests may not introspect (a credential may: the
 *   admin tools and code generators need the schema). Our message replaces Apollo's, which would
 *   point at an Apollo option instead of our variable.
 * - `*` in CORS_ORIGINS allows anonymous reads only: a mutation (`login` needs no credential) from
 *   an origin that is not listed is refused.
 * Returns null when neither rule can apply, so that requests pay for no plugin at all.
 */
export function createBrowserGraphqlPolicyPlugin(options: { introspection: boolean; origins: OriginPolicy }): ApolloServerPlugin<GraphQLContext> | null {
  const { introspection, origins } = options;
  if (introspection && !origins.anyOrigin) return null;
  const listener: GraphQLRequestListener<GraphQLContext> = {
    async didResolveOperation({ document, operation, contextValue }) {
      if (!introspection && !contextValue.actor && usesIntrospection(document)) {
        throw refusal(
          'Introspection is turned off on this server (GRAPHQL_INTROSPECTION=false) for requests without a credential; the schema is published as schema.gql',
        );
      }
      if (operation?.operation === 'mutation' && origins.anyOrigin && origins.accessOf(contextValue.req) === 'anonymous-only') {
        throw refusal(
          `Mutations are not accepted from ${contextValue.req.headers.origin}: * in CORS_ORIGINS allows anonymous reads only; list the origin to let its pages write`,
        );
      }
    },
  };
  return {
    async requestDidStart({ contextValue }) {
      if (!introspection) return listener;
      return contextValue.req.headers.origin === undefined ? undefined : listener;
    },
  };
}
