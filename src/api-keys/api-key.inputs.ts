import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import '../auth/permission.enum-type';
import { API_KEY_SCOPES, Permission } from '../auth/permissions';

const SCOPE_NAMES = Object.entries(Permission)
  .filter(([, value]) => API_KEY_SCOPES.includes(value))
  .map(([name]) => name)
  .join(', ');

@InputType({ description: 'A new API key for an integration.' })
export class CreateApiKeyInput {
  @Field(() => String, { description: 'What the key is for, shown in lists (1 to 100 characters).' })
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(100)
  name: string;

  @Field(() => [Permission], { description: `What the key may do: one or more of ${SCOPE_NAMES}.` })
  @IsArray()
  @ArrayNotEmpty({ message: 'must name at least one scope' })
  @ArrayMaxSize(API_KEY_SCOPES.length)
  @IsIn(API_KEY_SCOPES, { each: true, message: `each must be one of ${SCOPE_NAMES}` })
  scopes: Permission[];
}

@InputType({ description: 'The API key to revoke.' })
export class RevokeApiKeyInput {
  @Field(() => ID, { description: 'Identifier of the key.' })
  @IsUUID('all', { message: 'must be a UUID' })
  id: string;
}
