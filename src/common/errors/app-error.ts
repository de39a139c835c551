import { GraphQLError } from 'graphql';

/** The codes a client can see in `extensions.code`; the design lists them. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  RATE_LIMITED = 'RATE_LIMITED',
  /** The operation is over a query limit (depth, aliases, tokens, directives or cost); the message names it and the measured value. */
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  /** The request waited too long: for a lock, a database statement, a free database connection, or as a whole. Safe to retry. */
  TIMEOUT = 'TIMEOUT',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** One invalid input value: `path` is the dotted path from the argument root, e.g. `input.address.zip`. */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * The one error type services throw. It is already a GraphQLError, so the global formatter only
 * has to decide what to do with everything else.
 */
export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    extensions: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { ...extensions, code } });
  }

  static badInput(fields: FieldError[], message?: string): AppError {
    const summary = message ?? `Invalid input: ${fields.map((field) => `${field.path} ${field.message}`).join('; ')}`;
    return new AppError(ErrorCode.BAD_USER_INPUT, summary, { fields });
  }

  static notFound(what: string): AppError {
    return new AppError(ErrorCode.NOT_FOUND, `${what} was not found`);
  }

  static conflict(message: string, details: Record<string, unknown> = {}): AppError {
    return new AppError(ErrorCode.CONFLICT, message, details);
  }

  static unauthenticated(message = 'Authentication is required'): AppError {
    return new AppError(ErrorCode.UNAUTHENTICATED, message);
  }

  static forbidden(message = 'You do not have permission to do this'): AppError {
    return new AppError(ErrorCode.FORBIDDEN, message);
  }
}
