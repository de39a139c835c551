import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * One refresh token of a sign-in session. Each use replaces it with a new one of the same family
 * (the session); presenting a replaced token again means it was copied, so the family is revoked.
 */
@Entity('refresh_tokens')
@Index(['userId'])
@Index(['familyId'])
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  /** Shared by every token issued from one login. */
  @Column({ type: 'uuid' })
  familyId: string;

  /** sha256 (hex) of the token; the token itself is never stored. */
  @Index('UQ_refresh_tokens_token_hash', { unique: true })
  @Column({ type: 'char', length: 64 })
  tokenHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /**
   * sha256 (hex) of the client IP the token was issued to: a sign-in from an address the user
   * signed in from before is not held back by the per-account budget, and only that client may
   * retry a refresh within the grace window.
   */
  @Column({ type: 'char', length: 64, nullable: true })
  clientAddressHash: string | null;

  /** The token that replaced this one at rotation. */
  @Column({ type: 'uuid', nullable: true })
  replacedById: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;
}
