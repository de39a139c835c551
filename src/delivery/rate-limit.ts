import fastifyRateLimit, { normalizeIP } from '@fastify/rate-limit';
import { Inject, Injectable } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CredentialsService } from '../auth/credentials.service';
import { AppError, ErrorCode } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import { RedisConnection } from '../redis/redis-connection';
import { REDIS } from '../redis/redis.module';
import { AddressSet } from './rate-limit-settings';
import { SharedRateLimitStore } from './rate-limit-store';
import { refusalBody } from './refusal-body';

/** Budgets are per fixed window of one minute, starting at a client's first request. */
const WINDOW_MS = 60_000;
/** Load balancers and orchestrators poll it; a refusal there would take a healthy instance out. */
const UNLIMITED_PATHS = new Set(['/health']);

/** Whose budget a request spends. */
export interface RateLimitClient {
  /** `ip:<address>` for anonymous requests, `<credential kind>:<id>` for a verified credential. */
  key: string;
  authenticated: boolean;
}

/** A refused request: what was spent, the budget, and when the window reopens. */
export interface RateLimitRefusal {
  kind: 'requests' | 'mutations';
  limit: number;
  retryAfterSeconds: number;
}

type Check = ReturnType<FastifyInstance['createRateLimit']>;

/** The GraphQL-style error both refusals carry, for /graphql and /fhir alike. */
export function rateLimitedMessage(refusal: RateLimitRefusal): string {
  return `Too many ${refusal.kind}: this client may send ${refusal.limit} a minute; retry in ${refusal.retryAfterSeconds} s`;
}

/**
 * Rate limits with @fastify/rate-limit: every request but /health spends from its client's
 * budget in an onRequest hook, before the body is read or parsed and before any database work;
 * mutations also spend from a smaller budget once GraphQL knows the operation (see
 * MutationRateLimitPlugin). A client is its IP (after TRUST_PROXY), or its verified credential:
 * a header that does not verify buys nothing, it spends from its IP's anonymous budget.
 */
@Injectable()
export class RateLimiter {
  private readonly clients = new WeakMap<FastifyRequest, RateLimitClient>();
  private readonly allowList: AddressSet;
  private readonly store: SharedRateLimitStore;
  private requests?: Check;
  private mutations?: Check;

  constructor(
    private readonly config: AppConfig,
    @Inject(REDIS) redis: RedisConnection | null,
    private readonly credentials: CredentialsService,
  ) {
    this.allowList = new AddressSet(config.RATE_LIMIT_ALLOW);
    this.store = new SharedRateLimitStore(redis);
  }

  /** Registers the plugin and the hook; bootstrap calls it before the routes are registered. */
  async install(fastify: FastifyInstance): Promise<void> {
    if (this.config.RATE_LIMIT === 'off') return;
    await fastify.register(fastifyRateLimit, { global: false, store: this.store.asStoreClass(), timeWindow: WINDOW_MS, skipOnError: false });
    this.requests = fastify.createRateLimit({
      keyGenerator: (request) => `requests:${this.clientOf(request).key}`,
      max: (request) => (this.clientOf(request).authenticated ? this.config.RATE_LIMIT_AUTHENTICATED_PER_MINUTE : this.config.RATE_LIMIT_ANONYMOUS_PER_MINUTE),
    });
    this.mutations = fastify.createRateLimit({
      keyGenerator: (request) => `mutations:${this.clientOf(request).key}`,
      max: (request) =>
        this.clientOf(request).authenticated ? this.config.RATE_LIMIT_AUTHENTICATED_MUTATIONS_PER_MINUTE : this.config.RATE_LIMIT_MUTATIONS_PER_MINUTE,
    });
    fastify.addHook('onRequest', async (request, reply) => {
      const refusal = await this.spendRequest(request);
      if (refusal) return refuse(reply, refusal);
    });
  }

  /** Spends one mutation of the request's client; the refusal when its mutation budget is spent. */
  async spendMutation(request: FastifyRequest): Promise<RateLimitRefusal | null> {
    if (!this.mutations || !this.clients.has(request)) return null;
    return this.spend(this.mutations, request, 'mutations');
  }

  private async spendRequest(request: FastifyRequest): Promise<RateLimitRefusal | null> {
    // Preflights do no work, and a browser sends one before many of its requests.
    if (request.method === 'OPTIONS' || UNLIMITED_PATHS.has(request.url.split('?', 1)[0])) return null;
    if (request.ip && this.allowList.has(request.ip)) return null;
    this.clients.set(request, await this.identify(request));
    return this.spend(this.requests!, request, 'requests');
  }

  private async spend(check: Check, request: FastifyRequest, kind: RateLimitRefusal['kind']): Promise<RateLimitRefusal | null> {
    const result = await check(request);
    if (result.isAllowed || !result.isExceeded) return null;
    return { kind, limit: result.max, retryAfterSeconds: Math.max(1, result.ttlInSeconds) };
  }

  private async identify(request: FastifyRequest): Promise<RateLimitClient> {
    // request.ip is undefined only once the socket is gone; such a request still gets a budget.
    const anonymous = { key: `ip:${request.ip ? normalizeIP(request.ip) : 'unknown'}`, authenticated: false };
    if (request.headers.authorization === undefined && request.headers['x-api-key'] === undefined) return anonymous;
    // The same lookup the GraphQL context makes: CredentialsService resolves a request's headers once.
    const actor = await this.credentials.actorFor(request.headers).catch(() => null);
    return actor?.id ? { key: `${actor.kind}:${actor.id}`, authenticated: true } : anonymous;
  }

  private clientOf(request: FastifyRequest): RateLimitClient {
    const client = this.clients.get(request);
    if (!client) throw new Error('Rate limit checked before the request was identified');
    return client;
  }
}

function refuse(reply: FastifyReply, refusal: RateLimitRefusal): FastifyReply {
  const { type, body } = refusalBody(reply.request.url, ErrorCode.RATE_LIMITED, rateLimitedMessage(refusal), { retryAfterSeconds: refusal.retryAfterSeconds });
  return reply.code(429).header('retry-after', String(refusal.retryAfterSeconds)).header('cache-control', 'private, no-store').type(type).send(body);
}

/** The error a GraphQL plugin throws to refuse an operation: HTTP 429 with Retry-After. */
export function rateLimitedError(refusal: RateLimitRefusal): AppError {
  return new AppError(ErrorCode.RATE_LIMITED, rateLimitedMessage(refusal), {
    retryAfterSeconds: refusal.retryAfterSeconds,
    http: {
      status: 429,
      headers: new Map([
        ['retry-after', String(refusal.retryAfterSeconds)],
        ['cache-control', 'private, no-store'],
      ]),
    },
  });
}

/** Installs the rate limits on the app's Fastify instance (between NestFactory.create and init). */
export async function installRateLimits(app: NestFastifyApplication): Promise<void> {
  await app.get(RateLimiter).install(app.getHttpAdapter().getInstance());
}
