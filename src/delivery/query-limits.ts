import { type ApolloServerPlugin, type GraphQLRequestListener } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  type ArgumentNode,
  type DocumentNode,
  getNamedType,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type ParseOptions,
  validate,
  type ValidationRule,
  visit,
} from 'graphql';
import { type ComplexityEstimator, type ComplexityEstimatorArgs, getComplexity } from 'graphql-query-complexity';
import { type Actor } from '../auth/actor';
import { Role } from '../auth/permissions';
import { AppError, ErrorCode } from '../common/errors/app-error';
import { type GraphQLContext } from '../common/graphql/graphql-context';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../content/documents/connection.args';
import { currentRequestContext, type RequestContext } from '../common/request-context';
import { type AppConfig } from '../config/app-config';

/** How many items a plain list field (`treatment.conditions`, `provider.locations`, `faqs`) is assumed to return. */
export const LIST_SIZE_ESTIMATE = 20;

/**
 * Fields the cost estimate visits, fragments expanded. A document within the token limit only
 * gets near it by spreading fragments into each other (each level doubling the fields).
 */
export const MAX_EXPANDED_FIELDS = 10_000;

export type QueryLimitName = 'depth' | 'aliases' | 'directives' | 'cost' | 'tokens';

export interface Limits {
  depth: number;
  aliases: number;
  directives: number;
  cost: number;
}

/** What the static limits measure of one operation: it depends neither on variables nor on the caller. */
interface StaticMeasures {
  depth: number;
  aliases: number;
  directives: number;
}

/** The refusal: QUERY_TOO_COMPLEX, HTTP 400, naming the limit and the measured value. */
function queryTooComplex(limit: QueryLimitName, message: string, maximum: number, measured?: number): AppError {
  return new AppError(ErrorCode.QUERY_TOO_COMPLEX, message, { limit, maximum, ...(measured === undefined ? {} : { measured }), http: { status: 400 } });
}

/**
 * graphql-js stops parsing at the first token over `parseOptions.maxTokens` and says so in a
 * syntax error; the error formatter turns that error into this refusal. The rest of the document
 * is never read, so the measured value is "more than the limit".
 */
export function tokenLimitRefusal(parseErrorMessage: string): GraphQLFormattedError | null {
  const match = /Document contains more th(?:an|at) (\d+) tokens/.exec(parseErrorMessage);
  if (!match) return null;
  const maximum = Number(match[1]);
  return {
    message: `Query has more than ${maximum} tokens, the limit (parsing stopped there)`,
    extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit: 'tokens', maximum },
  };
}

/**
 * The cost of a field, for graphql-query-complexity: 1 for the field plus what it selects,
 * where a connection multiplies its selection by `first` (as the resolver caps it) and a list of
 * objects by LIST_SIZE_ESTIMATE. A connection's `edges` is already counted by its `first`.
 * Introspection (`__schema`, `__type`, `__typename`) is free, so IDEs and codegen always pass.
 */
const fieldCost: ComplexityEstimator = ({ type, field, args, childComplexity }: ComplexityEstimatorArgs) => {
  if (field.name.startsWith('__') || type.name.startsWith('__')) return 0;
  if (isConnectionType(getNamedType(field.type)) && field.args.some((arg) => arg.name === 'first')) {
    const first = typeof args.first === 'number' ? args.first : DEFAULT_PAGE_SIZE;
    return 1 + Math.max(0, Math.min(first, MAX_PAGE_SIZE)) * childComplexity;
  }
  if (field.name === 'edges' && isConnectionType(type)) return 1 + childComplexity;
  const unwrapped = isNonNullType(field.type) ? field.type.ofType : field.type;
  if (isListType(unwrapped) && childComplexity > 0) return 1 + LIST_SIZE_ESTIMATE * childComplexity;
  return 1 + childComplexity;
};

const connectionTypes = new WeakMap<object, boolean>();

/** A Relay connection: an object type with `edges` and `pageInfo`. */
function isConnectionType(type: unknown): boolean {
  if (!isObjectType(type)) return false;
  let known = connectionTypes.get(type);
  if (known === undefined) {
    const fields = type.getFields();
    known = 'edges' in fields && 'pageInfo' in fields;
    connectionTypes.set(type, known);
  }
  return known;
}

/**
 * Depth, aliases and directives of one operation, measured by graphql-armor's rules (their limit
 * set out of reach, so they only report what they counted). Counted through fragments; a spread
 * adds no depth of its own; introspection does not count towards depth; every alias counts,
 * `__typename` ones too.
 */
