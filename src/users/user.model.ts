import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import '../auth/permission.enum-type';
import { Role } from '../auth/permissions';

@ObjectType('User', { description: 'An editor or admin account.' })
export class UserModel {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id: string;

  @Field(() => String, { description: 'Email address the user signs in with (lowercase).' })
  email: string;

  @Field(() => Role, { description: 'What the user may do.' })
  role: Role;

  @Field(() => Boolean, { description: 'A disabled user cannot sign in, and their sessions and tokens stop working.' })
  disabled: boolean;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the user last signed in with their password.' })
  lastLoginAt: Date | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When the user last changed or reset their password; null if never since the account was created.',
  })
  passwordChangedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When two-factor sign-in was turned on; null while it is off.' })
  twoFactorEnabledAt: Date | null;

  @Field(() => GraphQLISODateTime, { description: 'When the account was created.' })
  createdAt: Date;

  @Field(() => GraphQLISODateTime, { description: 'When the account last changed.' })
  updatedAt: Date;
}
