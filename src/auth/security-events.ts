import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { sha256 } from '../api-keys/api-key-secret';
import { AuditLogService, AuditRecord } from '../audit/audit-log.service';
import { Actor, ANONYMOUS_ACTOR } from './actor';

/** Short and stable: enough to tell attempts on one address apart in logs, not to read it back. */
export function emailDigest(email: string): string {
  return sha256(`email:${email}`).slice(0, 16);
}

/**
 * Security events the audit log keeps (with the request's IP and id, see AuditLogService) and the
 * plain logs mention without personal data: a user by id, an email only as a digest, no IP, no secret.
 */
@Injectable()
export class SecurityEvents {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly dataSource: DataSource,
    private readonly auditLog: AuditLogService,
  ) {}

  async signInFailed(email: string, userId: string | null, reason: 'unknownEmail' | 'wrongPassword' | 'disabled'): Promise<void> {
    const subject = userId ? `user ${userId}` : `unknown email ${emailDigest(email)}`;
    this.logger.warn(`Failed sign-in for ${subject}`);
    await this.record(ANONYMOUS_ACTOR, {
      action: 'signInFailed',
      documentType: userId ? 'USER' : null,
      documentId: userId,
      after: userId ? { reason } : { reason, emailDigest: emailDigest(email) },
    });
  }

  /** The first refusal of a budget in its window (later ones would only repeat it). */
  async limited(operation: 'login' | 'refreshToken' | 'apiKey', budget: string, retryAfterSeconds: number, userId: string | null = null): Promise<void> {
    this.logger.warn(`Too many failed ${operation} attempts (${budget}${userId ? ` of user ${userId}` : ''}): refused for ${retryAfterSeconds} s`);
    await this.record(ANONYMOUS_ACTOR, {
      action: 'authenticationLimited',
      documentType: userId ? 'USER' : null,
      documentId: userId,
      after: { operation, budget, retryAfterSeconds },
    });
  }

  async refreshTokenReused(actor: Actor, userId: string, familyId: string, revokedTokens: number, manager: EntityManager): Promise<void> {
    this.logger.warn(`A replaced refresh token of user ${userId} was presented again: the session was ended`);
    await this.auditLog.record(manager, actor, { action: 'refreshTokenReused', documentType: 'USER', documentId: userId, after: { familyId, revokedTokens } });
  }

  apiKeyRejected(): void {
    this.logger.warn('An API key that is not valid was presented');
  }

  private async record(actor: Actor, record: AuditRecord): Promise<void> {
    await this.dataSource.transaction((manager) => this.auditLog.record(manager, actor, record));
  }
}
