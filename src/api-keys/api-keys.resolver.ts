import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Permission, Requires } from '../auth/permissions';
import { ApiKey } from './api-key.entity';
import { CreateApiKeyInput, RevokeApiKeyInput } from './api-key.inputs';
import { ApiKeyModel, CreatedApiKeyModel } from './api-key.model';
import { ApiKeysService } from './api-keys.service';

@Resolver(() => ApiKeyModel)
export class ApiKeysResolver {
  constructor(private readonly apiKeysService: ApiKeysService) {}

  @Requires(Permission.API_KEYS_MANAGE)
  @Query(() => [ApiKeyModel], { description: 'Every API key, newest first, revoked ones included. Admins only.' })
  apiKeys(@CurrentActor() actor: Actor): Promise<ApiKey[]> {
    return this.apiKeysService.list(actor);
  }

  @Requires(Permission.API_KEYS_MANAGE)
  @Mutation(() => CreatedApiKeyModel, { description: 'Creates an API key for an integration and returns its secret, once. Admins only.' })
  createApiKey(@CurrentActor() actor: Actor, @Args('input', { description: 'Name and scopes of the key.' }) input: CreateApiKeyInput) {
    return this.apiKeysService.create(actor, input);
  }

  @Requires(Permission.API_KEYS_MANAGE)
  @Mutation(() => ApiKeyModel, {
    description: 'Revokes an API key: it is refused from the next request on. Revoking a revoked key changes nothing. Admins only.',
  })
  revokeApiKey(@CurrentActor() actor: Actor, @Args('input', { description: 'The key to revoke.' }) input: RevokeApiKeyInput): Promise<ApiKey> {
    return this.apiKeysService.revoke(actor, input.id);
  }
}
