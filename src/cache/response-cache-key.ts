import { createHash } from 'node:crypto';
import { type IncomingHttpHeaders } from 'node:http';

/** What a GraphQL request asks for, as Apollo reads it from a GET query string or a POST body. */
interface GraphQLParameters {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: unknown;
}

const INVALID = Symbol('invalid');
/** Apollo's CSRF prevention lets a GET through with one of these (non-empty) headers. */
const PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name'];

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mediaTypeOf(header: string | undefined): string | null {
  if (header === undefined) return null;
  return header.split(';')[0].trim().toLowerCase();
}

function parseJsonParameter(value: unknown): unknown {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return INVALID;
  try {
    return JSON.parse(value);
  } catch {
    return INVALID;
  }
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` name the same variables. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The response cache key of a GraphQL request, or null when its response is never cached from
 * here: a credential, a request Apollo would refuse (CSRF prevention, a malformed parameter), or
 * an obvious mutation. The document is named by the SHA-256 of its text, which is also its
 * persisted-query hash, so a hash-only GET and a POST of the full query share their entry.
 */
export function responseCacheKey(method: string, headers: IncomingHttpHeaders, query: unknown, body: unknown): string | null {
  if (headers.authorization !== undefined || headers['x-api-key'] !== undefined) return null;
  const contentType = mediaTypeOf(headers['content-type']);
  let parameters: GraphQLParameters;
  if (method === 'GET') {
    // Apollo refuses other content types on GET, and a GET without a content type or a preflight header (CSRF).
    if (contentType !== null && contentType !== 'application/json') return null;
    if (contentType === null && !PREFLIGHT_HEADERS.some((name) => typeof headers[name] === 'string' && headers[name] !== '')) return null;
    if (!isRecord(query)) return null;
    parameters = {
      query: query.query,
      operationName: query.operationName,
      variables: parseJsonParameter(query.variables),
      extensions: parseJsonParameter(query.extensions),
    };
  } else if (method === 'POST') {
    if (contentType !== 'application/json' || !isRecord(body)) return null;
    parameters = body;
  } else {
    return null;
  }
  const { query: text, operationName, variables, extensions } = parameters;
  if (text !== undefined && text !== null && typeof text !== 'string') return null;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return null;
  if (variables !== undefined && variables !== null && !isRecord(variables)) return null;
  if (extensions !== undefined && extensions !== null && !isRecord(extensions)) return null;
  let document: string;
  if (text) {
    if (/^\s*mutation\b/.test(text)) return null;
    document = sha256(text);
  } else {
    const persisted = extensions?.persistedQuery;
    if (!isRecord(persisted) || typeof persisted.sha256Hash !== 'string' || persisted.sha256Hash === '') return null;
    document = persisted.sha256Hash;
  }
  // The response's content type follows the Accept header (application/json or application/graphql-response+json).
  return sha256(JSON.stringify([document, operationName ?? null, canonicalJson(variables ?? {}), headers.accept ?? '']));
}
