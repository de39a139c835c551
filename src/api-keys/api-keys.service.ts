import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLogService } from '../audit/audit-log.service';
import { Actor } from '../auth/actor';
import { API_KEY_SCOPES, Permission } from '../auth/permissions';
import { AppError } from '../common/errors/app-error';
import { ApiKey, auditedApiKey } from './api-key.entity';
import { generateApiKey, GeneratedApiKey, isWellFormedApiKey, sha256 } from './api-key-secret';

/** lastUsedAt is a hint for people cleaning up keys, not a log: one write a minute per key is plenty. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface NewApiKey {
  name: string;
  scopes: Permission[];
}

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditLog: AuditLogService,
  ) {}

  list(_actor: Actor): Promise<ApiKey[]> {
    return this.dataSource.getRepository(ApiKey).find({ order: { createdAt: 'DESC', id: 'ASC' } });
  }

  /** Creates a key and returns its secret, which exists nowhere else afterwards. */
  create(actor: Actor, input: NewApiKey): Promise<{ apiKey: ApiKey; secret: string }> {
    const scopes = [...new Set(input.scopes)];
    const outside = scopes.filter((scope) => !API_KEY_SCOPES.includes(scope));
    if (outside.length > 0) throw AppError.badInput([{ path: 'input.scopes', message: `cannot include ${outside.join(', ')}` }]);
    return this.dataSource.transaction(async (manager) => {
      let generated: GeneratedApiKey;
      // Prefixes are 32 random bits: a collision is unlikely, but the unique index would turn it into an error.
      do generated = generateApiKey();
      while (await manager.existsBy(ApiKey, { prefix: generated.prefix }));
      const apiKey = manager.create(ApiKey, {
        name: input.name.trim(),
        prefix: generated.prefix,
        keyHash: generated.hash,
        scopes,
        createdBy: actor.kind === 'USER' ? actor.id : null,
        lastUsedAt: null,
        revokedAt: null,
      });
      await manager.save(apiKey);
      await this.auditLog.record(manager, actor, { action: 'createApiKey', documentType: 'API_KEY', documentId: apiKey.id, after: auditedApiKey(apiKey) });
      return { apiKey, secret: generated.secret };
    });
  }

  revoke(actor: Actor, id: string): Promise<ApiKey> {
    return this.dataSource.transaction(async (manager) => {
      const apiKey = await manager.findOne(ApiKey, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!apiKey) throw AppError.notFound('API key');
      if (apiKey.revokedAt) return apiKey;
      const before = auditedApiKey(apiKey);
      apiKey.revokedAt = new Date();
      await manager.save(apiKey);
      await this.auditLog.record(manager, actor, {
        action: 'revokeApiKey',
        documentType: 'API_KEY',
        documentId: apiKey.id,
        before,
        after: auditedApiKey(apiKey),
      });
      return apiKey;
    });
  }

  /** The actor of a presented key, or null when no active key matches. */
  async authenticate(secret: string): Promise<Actor | null> {
    if (!isWellFormedApiKey(secret)) return null;
    const apiKey = await this.dataSource.getRepository(ApiKey).findOneBy({ keyHash: sha256(secret) });
    if (!apiKey || apiKey.revokedAt) return null;
    if (!apiKey.lastUsedAt || Date.now() - apiKey.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      // The condition is repeated in SQL so that several instances together still write once a minute.
      await this.dataSource
        .createQueryBuilder()
        .update(ApiKey)
        .set({ lastUsedAt: () => 'now()' })
        .where('id = :id', { id: apiKey.id })
        .andWhere(`(last_used_at IS NULL OR last_used_at <= now() - interval '1 minute')`)
        .execute();
    }
    return actorOf(apiKey);
  }

  /** The actor of an active key by id (preview tokens check that the key that minted them still is). */
  async activeActor(id: string): Promise<Actor | null> {
    const apiKey = await this.dataSource.getRepository(ApiKey).findOneBy({ id });
    return apiKey && !apiKey.revokedAt ? actorOf(apiKey) : null;
  }
}

function actorOf(apiKey: ApiKey): Actor {
  return { kind: 'API_KEY', id: apiKey.id, label: `API key ${apiKey.name} (${apiKey.prefix})`, permissions: apiKey.scopes };
}
