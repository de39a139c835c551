import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { type FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The API answers JSON: its responses may not run or load anything, nor be framed. Pages that
 * need more (the IDE) send their own Content-Security-Policy.
 */
export const API_CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: { defaultSrc: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"], frameAncestors: ["'none'"] },
};

const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: API_CONTENT_SECURITY_POLICY,
  strictTransportSecurity: false,
  xFrameOptions: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
};

/** One year; the app's own host only (its subdomains are not the API's to decide). */
const HSTS_VALUE = 'max-age=31536000';

/**
 * Security headers on every response, from helmet: the CSP above, no framing (X-Frame-Options
 * DENY), nosniff, `Referrer-Policy: no-referrer`, same-origin opener and resource policies.
 * Helmet's middleware is built once: @fastify/helmet builds it again for every request (about
 * 20 µs each, measured), a cost every cached read would pay (docs/decisions.md).
 *
 * Strict-Transport-Security only when the request arrived over HTTPS as Fastify sees it (its own
 * TLS, or X-Forwarded-Proto from a trusted proxy): on plain HTTP browsers ignore the header, and
 * behind a TLS proxy that Fastify does not trust, the proxy sets it.
 */
export function registerSecurityHeaders(fastify: FastifyInstance): void {
  const headers = helmetHeaders();
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS_VALUE);
    reply.headers(headers);
    done();
  });
}

/**
 * The headers helmet sets with our options, computed once: they do not depend on the request
 * (HSTS, which does, is handled above), and setting a fixed set costs a fraction of running its
 * middleware on every response.
 */
function helmetHeaders(): Record<string, string> {
  const request = new IncomingMessage(new Socket());
  const response = new ServerResponse(request);
  let failure: unknown;
  helmet(HELMET_OPTIONS)(request, response, (error?: unknown) => {
    failure = error;
  });
  if (failure) throw failure;
  return Object.fromEntries(Object.entries(response.getHeaders()).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]));
}
