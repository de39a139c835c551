import cors, { type FastifyCorsOptions } from '@fastify/cors';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type IncomingHttpHeaders } from 'node:http';
import { ErrorCode } from '../common/errors/app-error';

/**
 * How the API treats a request's `Origin` (CORS_ORIGINS):
 * - `listed`: the origin is in CORS_ORIGINS: CORS with credentials (Authorization, X-API-Key).
 * - `same-origin`: a page served by the API itself (the IDE): no CORS needed, credentials allowed.
 * - `anonymous-only`: any other origin while CORS_ORIGINS holds `*`: anonymous queries only.
 * - `refused`: any other origin: no CORS headers, preflights refused.
 */
export type OriginAccess = 'listed' | 'same-origin' | 'anonymous-only' | 'refused';

export const CORS_METHODS = ['GET', 'POST', 'OPTIONS'];
/** Request headers a page may send; the CSRF-prevention headers are among them. */
export const CORS_ANONYMOUS_HEADERS = [
  'content-type',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
  'x-request-id',
  'if-none-match',
];
export const CORS_CREDENTIAL_HEADERS = ['authorization', 'x-api-key'];
/** Response headers a page's script may read (besides the CORS-safelisted ones). */
export const CORS_EXPOSED_HEADERS = ['x-request-id', 'etag', 'x-cache', 'retry-after'];
/** Seconds a browser may reuse a preflight answer (Chromium caps it at 7200). */
export const CORS_MAX_AGE_SECONDS = 7200;

export class OriginPolicy {
  private readonly listed: ReadonlySet<string>;
  /** `*` in CORS_ORIGINS: any origin may make anonymous reads. */
  readonly anyOrigin: boolean;

  constructor(origins: readonly string[]) {
    this.listed = new Set(origins.filter((origin) => origin !== '*'));
    this.anyOrigin = origins.includes('*');
  }

  /** Whether any cross-origin browser access is configured at all. */
  get enabled(): boolean {
    return this.anyOrigin || this.listed.size > 0;
  }

  /** With specific origins, Access-Control-Allow-Origin echoes the request's origin: caches must key on it. */
  get variesByOrigin(): boolean {
    return this.listed.size > 0;
  }

  /** `host` is the host the request was sent to (Fastify's `request.host`, which follows X-Forwarded-Host only from a trusted proxy). */
  access(origin: string, host: string): OriginAccess {
    if (this.listed.has(origin)) return 'listed';
    if (hostOfOrigin(origin) === host) return 'same-origin';
    return this.anyOrigin ? 'anonymous-only' : 'refused';
  }

  /** The access of a request, or null when it has no Origin (servers, curl, same-origin navigations). */
  accessOf(request: FastifyRequest): OriginAccess | null {
    const origin = request.headers.origin;
    return origin === undefined ? null : this.access(origin, request.host);
  }
}

function hostOfOrigin(origin: string): string {
  const separator = origin.indexOf('://');
  return separator < 0 ? '' : origin.slice(separator + 3);
}

export function carriesCredential(headers: IncomingHttpHeaders): boolean {
  return headers.authorization !== undefined || headers['x-api-key'] !== undefined;
}

function requestsCredentialHeader(requested: string | undefined): boolean {
  if (!requested) return false;
  return requested
    .toLowerCase()
    .split(',')
    .some((name) => CORS_CREDENTIAL_HEADERS.includes(name.trim()));
}

/**
 * CORS for browsers, in two hooks: ours refuses what must not pass (preflights from unlisted
 * origins, credentials from origins that may only read anonymously), then @fastify/cors answers
 * allowed preflights with 204 and adds the CORS headers to allowed responses. Every preflight is
 * answered by one of the two, so none reaches Apollo (whose CSRF prevention would answer 400).
 */
export async function registerCors(fastify: FastifyInstance, policy: OriginPolicy): Promise<void> {
  fastify.addHook('onRequest', (request, reply, done) => {
    const origin = request.headers.origin;
    if (request.method === 'OPTIONS' && (origin === undefined || request.headers['access-control-request-method'] === undefined)) {
      // Not a preflight: say what the API accepts rather than pass it on to Apollo.
      reply.code(204).header('allow', CORS_METHODS.join(', ')).send();
      return;
    }
    if (origin === undefined) return done();
    const access = policy.access(origin, request.host);
    if (request.method === 'OPTIONS') {
      if (!policy.enabled) {
        return refuse(reply, policy, `Cross-origin requests are turned off: add ${origin} to CORS_ORIGINS to call this API from its pages`);
      }
      if (access === 'refused') return refuse(reply, policy, `Origin ${origin} is not allowed to call this API: add it to CORS_ORIGINS`);
      if (access === 'anonymous-only' && requestsCredentialHeader(request.headers['access-control-request-headers'])) {
        return refuse(reply, policy, credentialRefusal(policy, origin));
      }
      return done();
    }
    if ((access === 'anonymous-only' || access === 'refused') && carriesCredential(request.headers)) {
      // With `*` the page may read why it was refused; an unlisted origin gets no CORS headers.
      if (access === 'anonymous-only') reply.header('access-control-allow-origin', '*');
      return refuse(reply, policy, credentialRefusal(policy, origin));
    }
    done();
  });

  if (!policy.enabled) return;
  const common = { methods: CORS_METHODS, exposedHeaders: CORS_EXPOSED_HEADERS, maxAge: CORS_MAX_AGE_SECONDS, strictPreflight: true };
  const anonymous: FastifyCorsOptions = { ...common, origin: '*', credentials: false, allowedHeaders: CORS_ANONYMOUS_HEADERS };
  if (!policy.variesByOrigin) {
    // Only `*`: the same answer for every origin, so no `Vary: Origin`.
    await fastify.register(cors, anonymous);
    return;
  }
  const credentialed = { ...common, credentials: true, allowedHeaders: [...CORS_ANONYMOUS_HEADERS, ...CORS_CREDENTIAL_HEADERS] };
  // A delegator is dynamic: @fastify/cors adds `Vary: Origin` to every response.
  await fastify.register(cors, {
    delegator: (request, callback) => {
      const access = policy.accessOf(request as FastifyRequest);
      if (access === 'listed' || access === 'same-origin') callback(null, { ...credentialed, origin: request.headers.origin });
      else if (access === 'anonymous-only') callback(null, anonymous);
      else callback(null, { origin: false });
    },
  });
}

function credentialRefusal(policy: OriginPolicy, origin: string): string {
  const wildcard = policy.anyOrigin ? ' (* allows anonymous reads only)' : '';
  return `Requests from ${origin} may not carry Authorization or X-API-Key: only origins listed in CORS_ORIGINS may send credentials${wildcard}`;
}

/** A refusal in the GraphQL error shape, readable by curl and by any client that can see it. */
function refuse(reply: FastifyReply, policy: OriginPolicy, message: string): void {
  if (policy.variesByOrigin) reply.header('vary', 'Origin');
  reply
    .code(403)
    .header('cache-control', 'private, no-store')
    .type('application/json; charset=utf-8')
    .send(JSON.stringify({ errors: [{ message, extensions: { code: ErrorCode.FORBIDDEN } }] }));
}
