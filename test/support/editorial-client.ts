import { type GraphQLResponse, type Operation, type TestApp, type Variables } from './test-app';

/**
 * The admin API as an editor's client calls it: every call goes through HTTP with the given
 * credential. `ok` fails the test with the server's errors when a call that should work does not.
 */
export class EditorialClient {
  constructor(
    private readonly app: Pick<TestApp, 'graphql'>,
    readonly headers: Record<string, string>,
  ) {}

  /** The raw response, for calls that are expected to fail. */
  call<T = any, V extends Variables = Variables>(query: Operation<T, V>, variables?: V, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
    return this.app.graphql<T, V>(query, variables, { ...this.headers, ...headers });
  }

  async ok<T = any, V extends Variables = Variables>(query: Operation<T, V>, variables?: V, headers: Record<string, string> = {}): Promise<T> {
    const response = await this.call<T, V>(query, variables, headers);
    if (response.errors) throw new Error(`expected success, got ${JSON.stringify(response.errors)}`);
    return response.data;
  }

  /** Runs `mutation { <name>(input: $input) { <selection> } }` and returns the field's value. */
  async mutate<T = any>(
    name: string,
    inputType: string,
    input: Record<string, unknown>,
    selection = 'id version',
    headers: Record<string, string> = {},
  ): Promise<T> {
    const data = await this.ok(`mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} } }`, { input }, headers);
    return data[name];
  }

  /** The same mutation, expected to fail: its response. */
  attempt(name: string, inputType: string, input: Record<string, unknown>, selection = 'id', headers: Record<string, string> = {}): Promise<GraphQLResponse> {
    return this.call(`mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} } }`, { input }, headers);
  }

  createTreatment(input: Record<string, unknown>, selection = 'id version slug') {
    return this.mutate('createTreatment', 'CreateTreatmentInput', input, selection);
  }

  createCondition(input: Record<string, unknown>, selection = 'id version slug') {
    return this.mutate('createCondition', 'CreateConditionInput', input, selection);
  }

  createFaq(input: Record<string, unknown>, selection = 'id version slug') {
    return this.mutate('createFaq', 'CreateFaqInput', input, selection);
  }

  /** `publish<Type>` for the document at the version given; returns the new version. */
  async publish(typeName: string, document: { id: string; version: number }): Promise<{ id: string; version: number }> {
    return this.mutate(`publish${typeName}`, 'DocumentVersionInput', { id: document.id, version: document.version });
  }
}

/** Extracts the names of a list of nodes (`[{ name }]` or `[{ title }]`). */
export function namesOf(items: { name?: string; title?: string; question?: string }[]): string[] {
  return items.map((item) => item.name ?? item.title ?? item.question ?? '');
}

/** Resolves once `check` returns a truthy value, polling every `intervalMs`; fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | null | undefined | false>,
  { timeoutMs = 10_000, intervalMs = 100, what = 'the condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
