import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, LessThan } from 'typeorm';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { AuditLogService } from '../audit/audit-log.service';
import { AppError } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import { contentTypeOf } from '../content/document-descriptor';
import { UsersService } from '../users/users.service';
import { type Actor, can, userActor } from './actor';
import { Permission } from './permissions';
import { auditedPreviewToken, PreviewToken } from './preview-token.entity';
import { PREVIEW_TOKEN_DEFAULT_MINUTES } from './preview-token.inputs';
import { type PreviewClaims, type SignedToken, TokensService } from './tokens.service';

/** All a preview token grants, within its scope. */
const PREVIEW_PERMISSION = Permission.CONTENT_READ_DRAFT;
/** Expired tokens stay listable this long, then go. */
const EXPIRED_KEPT_MS = 30 * 24 * 60 * 60 * 1000;

export interface NewPreviewToken {
  documentType: PreviewToken['documentType'];
  documentIds?: string[] | null;
  expiresInMinutes?: number | null;
}

/**
 * Preview tokens: scoped to the drafts they name, persisted so that their creators and admins can
 * list and revoke them, and checked against their row on every use.
 */
@Injectable()
export class PreviewTokensService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditLog: AuditLogService,
    private readonly tokens: TokensService,
    private readonly users: UsersService,
    private readonly apiKeys: ApiKeysService,
    private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, input: NewPreviewToken): Promise<SignedToken & { previewToken: PreviewToken }> {
    if (!actor.id || (actor.kind !== 'USER' && actor.kind !== 'API_KEY')) throw AppError.forbidden('Only users and API keys can create preview tokens');
    const minutes = input.expiresInMinutes ?? Math.min(PREVIEW_TOKEN_DEFAULT_MINUTES, this.config.PREVIEW_TOKEN_MAX_MINUTES);
    if (minutes > this.config.PREVIEW_TOKEN_MAX_MINUTES)
      throw AppError.badInput([
        { path: 'input.expiresInMinutes', message: `must be at most ${this.config.PREVIEW_TOKEN_MAX_MINUTES} minutes (PREVIEW_TOKEN_MAX_MINUTES)` },
      ]);
    const documentIds = input.documentIds ? [...new Set(input.documentIds)] : null;
    const creatorId = actor.id;
    const creatorKind = actor.kind;
    const previewToken = await this.dataSource.transaction(async (manager) => {
      if (documentIds) await this.requireDocuments(manager, input.documentType, documentIds);
      const now = Date.now();
      // Creation is a cheap moment to forget tokens nobody can use or list any more.
      await manager.delete(PreviewToken, { expiresAt: LessThan(new Date(now - EXPIRED_KEPT_MS)) });
      const row = manager.create(PreviewToken, {
        documentType: input.documentType,
        documentIds,
        createdByKind: creatorKind,
        createdById: creatorId,
        createdByLabel: actor.label.slice(0, 400),
        expiresAt: new Date(now + minutes * 60_000),
        revokedAt: null,
      });
      await manager.save(row);
      await this.auditLog.record(manager, actor, {
        action: 'createPreviewToken',
        documentType: 'PREVIEW_TOKEN',
        documentId: row.id,
        after: auditedPreviewToken(row),
      });
      return row;
    });
    return { ...this.tokens.signPreviewToken(previewToken.id, creatorId, creatorKind, previewToken.expiresAt), previewToken };
  }

  /** The actor's own tokens, newest first; every token for those who manage them (admins). */
  list(actor: Actor, options: { includeExpired: boolean }): Promise<PreviewToken[]> {
    this.requireManager(actor);
    const query = this.dataSource.getRepository(PreviewToken).createQueryBuilder('t').orderBy('t.created_at', 'DESC').addOrderBy('t.id');
    if (!can(actor, Permission.PREVIEW_TOKENS_MANAGE)) query.where('t.created_by_id = :creator', { creator: actor.id });
    if (!options.includeExpired) query.andWhere('t.expires_at > now()');
    return query.getMany();
  }

  /** Revokes a token of the actor's (any token for admins); from the next request on it is refused. Revoking twice changes nothing. */
  revoke(actor: Actor, id: string): Promise<PreviewToken> {
    this.requireManager(actor);
    return this.dataSource.transaction(async (manager) => {
      const token = await manager.findOne(PreviewToken, { where: { id }, lock: { mode: 'pessimistic_write' } });
      // Someone else's token reads as missing: its existence is none of the caller's business.
      if (!token || (token.createdById !== actor.id && !can(actor, Permission.PREVIEW_TOKENS_MANAGE))) throw AppError.notFound('Preview token');
      if (token.revokedAt) return token;
      const before = auditedPreviewToken(token);
      token.revokedAt = new Date();
      await manager.save(token);
      await this.auditLog.record(manager, actor, {
        action: 'revokePreviewToken',
        documentType: 'PREVIEW_TOKEN',
        documentId: token.id,
        before,
        after: auditedPreviewToken(token),
      });
      return token;
    });
  }

  /** The actor of a verified preview token: null when it was revoked, or its creator is no longer active or allowed to read drafts. */
  async actorFor(claims: PreviewClaims): Promise<Actor | null> {
    const token = await this.dataSource.getRepository(PreviewToken).findOneBy({ id: claims.jti });
    if (!token || token.revokedAt || token.expiresAt.getTime() <= Date.now() || token.createdById !== claims.sub) return null;
    const issuer =
      token.createdByKind === 'USER'
        ? await this.users.findById(token.createdById).then((user) => (user && !user.disabled ? userActor(user) : null))
        : await this.apiKeys.activeActor(token.createdById);
    if (!issuer || !can(issuer, PREVIEW_PERMISSION)) return null;
    return {
      kind: 'PREVIEW_TOKEN',
      id: issuer.id,
      label: `preview token of ${issuer.label}`,
      permissions: [PREVIEW_PERMISSION],
      previewScope: { tokenId: token.id, documentType: token.documentType, documentIds: token.documentIds },
    };
  }

  /** Listing and revoking is for the people and keys that make tokens, never for a token itself. */
  private requireManager(actor: Actor): void {
    if (actor.kind === 'PREVIEW_TOKEN' || !actor.id) throw AppError.forbidden('Preview tokens are listed and revoked by their creators and admins');
  }

  /** Each named document must exist (outside the trash) and be of the named type. */
  private async requireDocuments(manager: EntityManager, documentType: PreviewToken['documentType'], ids: string[]): Promise<void> {
    const { table } = contentTypeOf(documentType);
    const rows: { id: string }[] = await manager.query(`SELECT id FROM ${table} WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL`, [ids]);
    const found = new Set(rows.map((row) => row.id));
    const missing = ids.map((id, index) => ({ id, index })).filter(({ id }) => !found.has(id));
    if (missing.length > 0)
      throw AppError.badInput(
        missing.map(({ index }) => ({ path: `input.documentIds.${index}`, message: `is not a ${documentType.toLowerCase()} (or it is in the trash)` })),
      );
  }
}
