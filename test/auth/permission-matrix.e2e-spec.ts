import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  getNamedType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { Permission, Role } from '../../src/auth/permissions';
import { bearer } from '../factories/accounts.factory';
import { useTestApp } from '../support/use-test-app';

/** Mutations anyone may call. */
const PUBLIC = new Set(['login', 'refreshToken', 'logout', 'resetPassword']);
/** Mutations only admins may call: everything else is open to editors. */
const ADMIN_ONLY = [
  /^purge/,
  /^createApiKey$/,
  /^revokeApiKey$/,
  /^createUser$/,
  /^createPasswordReset$/,
  /^updateUser$/,
  /^syncProviders/,
  /^configureSyncSource$/,
  /Webhook/,
  /^updateMedicalReviewSettings$/,
];
/** Mutations a key with only content:read-draft may call (a frontend's preview mode). */
const READ_DRAFT = [/^createPreviewToken$/, /^revokePreviewToken$/];
/** Mutations an integration key with only providers:sync may call. */
const SYNC = [/^syncProviders/];

const NIL_UUID = '00000000-0000-4000-8000-000000000000';

/** A value of the type that passes GraphQL's own validation (the resolver may still refuse it). */
function sampleValue(type: GraphQLInputType, depth = 0): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType, depth);
  if (isListType(type)) return [];
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0].value;
  if (isScalarType(named)) {
    switch (named.name) {
      case 'ID':
        return NIL_UUID;
      case 'Int':
        return 1;
      case 'Float':
        return 1.5;
      case 'Boolean':
        return false;
      case 'DateTime':
        return new Date(Date.now() + 86_400_000).toISOString();
      case 'JSON':
        return {};
      default:
        return 'sample';
    }
  }
  if (isInputObjectType(named) && depth < 4) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(named.getFields())) if (isNonNullType(field.type)) value[field.name] = sampleValue(field.type, depth + 1);
    return value;
  }
  return null;
}

function operationFor(field: GraphQLField<unknown, unknown>): { query: string; variables: Record<string, unknown> } {
  const definitions = field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`);
  const passing = field.args.map((arg) => `${arg.name}: $${arg.name}`);
  const variables = Object.fromEntries(field.args.filter((arg) => isNonNullType(arg.type)).map((arg) => [arg.name, sampleValue(arg.type)]));
  const returns = getNamedType(field.type);
  const selection = isScalarType(returns) || isEnumType(returns) ? '' : ' { __typename }';
  const head = definitions.length ? `mutation Probe(${definitions.join(', ')})` : 'mutation Probe';
  return { query: `${head} { ${field.name}${passing.length ? `(${passing.join(', ')})` : ''}${selection} }`, variables };
}

describe('permission matrix: every mutation in the schema, with every kind of caller', () => {
  const app = useTestApp();
  let mutations: GraphQLField<unknown, unknown>[];
  const callers: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    const schema: GraphQLSchema = app.running.app.get(GraphQLSchemaHost).schema;
    mutations = Object.values(schema.getMutationType()?.getFields() ?? {});
    const accounts = app.accounts;
    callers.anonymous = {};
    callers.readDraftKey = { 'x-api-key': (await accounts.apiKey({ scopes: [Permission.CONTENT_READ_DRAFT] })).secret };
    callers.syncKey = bearer((await accounts.apiKey({ scopes: [Permission.PROVIDERS_SYNC] })).secret);
    callers.editor = (await accounts.signedIn(Role.EDITOR)).headers;
    callers.admin = (await accounts.signedIn(Role.ADMIN)).headers;
  });

  async function codeFor(field: GraphQLField<unknown, unknown>, headers: Record<string, string>): Promise<string> {
    const { query, variables } = operationFor(field);
    const response = await app.graphql(query, variables, headers);
    expect(response.status).toBeLessThan(500);
    const error = response.errors?.[0];
    // A public mutation may refuse the sample credentials it was given (login with a wrong password):
    // that is its answer, not the guard's.
    if (PUBLIC.has(field.name) && error?.extensions.code === 'UNAUTHENTICATED' && error.message !== 'Authentication is required') return 'REFUSED_BY_OPERATION';
    return error?.extensions.code ?? 'OK';
  }

  const isAdminOnly = (name: string) => ADMIN_ONLY.some((pattern) => pattern.test(name));
  const denied = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);

  it('covers a schema with mutations for every content type', () => {
    const names = mutations.map((field) => field.name);
    for (const type of ['Treatment', 'Condition', 'Faq', 'Location', 'Provider', 'Practice']) {
      expect(names).toEqual(expect.arrayContaining([`create${type}`, `update${type}`, `publish${type}`, `unpublish${type}`]));
    }
    expect(names.length).toBeGreaterThan(60);
  });

  it('refuses every non-public mutation without a credential (UNAUTHENTICATED), and lets public ones through', async () => {
    for (const field of mutations) {
      const code = await codeFor(field, callers.anonymous);
      if (PUBLIC.has(field.name)) expect([field.name, denied.has(code)]).toEqual([field.name, false]);
      else expect([field.name, code]).toEqual([field.name, 'UNAUTHENTICATED']);
    }
  });

  it('refuses every mutation to a key whose scopes do not cover it (FORBIDDEN): a content:read-draft key can only make preview tokens', async () => {
    for (const field of mutations) {
      if (PUBLIC.has(field.name)) continue;
      const code = await codeFor(field, callers.readDraftKey);
      if (READ_DRAFT.some((pattern) => pattern.test(field.name))) expect([field.name, denied.has(code)]).toEqual([field.name, false]);
      else expect([field.name, code]).toEqual([field.name, 'FORBIDDEN']);
    }
  });

  it('lets a providers:sync key sync and nothing else', async () => {
    for (const field of mutations) {
      if (PUBLIC.has(field.name)) continue;
      const code = await codeFor(field, callers.syncKey);
      if (SYNC.some((pattern) => pattern.test(field.name))) expect([field.name, denied.has(code)]).toEqual([field.name, false]);
      else expect([field.name, code]).toEqual([field.name, 'FORBIDDEN']);
    }
  });

  it('lets editors do everything but the admin-only mutations', async () => {
    for (const field of mutations) {
      if (PUBLIC.has(field.name)) continue;
      const code = await codeFor(field, callers.editor);
      if (isAdminOnly(field.name)) expect([field.name, code]).toEqual([field.name, 'FORBIDDEN']);
      else expect([field.name, denied.has(code)]).toEqual([field.name, false]);
    }
  });

  it('lets admins call every mutation', async () => {
    for (const field of mutations) {
      if (PUBLIC.has(field.name)) continue;
      expect([field.name, denied.has(await codeFor(field, callers.admin))]).toEqual([field.name, false]);
    }
  });
});
