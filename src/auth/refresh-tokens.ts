import { createHmac, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { sha256 } from '../api-keys/api-key-secret';
import { AppConfig } from '../config/app-config';
import { RefreshToken } from './refresh-token.entity';
import { SIGNING_SECRET } from './signing-secret';

export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** Successors followed from a token presented again within the grace window (a client that refreshed twice meanwhile). */
const MAX_GRACE_STEPS = 5;

export type IssuedRefreshToken = RefreshToken & { secret: string };

/**
 * Issues and rotates refresh tokens. A token's successor is derived from it (an HMAC under the
 * signing key), so a client that sends the same token twice at once, or retries a refresh whose
 * answer it lost, can be given the very successor the first request got, although only hashes
 * are stored. That happens only within REFRESH_TOKEN_REUSE_GRACE_SECONDS of the rotation and for
 * the IP the successor was issued to; any other reuse revokes the session (AuthService).
 */
@Injectable()
export class RefreshTokens {
  private readonly graceMs: number;

  constructor(
    @Inject(SIGNING_SECRET) private readonly signingSecret: string,
    config: AppConfig,
  ) {
    this.graceMs = config.REFRESH_TOKEN_REUSE_GRACE_SECONDS * 1000;
  }

  /** A new session's first token. */
  issueFirst(manager: EntityManager, userId: string, familyId: string, clientAddress: string): Promise<IssuedRefreshToken> {
    return this.issue(manager, userId, familyId, randomBytes(32).toString('base64url'), clientAddress);
  }

  /** Replaces `token` (presented as `secret`, locked by the caller) with its successor. */
  async rotate(manager: EntityManager, token: RefreshToken, secret: string, clientAddress: string): Promise<IssuedRefreshToken> {
    const successor = await this.issue(manager, token.userId, token.familyId, this.successorSecret(secret), clientAddress);
    await manager.update(RefreshToken, { id: token.id }, { revokedAt: new Date(), replacedById: successor.id });
    return successor;
  }

  /**
   * For a replaced `token` presented again: the live successor the same client was given within
   * the grace window, or null when this is a reuse to punish (too late, another client, or the
   * session has ended since).
   */
  async graceSuccessor(manager: EntityManager, token: RefreshToken, secret: string, clientAddress: string): Promise<IssuedRefreshToken | null> {
    let current = token;
    let currentSecret = secret;
    for (let step = 0; step < MAX_GRACE_STEPS; step += 1) {
      if (!current.revokedAt || !current.replacedById || Date.now() - current.revokedAt.getTime() > this.graceMs) return null;
      const next = await manager.findOne(RefreshToken, { where: { id: current.replacedById }, lock: { mode: 'pessimistic_write' } });
      const nextSecret = this.successorSecret(currentSecret);
      if (!next || next.tokenHash !== sha256(nextSecret) || next.clientAddressHash !== clientAddress) return null;
      if (!next.revokedAt) return next.expiresAt.getTime() > Date.now() ? Object.assign(next, { secret: nextSecret }) : null;
      current = next;
      currentSecret = nextSecret;
    }
    return null;
  }

  private successorSecret(secret: string): string {
    return createHmac('sha256', this.signingSecret).update(`refresh-successor:${secret}`).digest('base64url');
  }

  private async issue(manager: EntityManager, userId: string, familyId: string, secret: string, clientAddress: string): Promise<IssuedRefreshToken> {
    const token = manager.create(RefreshToken, {
      userId,
      familyId,
      tokenHash: sha256(secret),
      clientAddressHash: clientAddress,
      expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_MS),
      revokedAt: null,
      replacedById: null,
    });
    await manager.save(token);
    return Object.assign(token, { secret });
  }
}