function measureOperation(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): StaticMeasures {
  const measures: StaticMeasures = { depth: 0, aliases: 0, directives: 0 };
  const rules: ValidationRule[] = [
    maxDepthRule({ n: Infinity, ignoreIntrospection: true, flattenFragments: true, onAccept: [(_context, { n }) => (measures.depth = n)] }),
    maxAliasesRule({ n: Infinity, allowList: [], onAccept: [(_context, { n }) => (measures.aliases = n)] }),
    maxDirectivesRule({ n: Infinity, onAccept: [(_context, { n }) => (measures.directives = n)] }),
  ];
  // Only this operation (and the fragments), so that each operation of a document is measured on its own.
  const definitions = document.definitions.filter((definition) => definition === operation || definition.kind === Kind.FRAGMENT_DEFINITION);
  validate(schema, { kind: Kind.DOCUMENT, definitions }, rules);
  return measures;
}

function isAdmin(actor: Actor | null): boolean {
  return actor?.kind === 'USER' && actor.role === Role.ADMIN;
}

const TOO_MANY_FIELDS = 'too many fields';

/** The variables a cost can depend on: those given to `first` (all that `fieldCost` reads) and to @include/@skip. */
function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  const collect = (argument: ArgumentNode) => {
    if (argument.value.kind === Kind.VARIABLE) names.add(argument.value.name.value);
  };
  visit(document, {
    Field: (field) => {
      field.arguments?.filter((argument) => argument.name.value === 'first').forEach(collect);
    },
    Directive: (directive) => {
      if (directive.name.value === 'include' || directive.name.value === 'skip') directive.arguments?.forEach(collect);
    },
  });
  return [...names].sort();
}

/** What graphql-js's visitor continues into instead of a refused document (see `validationRule`). */
const NOTHING_TO_VALIDATE: DocumentNode = Object.freeze({ kind: Kind.DOCUMENT, definitions: [] });

/**
 * The query limits, checked before a GraphQL operation executes, in three places:
 *
 * 1. Tokens: Apollo's `parseOptions.maxTokens`, so graphql-js's parser stops at the first token
 *    over the limit and never builds a huge document.
 * 2. Depth, aliases and directives, by a validation rule that measures every operation when
 *    validation enters the document, before any other rule looks at a selection. graphql-js's
 *    overlapping-fields rule is quadratic (ninety aliases of one field with different arguments
 *    cost it about 100 ms); so that it never runs on a refused document, the rule hands the
 *    visitor an empty document to continue into (graphql-js visits a node a visitor returns in
 *    place of the one it entered, and the query itself is left as it was).
 * 3. All of them again, plus the cost, when the operation is resolved: on every request, because
 *    Apollo validates a query text once and reuses the parsed document, the cost depends on the
 *    request's variables (`first: $n`), and the limits on the caller.
 *
 * A request signed in as an ADMIN user gets QUERY_ADMIN_LIMIT_MULTIPLIER times the depth, alias,
 * directive and cost limits; the validation rule finds out whose request it checks through the
 * request's AsyncLocalStorage context.
 */
export class QueryLimits {
  readonly limits: Limits;
  readonly adminLimits: Limits;
  /** For Apollo's configuration: the token limit and the validation rule. */
  readonly apolloOptions: { parseOptions: ParseOptions; validationRules: ValidationRule[] };
  readonly plugin: ApolloServerPlugin<GraphQLContext>;

  /** Per parsed operation: Apollo keeps parsed documents, so the same node comes back for the same query text. */
  private readonly measured = new WeakMap<OperationDefinitionNode, StaticMeasures>();
  private readonly costs = new WeakMap<OperationDefinitionNode, { variables: string[]; byValues: Map<string, number | typeof TOO_MANY_FIELDS> }>();
  private readonly adminRequests = new WeakSet<RequestContext>();

