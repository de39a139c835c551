import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import '../auth/permission.enum-type';
import { Permission } from '../auth/permissions';

@ObjectType('ApiKey', { description: 'A credential for an integration. The key itself is shown only once, when created.' })
export class ApiKeyModel {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id: string;

  @Field(() => String, { description: 'What the key is for ("NPI registry sync").' })
  name: string;

  @Field(() => String, { description: 'The 8 characters after `pcms_` at the start of the key, to tell keys apart.' })
  prefix: string;

  @Field(() => [Permission], { description: 'What the key may do.' })
  scopes: Permission[];

  @Field(() => GraphQLISODateTime, { description: 'When the key was created.' })
  createdAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the key was last used (to the minute); null when never.' })
  lastUsedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the key was revoked; a revoked key is refused.' })
  revokedAt: Date | null;
}

@ObjectType('CreatedApiKey', { description: 'A new API key, with its secret: store it now, it cannot be shown again.' })
export class CreatedApiKeyModel {
  @Field(() => ApiKeyModel, { description: 'The key as listed from now on.' })
  apiKey: ApiKeyModel;

  @Field(() => String, { description: 'The key to send as `Authorization: Bearer <key>` or `X-API-Key: <key>`. Shown only this once.' })
  secret: string;
}
