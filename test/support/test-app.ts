import { type TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import request from 'supertest';
import { type DestinationStream } from 'pino';
import { type DataSource } from 'typeorm';
import { createApp, type RunningApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import { createTestDatabase, embeddedTemplate, type SharedTestDatabase, type TestDatabase } from './test-database';
import { uniqueRedisKeyPrefix } from './test-redis';

export interface GraphQLResponse<T = any> {
  status: number;
  headers: Record<string, string>;
  data: T;
  errors?: { message: string; path?: string[]; extensions: { code: string; fields?: { path: string; message: string }[]; [key: string]: unknown } }[];
  /** The response's `extensions` (warnings of a successful mutation). */
  extensions?: Record<string, any>;
  /** SQL statements the request ran (from the x-sql-statements header). */
  sqlStatements: number;
}

/**
 * A GraphQL operation: its text, or a typed document from test/operations/generated.ts
 * (`npm run codegen`), with which the compiler checks the variables and types the result.
 */
export type Operation<T = any, V = Record<string, unknown>> = string | TypedDocumentNode<T, V>;

export type Variables = Record<string, unknown>;

/** The text of an operation. */
export function operationText(operation: Operation<unknown, never>): string {
  return typeof operation === 'string' ? operation : print(operation);
}

/** A running app as tests use it; `useTestApp` hands out one, closed for them. */
export interface AppUnderTest {
  running: RunningApp;
  dataSource: DataSource;
  /** Supertest against the real HTTP server. */
  http(): ReturnType<typeof request>;
  /** POSTs a GraphQL operation as a frontend would. */
  graphql<T = any, V extends Variables = Variables>(query: Operation<T, V>, variables?: V, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
}

export interface TestApp extends AppUnderTest {
  close(): Promise<void>;
}

export interface TestAppOptions {
  /**
   * Run on this database instead of a fresh one, and leave it in place at `close()`, so that
   * another app can start on it (a restart, a second instance). Its owner drops it.
   */
  database?: SharedTestDatabase;
  /** Where the app's log lines go (tests that read them); LOG_LEVEL still applies. */
  logDestination?: DestinationStream;
}

/**
 * The environment a test app runs with: test secrets, generous rate budgets, the database given,
 * then the test's own `env`. Apps in a child process (app-process.ts) get the same.
 */
export function testAppEnvironment(database: Pick<TestDatabase, 'url' | 'poolSize'>, env: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    LOAD_DEMO_CONTENT: 'false',
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-signing',
    // Factories write straight to the database, past the invalidation of cached responses:
    // tests that exercise the response cache (test/cache/) turn it on.
    RESPONSE_CACHE: 'off',
    // Tests send many requests from one IP: budgets no test reaches, unless a test sets its own.
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000000',
    RATE_LIMIT_MUTATIONS_PER_MINUTE: '1000000',
    RATE_LIMIT_AUTHENTICATED_PER_MINUTE: '1000000',
    RATE_LIMIT_AUTHENTICATED_MUTATIONS_PER_MINUTE: '1000000',
    // Every test signs in from 127.0.0.1: the per-IP sign-in budget applies only where a test sets it.
    LOGIN_ATTEMPTS_PER_ADDRESS: '1000000',
    // Session checks read the database on every request, so that SQL statement counts of requests
    // with a credential do not depend on a cache entry's age; test/auth/sessions.e2e-spec.ts sets its own.
    SESSION_CHECK_CACHE_SECONDS: '0',
    GRAPHQL_COMPILE_AFTER: process.env.TEST_GRAPHQL_COMPILE_AFTER ?? '2',
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    // An embedded database used by apps in turn keeps one session: a statement name one app
    // prepared would clash with the next app's.
    ...(database.poolSize ? { DATABASE_POOL_SIZE: String(database.poolSize), DATABASE_PREPARED_STATEMENTS: 'false' } : {}),
    // Instances that share a Redis on purpose pass the same REDIS_KEY_PREFIX.
    ...(env.REDIS_URL ? { REDIS_KEY_PREFIX: uniqueRedisKeyPrefix() } : {}),
    ...env,
  };
}

/**
 * Boots the real app (Fastify, GraphQL, migrations) on a fresh database: a new database on the
 * server given by TEST_DATABASE_URL/DATABASE_URL, or an in-memory embedded PostgreSQL.
 */
export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const shared = options.database;
  const database: TestDatabase = shared ? { url: shared.url, poolSize: shared.poolSize, drop: async () => undefined } : await createTestDatabase();
  const config = loadConfig(testAppEnvironment(database, env));

  let running: RunningApp;
  try {
    running = await createApp(config, {
      inMemoryDatabase: true,
      // Only an app that starts its own embedded database reads the template (tens of MB).
      embeddedInitialData: shared || database.url ? undefined : embeddedTemplate(),
      logDestination: options.logDestination,
    });
  } catch (error) {
    await database.drop();
    throw error;
  }
  await running.app.getHttpAdapter().getInstance().ready();
  const server = running.app.getHttpServer();
  return {
    running,
    dataSource: running.dataSource,
    http: () => request(server),
    async graphql(query, variables, headers = {}) {
      const response = await request(server)
        .post('/graphql')
        .set({ 'content-type': 'application/json', ...headers })
        .send({ query: operationText(query), variables });
      return {
        status: response.status,
        headers: response.headers as Record<string, string>,
        data: response.body?.data,
        errors: response.body?.errors,
        extensions: response.body?.extensions,
        sqlStatements: Number(response.headers['x-sql-statements'] ?? NaN),
      };
    },
    async close() {
      await running.close();
      await database.drop();
    },
  };
}
