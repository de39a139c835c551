import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Role } from '../auth/permissions';

/** An editor or admin who signs in with email and password. */
@Entity('users')
@Check('CHK_users_email_lowercase', 'email = lower(email)')
@Check('CHK_users_role', `role IN ('ADMIN', 'EDITOR')`)
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored trimmed and lowercased (the check constraint holds us to it), so the unique index is case-insensitive. */
  @Index('UQ_users_email', { unique: true })
  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  /** argon2id, in the PHC string format argon2 produces. */
  @Column({ type: 'text' })
  passwordHash: string;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  /**
   * Every access token carries the version it was issued under; ending all of the user's
   * sessions (logout everywhere, password or role change, disabling) adds one, so every token
   * issued before stops working at once (see SessionsService).
   */
  @Column({ type: 'integer', default: 0 })
  sessionVersion: number;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  passwordChangedAt: Date | null;

  /**
   * The base32 TOTP secret (RFC 6238: SHA-1, 6 digits, 30 s). Set by `startTwoFactorSetup`;
   * it protects sign-in only once `twoFactorEnabledAt` is set by a confirmed code.
   */
  @Column({ type: 'varchar', length: 64, nullable: true })
  twoFactorSecret: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  twoFactorEnabledAt: Date | null;

  /** The time step of the last code accepted: a code is never accepted twice. */
  @Column({ type: 'bigint', nullable: true })
  twoFactorLastStep: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** What the audit log keeps of a user: never the password hash. */
export function auditedUser(user: User): Record<string, unknown> {
  return { email: user.email, role: user.role, disabled: user.disabled };
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
