import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Sign-in attempts counted per key (email and client IP) in a fixed window, when the login
 * limiter keeps its counts in PostgreSQL (no REDIS_URL, or Redis away). Written only by
 * PostgresAttemptLimiter's single-statement upsert.
 */
@Entity('login_attempts')
export class LoginAttempt {
  /** sha256 (hex) of the limiter key, so no email address is stored here. */
  @PrimaryColumn({ type: 'char', length: 64 })
  keyHash: string;

  /** Attempts reserved since the window began, the refused ones included. */
  @Column({ type: 'integer' })
  attempts: number;

  @Column({ type: 'timestamptz' })
  windowEndsAt: Date;
}
