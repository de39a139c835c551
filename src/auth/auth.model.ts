import { Field, GraphQLISODateTime, ObjectType } from '@nestjs/graphql';
import { UserModel } from '../users/user.model';

@ObjectType('AuthPayload', { description: 'The tokens of a signed-in session.' })
export class AuthPayloadModel {
  @Field(() => String, { description: 'Send as `Authorization: Bearer <token>`. Valid for 15 minutes.' })
  accessToken: string;

  @Field(() => GraphQLISODateTime, { description: 'When the access token expires.' })
  accessTokenExpiresAt: Date;

  @Field(() => String, {
    description:
      'Exchange it with `refreshToken` for new tokens before it expires. Single use: each exchange returns a new one, and reusing an old one ends the session.',
  })
  refreshToken: string;

  @Field(() => GraphQLISODateTime, { description: 'When the refresh token expires (30 days after it was issued).' })
  refreshTokenExpiresAt: Date;

  @Field(() => UserModel, { description: 'The signed-in user.' })
  user: UserModel;
}
