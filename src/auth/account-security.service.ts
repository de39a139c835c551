import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { sha256 } from '../api-keys/api-key-secret';
import { AuditLogService } from '../audit/audit-log.service';
import { AppError, ErrorCode } from '../common/errors/app-error';
import { passwordPolicyProblem } from '../common/validation/password-policy';
import { AppConfig } from '../config/app-config';
import { PasswordReset } from '../users/password-reset.entity';
import { hashPassword, verifyPassword } from '../users/passwords';
import { RecoveryCode } from '../users/recovery-code.entity';
import { User } from '../users/user.entity';
import { type Actor } from './actor';
import { type AttemptLimiter } from './attempt-limiter';
import { type SessionEndReason, SessionsService } from './sessions.service';
import { ACCOUNT_LIMITER } from './sign-in-budgets';
import { acceptedTimeStep, newRecoveryCodes, newTwoFactorSecret, normalizedRecoveryCode, twoFactorUri } from './two-factor-codes';

export interface PasswordResetTicket {
  token: string;
  expiresAt: Date;
  user: User;
}

export interface TwoFactorSetup {
  secret: string;
  uri: string;
}

/** Thrown by sign-in when the account has two-factor on and the code is missing or wrong. */
function twoFactorRefusal(message: string): AppError {
  return new AppError(ErrorCode.UNAUTHENTICATED, message, { twoFactorRequired: true });
}

/**
 * What a user does to keep an account safe: change the password, use a reset an admin created,
 * turn two-factor sign-in on and off; and the second factor's check at sign-in.
 */
