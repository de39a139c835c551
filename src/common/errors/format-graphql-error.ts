import { type GraphQLFormattedError } from 'graphql';
import { type ValidationError } from 'class-validator';
import { type Logger as PinoLogger } from 'pino';
import { tokenLimitRefusal } from '../../delivery/query-limits';
import { AppError, ErrorCode, type FieldError } from './app-error';
import { databaseTimeoutMessage } from './database-timeouts';

const CLIENT_CODES = new Set<string>(Object.values(ErrorCode));

/** Apollo's own codes for requests that never reached a resolver: all are the client's fault. */
const APOLLO_INPUT_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST']);

/** Persisted-query codes keep their name: Apollo clients answer PERSISTED_QUERY_NOT_FOUND by sending the full query. */
const PERSISTED_QUERY_CODES = new Set(['PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED']);

/**
 * Flattens class-validator's tree into `{path, message}` pairs under `root`; list items are
 * named by index as reference errors name them (`input.faqs[0].id`).
 */
export function flattenValidationErrors(errors: ValidationError[], root: string): FieldError[] {
  const fields: FieldError[] = [];
  const walk = (error: ValidationError, prefix: string, inList = false) => {
    const path = !prefix ? error.property : inList ? `${prefix}[${error.property}]` : `${prefix}.${error.property}`;
    for (const message of Object.values(error.constraints ?? {})) fields.push({ path, message });
    for (const child of error.children ?? []) walk(child, path, Array.isArray(error.value));
  };
  for (const error of errors) walk(error, root);
  return fields;
}

/** A PostgreSQL unique violation (23505), with the field named by our `UQ_<table>_<field>` constraints. */
function uniqueViolationOf(error: unknown): { field: string | null } | null {
  const driverError = (error as { driverError?: { code?: string; constraint?: string }; code?: string; constraint?: string }) ?? {};
  const code = driverError.driverError?.code ?? driverError.code;
  if (code !== '23505') return null;
  const constraint = driverError.driverError?.constraint ?? driverError.constraint ?? '';
  const match = /^UQ_[a-z_]+?_(slug|npi|email|system_value)$/.exec(constraint);
  return { field: match ? match[1].replace('system_value', 'external id') : null };
}

/** An error Apollo raised about the request itself, marked with a 4xx status but no code ("provided sha does not match query"). */
function isApolloClientError(error: unknown): boolean {
  const status = (error as { extensions?: { http?: { status?: unknown } } })?.extensions?.http?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * The single place that decides what a client sees of an error. Known codes pass through with
 * their message; anything else becomes INTERNAL_SERVER_ERROR with a generic message (outside
 * development), and is logged in full on the server.
 */
export function createErrorFormatter(logger: PinoLogger, development: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = String(formatted.extensions?.code ?? '');
    const { stacktrace: _stacktrace, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    if (CLIENT_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      return { ...formatted, extensions };
    }
    if (PERSISTED_QUERY_CODES.has(code)) {
      return { message: formatted.message, extensions: { code } };
    }
    if (code === 'GRAPHQL_PARSE_FAILED') {
      const refusal = tokenLimitRefusal(formatted.message);
      if (refusal) return refusal;
    }
    const refusedBy = (error as { originalError?: unknown })?.originalError;
    if (code === 'GRAPHQL_VALIDATION_FAILED' && refusedBy instanceof AppError) {
      // A validation rule of ours refused (the query limits); Apollo labels every validation error with its own code.
      return { message: formatted.message, extensions: { ...extensions, code: refusedBy.code } };
    }
    if (APOLLO_INPUT_CODES.has(code) || isApolloClientError(error)) {
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }
    const original = (error as { originalError?: Error })?.originalError ?? error;
    const timeout = databaseTimeoutMessage(original);
    // Nest's exception handler has already logged it with the request id.
    if (timeout) return { message: timeout, locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.TIMEOUT } };
    const clash = uniqueViolationOf(original);
    if (clash) {
      // Two saves raced past the service's own uniqueness check; the database kept the first.
      return {
        message: `Another change took ${clash.field ? `this ${clash.field}` : 'this value'} at the same moment; reload and try again`,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.CONFLICT, ...(clash.field ? { field: clash.field } : {}) },
      };
    }
    logger.error({ err: original, path: formatted.path }, 'unhandled error in GraphQL request');
    return {
      message: development ? formatted.message : 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: development ? { ...extensions, code: ErrorCode.INTERNAL_SERVER_ERROR } : { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
