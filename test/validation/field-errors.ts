import { expectBadUserInput } from '../common/expectations';
import { type GraphQLResponse } from '../support/test-app';

/**
 * Asserts a BAD_USER_INPUT error whose `fields` are exactly the given paths, each message
 * matching its pattern (a string is a substring to find).
 */
export function expectFieldErrors(response: GraphQLResponse, expected: Record<string, string | RegExp>): void {
  const error = expectBadUserInput(response);
  const fields = error.extensions.fields ?? [];
  expect(fields.map((field) => field.path).sort()).toEqual(Object.keys(expected).sort());
  for (const [path, pattern] of Object.entries(expected)) {
    const messages = fields.filter((field) => field.path === path).map((field) => field.message);
    expect({ path, messages }).toEqual({
      path,
      messages: expect.arrayContaining([typeof pattern === 'string' ? expect.stringContaining(pattern) : expect.stringMatching(pattern)]),
    });
  }
}