@Injectable()
export class AccountSecurityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditLog: AuditLogService,
    private readonly config: AppConfig,
    private readonly sessions: SessionsService,
    // The per-account budget: guesses at the current password or a code count like sign-in guesses.
    @Inject(ACCOUNT_LIMITER) private readonly limiter: AttemptLimiter,
  ) {}

  /**
   * Changes the signed-in user's password after checking the current one (guesses count against
   * the sign-in budget), and ends every session of the user, this one included: the caller opens
   * a new one for the device that made the change.
   */
  async changePassword(actor: Actor, input: { currentPassword: string; newPassword: string }): Promise<User> {
    const user = await this.signedInUser(actor);
    await this.reserveAttempt(`password:${user.id}`);
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
      throw AppError.badInput([{ path: 'input.currentPassword', message: 'is not the current password' }]);
    }
    this.checkNewPassword(user, input.newPassword, 'input.newPassword');
    if (input.newPassword === input.currentPassword) throw AppError.badInput([{ path: 'input.newPassword', message: 'must differ from the current password' }]);
    await this.limiter.reset(`password:${user.id}`);
    const passwordHash = await hashPassword(input.newPassword);
    await this.dataSource.transaction(async (manager) => {
      await this.storePassword(manager, actor, user, passwordHash, 'passwordChanged');
      await this.auditLog.record(manager, actor, { action: 'changePassword', documentType: 'USER', documentId: user.id });
    });
    await this.sessions.afterSessionsEnded(user.id);
    return user;
  }

  /** A one-time reset for `userId`, valid for PASSWORD_RESET_TTL_MINUTES; earlier unused resets of the user stop working. */
  async createPasswordReset(actor: Actor, userId: string): Promise<PasswordResetTicket> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.PASSWORD_RESET_TTL_MINUTES * 60_000);
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOneBy(User, { id: userId });
      if (!user) throw AppError.notFound('User');
      await manager.update(PasswordReset, { userId, usedAt: IsNull() }, { usedAt: new Date() });
      await manager.insert(PasswordReset, { userId, tokenHash: sha256(token), createdById: actor.id, expiresAt, usedAt: null });
      await this.auditLog.record(manager, actor, {
        action: 'createPasswordReset',
        documentType: 'USER',
        documentId: userId,
        after: { expiresAt: expiresAt.toISOString() },
      });
      return { token, expiresAt, user };
    });
  }

  /** Sets a new password with a reset token (once), and ends every session of the user. */
  async resetPassword(input: { token: string; newPassword: string }): Promise<User> {
    const passwordHash = await hashPassword(input.newPassword);
    const user = await this.dataSource.transaction(async (manager) => {
      const reset = await manager
        .createQueryBuilder(PasswordReset, 'reset')
        .setLock('pessimistic_write')
        .where('reset.tokenHash = :hash AND reset.usedAt IS NULL AND reset.expiresAt > now()', { hash: sha256(input.token) })
        .getOne();
      const user = reset ? await manager.findOneBy(User, { id: reset.userId }) : null;
      if (!reset || !user || user.disabled) throw AppError.badInput([{ path: 'input.token', message: 'is not valid: it was used, replaced or has expired' }]);
      this.checkNewPassword(user, input.newPassword, 'input.newPassword');
      await manager.update(PasswordReset, { id: reset.id }, { usedAt: new Date() });
      await this.storePassword(manager, selfActor(user), user, passwordHash, 'passwordReset');
      await this.auditLog.record(manager, selfActor(user), { action: 'resetPassword', documentType: 'USER', documentId: user.id });
      return user;
    });
    await this.sessions.afterSessionsEnded(user.id);
    return user;
  }

  /** Step one of turning two-factor on: a new secret to scan. Sign-in does not ask for codes until `confirmTwoFactorSetup`. */
  async startTwoFactorSetup(actor: Actor, currentPassword: string): Promise<TwoFactorSetup> {
    const user = await this.signedInUser(actor);
    await this.confirmPassword(user, currentPassword, 'input.currentPassword');
    if (user.twoFactorEnabledAt) throw AppError.conflict('Two-factor sign-in is already on: turn it off first to use a new authenticator');
    const secret = newTwoFactorSecret();
    await this.dataSource.getRepository(User).update({ id: user.id }, { twoFactorSecret: secret, twoFactorLastStep: null });
    return { secret, uri: twoFactorUri(secret, user.email, this.config.TWO_FACTOR_ISSUER) };
  }

  /** Step two: a code from the authenticator proves the secret was saved; turns two-factor on and returns recovery codes, shown once. */
  async confirmTwoFactorSetup(actor: Actor, code: string): Promise<string[]> {
    const user = await this.signedInUser(actor);
    if (user.twoFactorEnabledAt) throw AppError.conflict('Two-factor sign-in is already on');
    if (!user.twoFactorSecret) throw AppError.conflict('Start with startTwoFactorSetup: there is no authenticator secret to confirm');
    await this.reserveAttempt(`two-factor:${user.id}`);
    const step = acceptedTimeStep(user.twoFactorSecret, code, null);
    if (step === null) throw AppError.badInput([{ path: 'input.code', message: 'is not the current code of the authenticator' }]);
    await this.limiter.reset(`two-factor:${user.id}`);
    const codes = newRecoveryCodes();
    await this.dataSource.transaction(async (manager) => {
      await manager.update(User, { id: user.id }, { twoFactorEnabledAt: new Date(), twoFactorLastStep: String(step) });
      await this.replaceRecoveryCodes(manager, user.id, codes);
      await this.auditLog.record(manager, actor, { action: 'enableTwoFactor', documentType: 'USER', documentId: user.id });
    });
    return codes;
  }

  /** Turns two-factor off, with the password and a current code (or a recovery code). */
  async disableTwoFactor(actor: Actor, input: { currentPassword: string; code: string }): Promise<User> {
    const user = await this.signedInUser(actor);
    await this.confirmPassword(user, input.currentPassword, 'input.currentPassword');
    if (!user.twoFactorEnabledAt) throw AppError.conflict('Two-factor sign-in is not on');
    if (!(await this.acceptSecondFactor(user, input.code)))
      throw AppError.badInput([{ path: 'input.code', message: 'is not a current code or an unused recovery code' }]);
    return this.dataSource.transaction(async (manager) => {
      await manager.update(User, { id: user.id }, { twoFactorSecret: null, twoFactorEnabledAt: null, twoFactorLastStep: null });
      await manager.delete(RecoveryCode, { userId: user.id });
      await this.auditLog.record(manager, actor, { action: 'disableTwoFactor', documentType: 'USER', documentId: user.id });
      return Object.assign(user, { twoFactorSecret: null, twoFactorEnabledAt: null, twoFactorLastStep: null });
    });
  }

  /** New recovery codes (the old ones stop working), with a current code from the authenticator. */
  async regenerateRecoveryCodes(actor: Actor, code: string): Promise<string[]> {
    const user = await this.signedInUser(actor);
    if (!user.twoFactorEnabledAt) throw AppError.conflict('Two-factor sign-in is not on');
    if (!(await this.acceptSecondFactor(user, code, { recoveryCodes: false }))) {
      throw AppError.badInput([{ path: 'input.code', message: 'is not the current code of the authenticator' }]);
    }
    const codes = newRecoveryCodes();
    await this.dataSource.transaction(async (manager) => {
      await this.replaceRecoveryCodes(manager, user.id, codes);
      await this.auditLog.record(manager, actor, { action: 'regenerateRecoveryCodes', documentType: 'USER', documentId: user.id });
    });
    return codes;
  }

  /**
   * The second factor at sign-in, after the password matched: nothing to do without two-factor;
   * otherwise a current authenticator code (each accepted once) or an unused recovery code.
   */
  async verifySecondFactor(user: User, code: string | null | undefined): Promise<void> {
    if (!user.twoFactorEnabledAt) return;
    if (!code) throw twoFactorRefusal('This account signs in with a two-factor code: send it as twoFactorCode');
    if (!(await this.acceptSecondFactor(user, code))) throw twoFactorRefusal('The two-factor code is not valid (or was already used)');
  }

  private async acceptSecondFactor(user: User, code: string, options: { recoveryCodes: boolean } = { recoveryCodes: true }): Promise<boolean> {
    if (user.twoFactorSecret) {
      const step = acceptedTimeStep(user.twoFactorSecret, code, user.twoFactorLastStep === null ? null : Number(user.twoFactorLastStep));
      if (step !== null) {
        // Atomic: of two requests with one code, only the first moves the step forward.
        const result = await this.dataSource
          .createQueryBuilder()
          .update(User)
          .set({ twoFactorLastStep: String(step) })
          .where('id = :id AND (two_factor_last_step IS NULL OR two_factor_last_step < :step)', { id: user.id, step })
          .execute();
        return (result.affected ?? 0) === 1;
      }
    }
    if (!options.recoveryCodes) return false;
    return this.dataSource.transaction(async (manager) => {
      const result = await manager.update(
        RecoveryCode,
        { userId: user.id, codeHash: sha256(normalizedRecoveryCode(code)), usedAt: IsNull() },
        { usedAt: new Date() },
      );
      if ((result.affected ?? 0) === 0) return false;
      const left = await manager.countBy(RecoveryCode, { userId: user.id, usedAt: IsNull() });
      await this.auditLog.record(manager, selfActor(user), {
        action: 'useRecoveryCode',
        documentType: 'USER',
        documentId: user.id,
        after: { recoveryCodesLeft: left },
      });
      return true;
    });
  }

  private async replaceRecoveryCodes(manager: EntityManager, userId: string, codes: string[]): Promise<void> {
    await manager.delete(RecoveryCode, { userId });
    await manager.insert(
      RecoveryCode,
      codes.map((code) => ({ userId, codeHash: sha256(normalizedRecoveryCode(code)), usedAt: null })),
    );
  }

  /** Stores a new password hash, voids outstanding resets and ends every session of the user. */
  private async storePassword(manager: EntityManager, actor: Actor, user: User, passwordHash: string, reason: SessionEndReason): Promise<void> {
    const now = new Date();
    await manager.update(User, { id: user.id }, { passwordHash, passwordChangedAt: now });
    await manager.update(PasswordReset, { userId: user.id, usedAt: IsNull() }, { usedAt: now });
    await this.sessions.endAllSessions(actor, user.id, reason, manager);
    // The new session the caller may open carries the raised session version.
    const [{ session_version: sessionVersion }] = await manager.query('SELECT session_version FROM users WHERE id = $1', [user.id]);
    Object.assign(user, { passwordHash, passwordChangedAt: now, sessionVersion: Number(sessionVersion) });
  }

  private checkNewPassword(user: User, password: string, path: string): void {
    const problem = passwordPolicyProblem(password, user.email);
    if (problem) throw AppError.badInput([{ path, message: problem }]);
  }

  private async confirmPassword(user: User, password: string, path: string): Promise<void> {
    await this.reserveAttempt(`password:${user.id}`);
    if (!(await verifyPassword(user.passwordHash, password))) throw AppError.badInput([{ path, message: 'is not the current password' }]);
    await this.limiter.reset(`password:${user.id}`);
  }

  private async reserveAttempt(key: string): Promise<void> {
    const reservation = await this.limiter.reserve(key);
    if (!reservation.allowed) {
      const { retryAfterSeconds } = reservation;
      throw new AppError(ErrorCode.RATE_LIMITED, `Too many failed attempts: try again in ${retryAfterSeconds} seconds`, { retryAfterSeconds });
    }
  }

  private async signedInUser(actor: Actor): Promise<User> {
    if (actor.kind !== 'USER' || !actor.id) throw AppError.forbidden('Only a signed-in user can change their own account');
    const user = await this.dataSource.getRepository(User).findOneBy({ id: actor.id });
    if (!user || user.disabled) throw AppError.unauthenticated();
    return user;
  }
}

/** The audit actor of a change a user makes without a session (a reset, a recovery code at sign-in). */
function selfActor(user: User): Actor {
  return { kind: 'USER', id: user.id, label: user.id, permissions: [] };
}
