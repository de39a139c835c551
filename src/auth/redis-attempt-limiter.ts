import { randomUUID } from 'node:crypto';
import { type RedisConnection } from '../redis/redis-connection';
import { type AttemptLimiter, attemptKeyHash, type AttemptReservation, type AttemptWindow, reservationOf } from './attempt-limiter';

/** Tries of one reservation while Redis is connected but a reply is late (a busy event loop, a slow Redis). */
const TRIES = 3;

/**
 * Reserves attempt ARGV[1] in the window's sorted set and returns its number, the window's
 * time left and whether this is the window's first refusal. Idempotent: the same attempt id
 * gets the same number however often it is sent, so a try whose reply timed out can be repeated
 * without counting twice. Only allowed attempts are stored (numbers 1..max), so the set stays
 * small; the window starts with the first one, and a set somehow left without an expiry gets
 * one rather than counting forever. KEYS[2] marks that the window has refused once.
 */
const RESERVE = `
local number = redis.call('ZRANK', KEYS[1], ARGV[1])
if not number then
  number = redis.call('ZCARD', KEYS[1])
  if number < tonumber(ARGV[3]) then
    redis.call('ZADD', KEYS[1], number, ARGV[1])
  end
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
local first = 0
if number >= tonumber(ARGV[3]) and redis.call('SET', KEYS[2], '1', 'NX', 'PX', ttl) then
  first = 1
end
return {number + 1, ttl, first}
`;

/** The number the next attempt would get, and the window's time left. */
const PEEK = `
return {redis.call('ZCARD', KEYS[1]) + 1, redis.call('PTTL', KEYS[1])}
`;

/** AttemptLimiter on Redis, shared by every instance that uses the same Redis and key prefix. */
export class RedisAttemptLimiter implements AttemptLimiter {
  constructor(
    private readonly redis: RedisConnection,
    private readonly window: AttemptWindow,
  ) {}

  /** Throws when Redis is away (disconnected, or no reply after TRIES), so the caller can fall back. */
  async reserve(key: string): Promise<AttemptReservation> {
    const attempt = randomUUID();
    for (let tryNumber = 1; ; tryNumber += 1) {
      try {
        const [number, msLeft, first] = (await this.redis.client.eval(
          RESERVE,
          2,
          this.keyOf(key),
          this.refusedKeyOf(key),
          attempt,
          this.window.windowMs,
          this.window.maxAttempts,
        )) as [number, number, number];
        return reservationOf(number, msLeft, this.window, attempt, first === 1);
      } catch (error) {
        if (tryNumber >= TRIES || !this.redis.isReady) throw error;
      }
    }
  }

  async release(key: string, reservation: AttemptReservation): Promise<void> {
    await this.redis.client.zrem(this.keyOf(key), reservation.attemptId);
  }

  async peek(key: string): Promise<AttemptReservation> {
    const [number, msLeft] = (await this.redis.client.eval(PEEK, 1, this.keyOf(key))) as [number, number];
    return reservationOf(number, msLeft, this.window, '');
  }

  async reset(key: string): Promise<void> {
    await this.redis.client.del(this.keyOf(key), this.refusedKeyOf(key));
  }

  private keyOf(key: string): string {
    return this.redis.key('login-attempts', attemptKeyHash(key));
  }

  private refusedKeyOf(key: string): string {
    return this.redis.key('login-attempts', attemptKeyHash(key), 'refused');
  }
}
