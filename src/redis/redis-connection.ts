import Redis from 'ioredis';
import { type Logger as PinoLogger } from 'pino';

/** How long a Redis command may take before the caller treats Redis as unavailable. */
const COMMAND_TIMEOUT_MS = 250;
const CONNECT_TIMEOUT_MS = 5000;

/**
 * The app's one Redis client, when REDIS_URL is set. Everything that uses it (response cache,
 * persisted queries, rate limits, login limits) must treat a failed command as "Redis is away"
 * and fall back, never fail the request: commands fail fast while it is disconnected (no offline
 * queue) and time out after COMMAND_TIMEOUT_MS, and the client reconnects on its own.
 */
export class RedisConnection {
  private constructor(
    readonly client: Redis,
    /** `host:port`, for logs and /health (never the password). */
    readonly address: string,
    /** Prefix of every key this app writes, so several apps (or test runs) can share one Redis. */
    readonly keyPrefix: string,
  ) {}

  /** Connects at start; throws a one-line error naming the address when Redis cannot be reached. */
  static async connect(url: string, keyPrefix: string, logger: PinoLogger): Promise<RedisConnection> {
    const parsed = new URL(url);
    const address = `${parsed.hostname}:${parsed.port || 6379}`;
    const client = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: COMMAND_TIMEOUT_MS,
      connectTimeout: CONNECT_TIMEOUT_MS,
      // Back off up to 2 s between reconnection attempts; never give up.
      retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
    });
    let lastError = '';
    client.on('error', (error: Error) => {
      // ioredis reports every failed reconnection attempt; log each new cause once.
      if (error.message !== lastError)
        logger.warn({ redis: address, err: error.message }, 'Redis is unavailable; falling back to in-process state until it is back');
      lastError = error.message;
    });
    client.on('ready', () => {
      if (lastError) logger.info({ redis: address }, 'Redis is available again');
      lastError = '';
    });
    const fail = (error: unknown): never => {
      client.disconnect();
      throw new Error(`Cannot connect to Redis at ${address} (REDIS_URL): ${error instanceof Error ? error.message : String(error)}`);
    };
    // A refused connection or a bad password fails at once; a slow answer (a busy machine at start,
    // beyond the 250 ms a request may wait) gets until CONNECT_TIMEOUT_MS to come.
    const deadline = Date.now() + CONNECT_TIMEOUT_MS;
    await client.connect().catch((error: unknown) => (isTimeout(error) ? undefined : fail(error)));
    for (;;) {
      try {
        await client.ping();
        break;
      } catch (error) {
        if (Date.now() >= deadline) fail(error);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    return new RedisConnection(client, address, keyPrefix);
  }

  /** Whether commands can be sent right now (connected and ready). */
  get isReady(): boolean {
    return this.client.status === 'ready';
  }

  /** A key in this app's namespace. */
  key(...parts: string[]): string {
    return `${this.keyPrefix}${parts.join(':')}`;
  }

  /** For /health: `ok` when a PING answers within the command timeout. */
  async health(): Promise<'ok' | 'unavailable'> {
    if (!this.isReady) return 'unavailable';
    try {
      await this.client.ping();
      return 'ok';
    } catch {
      return 'unavailable';
    }
  }

  async close(): Promise<void> {
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && /timed? ?out/i.test(error.message);
}
