import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type DestinationStream, type Logger as PinoLogger } from 'pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { HttpCaching } from './cache/http-caching';
import { createRootLogger, JsonNestLogger } from './common/logging';
import { requestContextStorage } from './common/request-context';
import { type AppConfig } from './config/app-config';
import { ContentChanges } from './content/content-changes';
import { buildDataSourceOptions, databaseTimeouts } from './database/data-source-options';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './database/embedded-postgres';
import { DATA_DIR_USERS } from './database/data-dir-lock';
import { runMigrationsUnderLock } from './database/migrations';
import { ReadStatements } from './content/loaders/read-statements';
import { StatementCountingLogger } from './database/statement-counting-logger';
import { registerBrowserSupport } from './delivery/browser';
import { registerRequestTimeout } from './delivery/request-timeout';
import { DemoContentLoader } from './demo/demo-content.loader';
import { installRateLimits } from './delivery/rate-limit';
import { parseTrustProxy } from './delivery/rate-limit-settings';
import { RedisConnection } from './redis/redis-connection';
import { InitialAccounts } from './users/initial-accounts';
import { databaseLocationOf } from './database/database-url';

export interface RunningApp {
  app: NestFastifyApplication;
  dataSource: DataSource;
  logger: PinoLogger;
  /** The Redis connection when REDIS_URL is set. */
  redis: RedisConnection | null;
  /** Stops the HTTP server, the database connections and the embedded database, in that order. */
  close(): Promise<void>;
}

export interface CreateAppOptions {
  /** Keep the embedded database in memory instead of DATA_DIR (tests). */
  inMemoryDatabase?: boolean;
  /** With `inMemoryDatabase`: start from this PGlite data directory dump (tests start from a migrated one). */
  embeddedInitialData?: Blob;
  /** Where log lines go instead of stdout (tests read them). */
  logDestination?: DestinationStream;
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;
const MAX_BODY_BYTES = 1024 * 1024;

/** Opens the database (embedded or DATABASE_URL), migrates it, loads demo content, builds the app. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<RunningApp> {
  const logger = createRootLogger(config.LOG_LEVEL, options.logDestination);
  // Redis first: a wrong REDIS_URL should stop the start before a database is opened.
  const redis = config.REDIS_URL ? await RedisConnection.connect(config.REDIS_URL, config.REDIS_KEY_PREFIX, logger) : null;
  if (redis) logger.info({ redis: redis.address }, `Using Redis at ${redis.address} for shared caches and limits`);
  let embedded: EmbeddedPostgres | undefined;
  let url = config.DATABASE_URL;
  let poolSize = config.DATABASE_POOL_SIZE;
  if (!url) {
    embedded = await startEmbeddedPostgres(
      options.inMemoryDatabase ? { initialData: options.embeddedInitialData } : { dataDir: config.DATA_DIR, ...DATA_DIR_USERS.server },
    );
    url = embedded.url;
    poolSize = 1;
    logger.info(
      { database: 'embedded', location: embedded.location },
      `Using the embedded PostgreSQL (PGlite) at ${embedded.location}; set DATABASE_URL to use a PostgreSQL server`,
    );
  } else {
    const location = databaseLocationOf(url);
    logger.info({ database: 'postgres', host: location }, `Using PostgreSQL at ${location}`);
  }

  const dataSource = new DataSource(buildDataSourceOptions({ url, poolSize, logger: new StatementCountingLogger(logger), timeouts: databaseTimeouts(config) }));
  ReadStatements.configure(dataSource, { preparedStatements: config.DATABASE_PREPARED_STATEMENTS && !embedded });
  try {
    await dataSource.initialize();
    const applied = await runMigrationsUnderLock(dataSource);
    if (applied.length > 0) logger.info({ migrations: applied }, `Applied ${applied.length} migration(s)`);
    if (config.shouldLoadDemoContent) {
      const loaded = await new DemoContentLoader(dataSource).loadIfEmpty();
      if (loaded) logger.info('Loaded the demo practice content into the empty database');
    }
    // Accounts: the ADMIN_EMAIL admin, and the demo editor in embedded demo mode, while no user exists.
    await new InitialAccounts(dataSource, config, logger).createIfNoUsers();
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    await redis?.close();
    throw error;
  }

  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: MAX_BODY_BYTES,
    trustProxy: parseTrustProxy(config.TRUST_PROXY),
    requestIdHeader: false,
    // No Nest middleware here: without @fastify/middie every request skips its matching pass.
    skipMiddie: true,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
    },
  });
  const fastify = adapter.getInstance();
  fastify.addHook('onRequest', (request, _reply, done) => {
    requestContextStorage.run({ requestId: String(request.id), clientIp: request.ip, sqlStatements: 0 }, done);
  });
  registerRequestTimeout(fastify, config);
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', String(request.id));
    const context = requestContextStorage.getStore();
    if (context && config.NODE_ENV !== 'production') reply.header('x-sql-statements', String(context.sqlStatements));
  });
  // CORS, security headers and the IDE at GET /graphql (src/delivery/browser.ts).
  await registerBrowserSupport(fastify, config);
  const httpCaching = HttpCaching.create(config, redis, logger);
  httpCaching.install(fastify);

  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config, dataSource, redis, logger), adapter, {
    logger: new JsonNestLogger(logger),
  });
  httpCaching.invalidateOn(app.get(ContentChanges));
  await installRateLimits(app);
  await app.init();

  return {
    app,
    dataSource,
    logger,
    redis,
    async close() {
      await app.close();
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
      await redis?.close();
    },
  };
}