  constructor(config: AppConfig) {
    this.limits = { depth: config.QUERY_MAX_DEPTH, aliases: config.QUERY_MAX_ALIASES, directives: config.QUERY_MAX_DIRECTIVES, cost: config.QUERY_MAX_COST };
    const times = config.QUERY_ADMIN_LIMIT_MULTIPLIER;
    this.adminLimits = {
      depth: this.limits.depth * times,
      aliases: this.limits.aliases * times,
      directives: this.limits.directives * times,
      cost: this.limits.cost * times,
    };
    this.apolloOptions = { parseOptions: { maxTokens: config.QUERY_MAX_TOKENS }, validationRules: [this.validationRule] };
    // One listener for every request: it keeps no state of its own.
    const listener: GraphQLRequestListener<GraphQLContext> = {
      didResolveOperation: async ({ schema, document, operation, request, contextValue }) => {
        if (!operation) return;
        const limits = isAdmin(contextValue.actor) ? this.adminLimits : this.limits;
        const refusal =
          this.staticRefusal(this.measure(schema, document, operation), limits) ?? this.costRefusal(schema, document, operation, request.variables, limits);
        if (refusal) throw refusal;
      },
    };
    this.plugin = {
      requestDidStart: async ({ contextValue }) => {
        const request = currentRequestContext();
        if (request && isAdmin(contextValue.actor)) this.adminRequests.add(request);
        return listener;
      },
    };
  }

  private readonly validationRule: ValidationRule = (context) => ({
    Document: {
      enter: (document) => {
        const request = currentRequestContext();
        const limits = request && this.adminRequests.has(request) ? this.adminLimits : this.limits;
        for (const definition of document.definitions) {
          if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
          const refusal = this.staticRefusal(this.measure(context.getSchema(), document, definition), limits);
          if (refusal) {
            context.reportError(refusal);
            return NOTHING_TO_VALIDATE;
          }
        }
        return undefined;
      },
    },
  });

  private measure(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): StaticMeasures {
    let measures = this.measured.get(operation);
    if (!measures) {
      measures = measureOperation(schema, document, operation);
      this.measured.set(operation, measures);
    }
    return measures;
  }

  private staticRefusal(measures: StaticMeasures, limits: Limits): AppError | null {
    if (measures.depth > limits.depth)
      return queryTooComplex('depth', `Query depth ${measures.depth} exceeds the limit of ${limits.depth}`, limits.depth, measures.depth);
    if (measures.aliases > limits.aliases)
      return queryTooComplex('aliases', `Query uses ${measures.aliases} aliases, more than the limit of ${limits.aliases}`, limits.aliases, measures.aliases);
    if (measures.directives > limits.directives)
      return queryTooComplex(
        'directives',
        `Query uses ${measures.directives} directives, more than the limit of ${limits.directives}`,
        limits.directives,
        measures.directives,
      );
    return null;
  }

  private costRefusal(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown> | undefined,
    limits: Limits,
  ): AppError | null {
    const cost = this.cost(schema, document, operation, variables);
    if (cost === TOO_MANY_FIELDS) {
      return queryTooComplex('cost', `Query selects more than ${MAX_EXPANDED_FIELDS} fields once its fragments are expanded, the limit`, MAX_EXPANDED_FIELDS);
    }
    if (cost === null || cost <= limits.cost) return null;
    return queryTooComplex(
      'cost',
      `Query cost ${cost} exceeds the limit of ${limits.cost} (each field costs 1; a connection multiplies what it selects by \`first\`, a list by ${LIST_SIZE_ESTIMATE})`,
      limits.cost,
      cost,
    );
  }

  /**
   * The operation's cost, remembered per operation and per value of the variables that can change
   * it (so a page queried with a new `$slug` each time is priced once). Null when the variables do
   * not fit their types: execution refuses them with BAD_USER_INPUT before any resolver runs.
   */
  private cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown> | undefined,
  ): number | typeof TOO_MANY_FIELDS | null {
    let known = this.costs.get(operation);
    if (!known) {
      known = { variables: costVariables(document), byValues: new Map() };
      this.costs.set(operation, known);
    }
    const key = JSON.stringify(known.variables.map((name) => variables?.[name]));
    const remembered = known.byValues.get(key);
    if (remembered !== undefined) return remembered;
    let cost: number | typeof TOO_MANY_FIELDS;
    try {
      cost = getComplexity({
        schema,
        query: document,
        variables,
        operationName: operation.name?.value,
        estimators: [fieldCost],
        maxQueryNodes: MAX_EXPANDED_FIELDS,
      });
    } catch (error) {
      if (!(error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message))) return null;
      cost = TOO_MANY_FIELDS;
    }
    // A client paging with ever new `first` values must not grow this without bound.
    if (known.byValues.size >= 100) known.byValues.clear();
    known.byValues.set(key, cost);
    return cost;
  }
}
