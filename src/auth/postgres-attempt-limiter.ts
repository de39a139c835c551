import { type DataSource } from 'typeorm';
import { type AttemptLimiter, attemptKeyHash, type AttemptReservation, type AttemptWindow, reservationOf } from './attempt-limiter';

/** Past this many reservations by this instance, it deletes the rows whose window is over. */
const CLEANUP_EVERY = 100;

/**
 * Counts in one statement: a key's first attempt inserts its row, later ones add to it (or start
 * a new window once the old one is over). The row lock the upsert takes orders concurrent
 * attempts, so each sees its own count; the clock is the database's, the same for every instance.
 */
const RESERVE = `
INSERT INTO login_attempts AS attempt (key_hash, attempts, window_ends_at)
VALUES ($1, 1, now() + $2 * interval '1 millisecond')
ON CONFLICT (key_hash) DO UPDATE SET
  attempts = CASE WHEN attempt.window_ends_at <= now() THEN 1 ELSE LEAST(attempt.attempts + 1, 1000000) END,
  window_ends_at = CASE WHEN attempt.window_ends_at <= now() THEN EXCLUDED.window_ends_at ELSE attempt.window_ends_at END
RETURNING attempts, GREATEST(0, EXTRACT(EPOCH FROM (window_ends_at - now())) * 1000)::float8 AS ms_left`;

const PEEK = `
SELECT attempts + 1 AS attempts, GREATEST(0, EXTRACT(EPOCH FROM (window_ends_at - now())) * 1000)::float8 AS ms_left
FROM login_attempts WHERE key_hash = $1 AND window_ends_at > now()`;

/** AttemptLimiter on PostgreSQL (the login_attempts table), shared by every instance on the database. */
export class PostgresAttemptLimiter implements AttemptLimiter {
  private reservations = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly window: AttemptWindow,
  ) {}

  async reserve(key: string): Promise<AttemptReservation> {
    const rows: { attempts: number; ms_left: number }[] = await this.dataSource.query(RESERVE, [attemptKeyHash(key), this.window.windowMs]);
    // Housekeeping only: a failure here must not fail the sign-in.
    if (++this.reservations % CLEANUP_EVERY === 0)
      await this.dataSource.query('DELETE FROM login_attempts WHERE window_ends_at <= now()').catch(() => undefined);
    const attempts = Number(rows[0].attempts);
    // Refused attempts are counted too here, so the first refusal is the one numbered max + 1.
    return reservationOf(attempts, Number(rows[0].ms_left), this.window, '', attempts === this.window.maxAttempts + 1);
  }

  async release(key: string): Promise<void> {
    await this.dataSource.query('UPDATE login_attempts SET attempts = attempts - 1 WHERE key_hash = $1 AND attempts > 0 AND window_ends_at > now()', [
      attemptKeyHash(key),
    ]);
  }

  async peek(key: string): Promise<AttemptReservation> {
    const rows: { attempts: number; ms_left: number }[] = await this.dataSource.query(PEEK, [attemptKeyHash(key)]);
    return rows.length === 0 ? reservationOf(1, 0, this.window, '') : reservationOf(Number(rows[0].attempts), Number(rows[0].ms_left), this.window, '');
  }

  async reset(key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM login_attempts WHERE key_hash = $1', [attemptKeyHash(key)]);
  }
}
