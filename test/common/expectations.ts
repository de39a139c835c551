import { type GraphQLResponse } from '../support/test-app';

/** Words that only appear in error messages when SQL or driver details leak to the client. */
const SQL_LEAK =
  /\b(select|insert|update|delete)\b.*\b(from|into|set|where)\b|syntax error at or near|invalid input syntax|invalid byte sequence|relation "|column "|QueryFailedError|timestamptz|::uuid/i;

/** Asserts the response carries no error and returns its data. */
export function dataOf<T = any>(response: GraphQLResponse<T>): T {
  expect(response.errors).toBeUndefined();
  expect(response.status).toBe(200);
  return response.data;
}

/** Asserts that no error reveals a stack trace or SQL, and that the server did not fail. */
export function expectNoLeaks(response: GraphQLResponse): void {
  expect(response.status).toBeLessThan(500);
  for (const error of response.errors ?? []) {
    expect(error.extensions.code).not.toBe('INTERNAL_SERVER_ERROR');
    expect(error.extensions).not.toHaveProperty('stacktrace');
    expect(error.extensions).not.toHaveProperty('exception');
    expect(error.message).not.toMatch(SQL_LEAK);
    for (const field of error.extensions.fields ?? []) expect(field.message).not.toMatch(SQL_LEAK);
  }
}

/**
 * Asserts a BAD_USER_INPUT error without leaks; with `path`, that one of its `fields` names it.
 * Returns the error for further checks.
 */
export function expectBadUserInput(response: GraphQLResponse, path?: string) {
  expectNoLeaks(response);
  expect(response.errors?.length).toBeGreaterThan(0);
  const error = response.errors![0];
  expect(error.extensions.code).toBe('BAD_USER_INPUT');
  if (path !== undefined) expect(error.extensions.fields?.map((field) => field.path)).toContain(path);
  return error;
}
