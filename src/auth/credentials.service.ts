import { Injectable } from '@nestjs/common';
import { IncomingHttpHeaders } from 'node:http';
import { looksLikeApiKey } from '../api-keys/api-key-secret';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { currentRequestContext } from '../common/request-context';
import { Actor } from './actor';
import { AuthService } from './auth.service';
import { SecurityEvents } from './security-events';
import { SignInBudgets } from './sign-in-budgets';
import { invalidCredential } from './tokens.service';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * Turns a request's credential into its Actor, once per request (the GraphQL context factory
 * calls it). No credential means anonymous; a credential that does not check out refuses the
 * request instead of quietly serving it as anonymous.
 */
@Injectable()
export class CredentialsService {
  /** Per request (its headers object): the rate limiter resolves the credential first, the GraphQL context reuses it. */
  private readonly resolved = new WeakMap<IncomingHttpHeaders, Promise<Actor | null>>();

  constructor(
    private readonly auth: AuthService,
    private readonly apiKeys: ApiKeysService,
    private readonly budgets: SignInBudgets,
    private readonly events: SecurityEvents,
  ) {}

  actorFor(headers: IncomingHttpHeaders): Promise<Actor | null> {
    let actor = this.resolved.get(headers);
    if (!actor) {
      actor = this.resolve(headers);
      this.resolved.set(headers, actor);
    }
    return actor;
  }

  private async resolve(headers: IncomingHttpHeaders): Promise<Actor | null> {
    const authorization = headers.authorization;
    const apiKeyHeader = headers['x-api-key'];
    if (authorization === undefined && apiKeyHeader === undefined) return null;
    if (authorization !== undefined && apiKeyHeader !== undefined)
      throw invalidCredential('Send one credential: either an Authorization or an X-API-Key header');

    if (apiKeyHeader !== undefined) {
      if (typeof apiKeyHeader !== 'string') throw invalidCredential('Send one X-API-Key header');
      return this.apiKeyActor(apiKeyHeader.trim());
    }
    const bearer = BEARER.exec(authorization ?? '');
    if (!bearer) throw invalidCredential('The Authorization header must be "Bearer <token>"');
    const token = bearer[1];
    if (looksLikeApiKey(token)) return this.apiKeyActor(token);
    const actor = await this.auth.actorForToken(token);
    if (!actor) throw invalidCredential();
    return actor;
  }

  /** Keys that do not check out spend from their IP's authentication budget (shared with sign-ins); past it, keys from that IP are not looked up. */
  private async apiKeyActor(secret: string): Promise<Actor> {
    const clientIp = currentRequestContext()?.clientIp;
    if (clientIp) await this.budgets.assertApiKeyAllowed(clientIp);
    const actor = await this.apiKeys.authenticate(secret);
    if (actor) return actor;
    this.events.apiKeyRejected();
    if (clientIp) await this.budgets.countApiKeyFailure(clientIp);
    throw invalidCredential('The API key is not valid');
  }
}
