import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { type DocumentNode, type GraphQLSchema } from 'graphql';
import { compileQuery, type CompiledQuery, isCompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import { type GraphQLContext } from './graphql-context';

export interface CompiledExecutionOptions {
  /** Executions of one operation by graphql-js before it is compiled (0: at its first). */
  compileAfter: number;
  /** Operations kept compiled, least recently used dropped first (0: never compile). */
  maxCompiled: number;
  /** Answer `x-graphql-execution: compiled` on compiled responses (outside production, like `x-cache`). */
  announce: boolean;
}

/** Per document: executions seen so far, then its compiled form, for each operation name. */
interface OperationState {
  seen: number;
  compiled?: CompiledQuery | null;
}

/**
 * Executes read operations a site sends again and again (its pages' queries) with graphql-jit:
 * the operation is compiled once into a function that walks exactly its selection, which costs
 * a fraction of graphql-js's generic walk per request. Only what graphql-js has already served
 * `compileAfter` times is compiled, so a client sending ever new query texts makes no compile
 * work; the compiled functions are bounded by `maxCompiled`. Mutations and subscriptions, and any
 * result with an error, go through Apollo's own execution: a read runs again there, so errors
 * are shaped and reported exactly as for every other request. Query limits, caching and rate
 * limits run before (`didResolveOperation`) whichever executes.
 */
export function compiledExecutionPlugin(options: CompiledExecutionOptions): ApolloServerPlugin<GraphQLContext> {
  if (options.maxCompiled <= 0) return {};
  // Apollo keeps one parsed DocumentNode per query text: a document's identity is its text.
  const operations = new LRUCache<DocumentNode, Map<string, OperationState>>({ max: options.maxCompiled });
  let compiledFor: GraphQLSchema | undefined;

  const stateOf = (schema: GraphQLSchema, document: DocumentNode, operationName: string): OperationState => {
    if (compiledFor !== schema) {
      // A new schema (a restart of Apollo's schema manager) makes every compiled operation stale.
      operations.clear();
      compiledFor = schema;
    }
    let byName = operations.get(document);
    if (!byName) operations.set(document, (byName = new Map()));
    let state = byName.get(operationName);
    if (!state) byName.set(operationName, (state = { seen: 0 }));
    return state;
  };

  return {
    async requestDidStart() {
      return {
        async responseForOperation({ schema, document, operation, operationName, request, contextValue }) {
          if (operation.operation !== 'query') return null;
          const state = stateOf(schema, document, operationName ?? '');
          if (state.compiled === undefined) {
            if (state.seen++ < options.compileAfter) return null;
            const compiled = compileQuery(schema, document, operationName ?? undefined);
            // An operation graphql-jit cannot compile keeps running on graphql-js.
            state.compiled = isCompiledQuery(compiled) ? compiled : null;
          }
          if (!state.compiled) return null;
          const result = await state.compiled.query(undefined, contextValue, request.variables ?? {});
          if (result.errors?.length) return null;
          const headers = new HeaderMap();
          if (options.announce) headers.set('x-graphql-execution', 'compiled');
          return { http: { status: undefined, headers }, body: { kind: 'single', singleResult: { data: result.data } } };
        },
      };
    },
  };
}
