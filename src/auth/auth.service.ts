import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, IsNull, LessThan } from 'typeorm';
import { sha256 } from '../api-keys/api-key-secret';
import { AuditLogService } from '../audit/audit-log.service';
import { AppError, ErrorCode } from '../common/errors/app-error';
import { verifyPassword } from '../users/passwords';
import { normalizeEmail, User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { AccountSecurityService } from './account-security.service';
import { Actor, userActor } from './actor';
import { AttemptLimiter, LOGIN_ATTEMPT_LIMITER } from './attempt-limiter';
import { RefreshToken } from './refresh-token.entity';
import { PreviewTokensService } from './preview-tokens.service';
import { TokensService } from './tokens.service';

export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

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
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly dataSource: DataSource,
    private readonly auditLog: AuditLogService,
    private readonly tokens: TokensService,
    private readonly users: UsersService,
    private readonly previewTokens: PreviewTokensService,
    private readonly accountSecurity: AccountSecurityService,
    @Inject(LOGIN_ATTEMPT_LIMITER) private readonly limiter: AttemptLimiter,
  ) {}

  async login(input: { email: string; password: string; twoFactorCode?: string | null }, clientIp: string): Promise<Session> {
    const email = normalizeEmail(input.email);
    const limiterKey = `login:${email}|${clientIp}`;
    // Reserved before the password is checked, so concurrent attempts cannot all get past the count.
    const reservation = await this.limiter.reserve(limiterKey);
    if (!reservation.allowed) {
      const { retryAfterSeconds } = reservation;
      throw new AppError(ErrorCode.RATE_LIMITED, `Too many failed sign-in attempts: try again in ${retryAfterSeconds} seconds`, { retryAfterSeconds });
    }

    const user = await this.users.findByEmail(email);
    // The password is verified even for a disabled user, so all three failures take as long.
    const passwordMatches = await verifyPassword(user?.passwordHash ?? null, input.password);
    if (!user || !passwordMatches || user.disabled) {
      this.logger.warn(`Failed sign-in for ${email} from ${clientIp}`);
      throw AppError.unauthenticated(INVALID_LOGIN);
    }
    // The password matched: a wrong or missing second factor still counts against the budget.
    await this.accountSecurity.verifySecondFactor(user, input.twoFactorCode);
    await this.limiter.reset(limiterKey);
    return this.openSession(user, 'login');
  }

  /** A new session (refresh-token family) for `user`, who just proved who they are. */
  async openSession(user: User, reason: 'login' | 'changePassword'): Promise<Session> {
    const now = new Date();
    const refresh = await this.dataSource.transaction(async (manager) => {
      if (reason === 'login') await manager.update(User, { id: user.id }, { lastLoginAt: now });
      // Sessions that ran out are of no use to anyone: sign-in is a cheap moment to forget them.
      await manager.delete(RefreshToken, { userId: user.id, expiresAt: LessThan(now) });
      const issued = await this.issueRefreshToken(manager, user.id, randomUUID());
      if (reason === 'login') await this.auditLog.record(manager, userActor(user), { action: 'login', documentType: 'USER', documentId: user.id });
      return issued;
    });
    if (reason === 'login') user.lastLoginAt = now;
    return this.session(user, refresh);
  }

  async refresh(refreshToken: string): Promise<Session> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const token = await manager.findOne(RefreshToken, { where: { tokenHash: sha256(refreshToken) }, lock: { mode: 'pessimistic_write' } });
      if (!token) return null;
      const user = await manager.findOneBy(User, { id: token.userId });
      if (!user) return null;
      if (token.revokedAt) {
        // A replaced token came back: someone holds a copy. End the session for both holders.
        const revoked = await this.revokeFamily(manager, token.familyId);
        if (revoked > 0) {
          await this.auditLog.record(manager, userActor(user), {
            action: 'refreshTokenReused',
            documentType: 'USER',
            documentId: user.id,
            after: { familyId: token.familyId, revokedTokens: revoked },
          });
          this.logger.warn(`A replaced refresh token of ${user.email} was presented again: the session was ended`);
        }
        return null;
      }
      if (token.expiresAt.getTime() <= Date.now() || user.disabled) return null;

      const issued = await this.issueRefreshToken(manager, user.id, token.familyId);
      await manager.update(RefreshToken, { id: token.id }, { revokedAt: new Date(), replacedById: issued.id });
      await this.auditLog.record(manager, userActor(user), { action: 'refreshToken', documentType: 'USER', documentId: user.id });
      return { user, issued };
    });
    // Thrown after the transaction: the revocation of a reused family must be committed.
    if (!outcome) throw AppError.unauthenticated(INVALID_REFRESH_TOKEN);
    return this.session(outcome.user, outcome.issued);
  }

  /** Ends the session of `refreshToken`. True even when it was unknown or already ended: the outcome is the same. */
  async logout(refreshToken: string): Promise<boolean> {
    await this.dataSource.transaction(async (manager) => {
      const token = await manager.findOne(RefreshToken, { where: { tokenHash: sha256(refreshToken) }, lock: { mode: 'pessimistic_write' } });
      if (!token || token.revokedAt) return;
      const user = await manager.findOneBy(User, { id: token.userId });
      await this.revokeFamily(manager, token.familyId);
      if (user) await this.auditLog.record(manager, userActor(user), { action: 'logout', documentType: 'USER', documentId: user.id });
    });
    return true;
  }

  /** The actor of a valid access or preview token (the user or key behind it must still be active). */
  async actorForToken(token: string): Promise<Actor | null> {
    const claims = this.tokens.verify(token);
    if (claims.type === 'access') {
      const user = await this.users.findById(claims.sub);
      // The role is read fresh, so a demotion or a disabled account takes effect at once.
      return user && !user.disabled ? userActor(user) : null;
    }
    return this.previewTokens.actorFor(claims);
  }

  private async issueRefreshToken(manager: EntityManager, userId: string, familyId: string): Promise<RefreshToken & { secret: string }> {
    const secret = randomBytes(32).toString('base64url');
    const token = manager.create(RefreshToken, {
      userId,
      familyId,
      tokenHash: sha256(secret),
      expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_MS),
      revokedAt: null,
      replacedById: null,
    });
    await manager.save(token);
    return Object.assign(token, { secret });
  }

  private async revokeFamily(manager: EntityManager, familyId: string): Promise<number> {
    const result = await manager.update(RefreshToken, { familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
    return result.affected ?? 0;
  }

  private session(user: User, refresh: RefreshToken & { secret: string }): Session {
    const access = this.tokens.signAccessToken(user.id, user.role);
    return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken: refresh.secret, refreshTokenExpiresAt: refresh.expiresAt, user };
  }
}
