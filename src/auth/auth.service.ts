import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, LessThan } from 'typeorm';
import { sha256 } from '../api-keys/api-key-secret';
import { AuditLogService } from '../audit/audit-log.service';
import { AppError } from '../common/errors/app-error';
import { verifyPassword } from '../users/passwords';
import { normalizeEmail, User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { AccountSecurityService } from './account-security.service';
import { Actor, userActor } from './actor';
import { Role } from './permissions';
import { PreviewTokensService } from './preview-tokens.service';
import { RefreshToken } from './refresh-token.entity';
import { IssuedRefreshToken, RefreshTokens } from './refresh-tokens';
import { SecurityEvents } from './security-events';
import { clientAddressHash, SessionsService } from './sessions.service';
import { SignInBudgets } from './sign-in-budgets';
import { TokensService } from './tokens.service';

export { REFRESH_TOKEN_TTL_MS } from './refresh-tokens';

export interface Session {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: User;
}

/** Every failed sign-in looks the same, whether the email is unknown, the password wrong or the user disabled. */
const INVALID_LOGIN = 'Invalid email or password';
const INVALID_REFRESH_TOKEN = 'The refresh token is not valid';

/** Sign-in sessions: password login, refresh-token rotation with reuse detection, logout; the actor of a token. */
@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditLog: AuditLogService,
    private readonly tokens: TokensService,
    private readonly users: UsersService,
    private readonly previewTokens: PreviewTokensService,
    private readonly accountSecurity: AccountSecurityService,
    private readonly sessions: SessionsService,
    private readonly refreshTokens: RefreshTokens,
    private readonly budgets: SignInBudgets,
    private readonly events: SecurityEvents,
  ) {}

  async login(input: { email: string; password: string; twoFactorCode?: string | null }, clientIp: string): Promise<Session> {
    const email = normalizeEmail(input.email);
    const [user, knownAddress] = await Promise.all([this.users.findByEmail(email), this.sessions.hasSignedInFrom(email, clientIp)]);
    // Reserved before the password is checked, so concurrent attempts cannot all get past the count.
    const attempt = await this.budgets.reserveSignIn(email, clientIp, knownAddress, user?.id ?? null);

    // The password is verified even for a disabled user, so all three failures take as long.
    const passwordMatches = await verifyPassword(user?.passwordHash ?? null, input.password);
    if (!user || !passwordMatches || user.disabled) {
      await this.events.signInFailed(email, user?.id ?? null, !user ? 'unknownEmail' : !passwordMatches ? 'wrongPassword' : 'disabled');
      throw AppError.unauthenticated(INVALID_LOGIN);
    }
    // The password matched: a wrong or missing second factor still counts against the budgets.
    await this.accountSecurity.verifySecondFactor(user, input.twoFactorCode);
    await attempt.succeeded();
    return this.openSession(user, 'login', clientIp);
  }

  /** A new session (refresh-token family) for `user`, who just proved who they are from `clientIp`. */
  async openSession(user: User, reason: 'login' | 'changePassword', clientIp: string): Promise<Session> {
    const now = new Date();
    const refresh = await this.dataSource.transaction(async (manager) => {
      if (reason === 'login') await manager.update(User, { id: user.id }, { lastLoginAt: now });
      // Sessions that ran out are of no use to anyone: sign-in is a cheap moment to forget them.
      await manager.delete(RefreshToken, { userId: user.id, expiresAt: LessThan(now) });
      const issued = await this.refreshTokens.issueFirst(manager, user.id, randomUUID(), clientAddressHash(clientIp));
      if (reason === 'login') await this.auditLog.record(manager, userActor(user), { action: 'login', documentType: 'USER', documentId: user.id });
      return issued;
    });
    if (reason === 'login') user.lastLoginAt = now;
    return this.session(user, refresh);
  }

  async refresh(refreshToken: string, clientIp: string): Promise<Session> {
    const attempt = await this.budgets.reserveRefresh(clientIp);
    const clientAddress = clientAddressHash(clientIp);
    const outcome = await this.dataSource.transaction(
      async (manager): Promise<{ user: User; issued: IssuedRefreshToken } | { endedSessionOf: string | null }> => {
        const refused = { endedSessionOf: null };
        const token = await manager.findOne(RefreshToken, { where: { tokenHash: sha256(refreshToken) }, lock: { mode: 'pessimistic_write' } });
        if (!token) return refused;
        const user = await manager.findOneBy(User, { id: token.userId });
        if (!user) return refused;
        if (token.revokedAt) {
          // The same client sending it again at once (two tabs, a retry): the successor it was given.
          const successor = user.disabled ? null : await this.refreshTokens.graceSuccessor(manager, token, refreshToken, clientAddress);
          if (successor) return { user, issued: successor };
          // A replaced token came back: someone holds a copy. End the session for both holders.
          const revoked = await this.sessions.endSession(manager, user.id, token.familyId);
          if (revoked === 0) return refused;
          await this.events.refreshTokenReused(userActor(user), user.id, token.familyId, revoked, manager);
          return { endedSessionOf: user.id };
        }
        if (token.expiresAt.getTime() <= Date.now() || user.disabled) return refused;

        const issued = await this.refreshTokens.rotate(manager, token, refreshToken, clientAddress);
        await this.auditLog.record(manager, userActor(user), { action: 'refreshToken', documentType: 'USER', documentId: user.id });
        return { user, issued };
      },
    );
    // Thrown after the transaction: the revocation of a reused family must be committed.
    if ('endedSessionOf' in outcome) {
      if (outcome.endedSessionOf) await this.sessions.afterSessionsEnded(outcome.endedSessionOf);
      throw AppError.unauthenticated(INVALID_REFRESH_TOKEN);
    }
    await attempt.succeeded();
    return this.session(outcome.user, outcome.issued);
  }

  /**
   * Ends the session of `refreshToken` (its refresh and access tokens), or with `everywhere`
   * every session of its user. True even when it was unknown or already ended: the outcome is the same.
   */
  async logout(refreshToken: string, everywhere = false): Promise<boolean> {
    const userId = await this.dataSource.transaction(async (manager) => {
      const token = await manager.findOne(RefreshToken, { where: { tokenHash: sha256(refreshToken) }, lock: { mode: 'pessimistic_write' } });
      if (!token || token.revokedAt) return null;
      const user = await manager.findOneBy(User, { id: token.userId });
      if (!user) return null;
      if (everywhere) {
        await this.sessions.endAllSessions(userActor(user), user.id, 'logoutEverywhere', manager);
      } else {
        await this.sessions.endSession(manager, user.id, token.familyId);
        await this.auditLog.record(manager, userActor(user), { action: 'logout', documentType: 'USER', documentId: user.id });
      }
      return user.id;
    });
    if (userId) await this.sessions.afterSessionsEnded(userId);
    return true;
  }

  /** The actor of a valid access or preview token (the user or key behind it must still be active). */
  async actorForToken(token: string): Promise<Actor | null> {
    const claims = this.tokens.verify(token);
    if (claims.type === 'access') {
      // The role is read (nearly) fresh; logout, a disabled account or ended sessions refuse the token.
      const state = await this.sessions.state(claims.sub, claims.sid);
      if (!state || state.disabled || !state.sessionOpen || state.sessionVersion !== claims.sv) return null;
      return userActor({ id: state.userId, email: state.email, role: state.role as Role, twoFactor: state.twoFactor });
    }
    return this.previewTokens.actorFor(claims);
  }

  private session(user: User, refresh: IssuedRefreshToken): Session {
    const access = this.tokens.signAccessToken(user.id, user.role, refresh.familyId, user.sessionVersion);
    return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken: refresh.secret, refreshTokenExpiresAt: refresh.expiresAt, user };
  }
}
