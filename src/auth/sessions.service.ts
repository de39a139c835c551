import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { sha256 } from '../api-keys/api-key-secret';
import { AuditLogService } from '../audit/audit-log.service';
import { User } from '../users/user.entity';
import { Actor } from './actor';
import { RefreshToken } from './refresh-token.entity';
import { SessionCache, SessionState } from './session-cache';

/** Why every session of a user ended, as the audit log records it. */
export type SessionEndReason = 'logoutEverywhere' | 'passwordChanged' | 'passwordReset' | 'roleChanged' | 'disabled' | 'totpChanged';

/** The user's row and whether the refresh family (the session) still has a live token: one statement. */
const SESSION_STATE = `
SELECT u.id, u.email, u.role, u.disabled, u.session_version, u.two_factor_enabled_at IS NOT NULL AS two_factor,
       EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.family_id = $2 AND t.user_id = u.id AND t.revoked_at IS NULL AND t.expires_at > now()) AS session_open
FROM users u WHERE u.id = $1`;

/** sha256 of a client IP, as refresh tokens keep it. */
export function clientAddressHash(clientIp: string): string {
  return sha256(`client-address:${clientIp}`);
}

/**
 * Sign-in sessions as a whole: whether an access token's session still holds, and ending
 * sessions. An access token names its session (the refresh family, `sid`) and the user's session
 * version (`sv`); it is accepted while the family has a live refresh token and the version is
 * current. Ending one session revokes its family; ending all of them also raises the version.
 * Either takes effect at once on this instance, within moments on the others with Redis, and
 * within SESSION_CHECK_CACHE_SECONDS without it (see SessionCache).
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditLog: AuditLogService,
    private readonly cache: SessionCache,
  ) {}

  /**
   * Ends every session of the user: refresh tokens are revoked and every access token issued so
   * far stops working. Pass `manager` to make it part of the caller's transaction (a password
   * change); the caches are told now and again after this call, and keep the user uncached long
   * enough for the caller to commit.
   */
  async endAllSessions(actor: Actor, userId: string, reason: SessionEndReason, manager?: EntityManager): Promise<void> {
    await this.cache.forget(userId);
    const end = async (transaction: EntityManager) => {
      await transaction.increment(User, { id: userId }, 'sessionVersion', 1);
      const revoked = await transaction.update(RefreshToken, { userId, revokedAt: IsNull() }, { revokedAt: new Date() });
      await this.auditLog.record(transaction, actor, {
        action: 'endAllSessions',
        documentType: 'USER',
        documentId: userId,
        after: { reason, revokedRefreshTokens: revoked.affected ?? 0 },
      });
    };
    if (manager) await end(manager);
    else await this.dataSource.transaction(end);
    await this.cache.forget(userId);
  }

  /** Ends one session (a refresh family) inside the caller's transaction; its access tokens stop working too. Returns the tokens revoked. */
  async endSession(manager: EntityManager, userId: string, familyId: string): Promise<number> {
    await this.cache.forget(userId);
    const result = await manager.update(RefreshToken, { familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
    return result.affected ?? 0;
  }

  /** Tells the caches again once the caller's transaction that ended sessions has committed. */
  async afterSessionsEnded(userId: string): Promise<void> {
    await this.cache.forget(userId);
  }

  /** The state an access token of `userId` for session `sessionId` is checked against; null for an unknown user. */
  async state(userId: string, sessionId: string): Promise<SessionState | null> {
    const cached = this.cache.get(userId, sessionId);
    if (cached !== undefined) return cached;
    const rows: { id: string; email: string; role: string; disabled: boolean; session_version: number; session_open: boolean; two_factor: boolean }[] =
      await this.dataSource.query(SESSION_STATE, [userId, sessionId]);
    const row = rows[0];
    const state = row
      ? {
          userId: row.id,
          email: row.email,
          role: row.role,
          disabled: row.disabled,
          sessionVersion: Number(row.session_version),
          sessionOpen: row.session_open,
          twoFactor: row.two_factor,
        }
      : null;
    this.cache.set(userId, sessionId, state);
    return state;
  }

  /** Whether the user has signed in from this IP before (within the refresh tokens' 30 days), whatever the email's case. */
  async hasSignedInFrom(email: string, clientIp: string): Promise<boolean> {
    const rows: { known: boolean }[] = await this.dataSource.query(
      'SELECT EXISTS (SELECT 1 FROM refresh_tokens t JOIN users u ON u.id = t.user_id WHERE u.email = $1 AND t.client_address_hash = $2) AS known',
      [email, clientAddressHash(clientIp)],
    );
    return rows[0]?.known === true;
  }
}
