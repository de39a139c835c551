import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { GraphQLContext } from '../common/graphql/graphql-context';
import { LoginInput, LogoutInput, RefreshTokenInput } from './auth.inputs';
import { AuthPayloadModel } from './auth.model';
import { AuthService, Session } from './auth.service';
import { PublicOperation } from './permissions';

@Resolver()
export class AuthResolver {
  constructor(private readonly authService: AuthService) {}

  @PublicOperation()
  @Mutation(() => AuthPayloadModel, {
    description:
      'Signs an editor or admin in. Every failure answers UNAUTHENTICATED alike; repeated failures answer RATE_LIMITED with `extensions.retryAfterSeconds`.',
  })
  login(@Args('input', { description: 'Email and password.' }) input: LoginInput, @Context() context: GraphQLContext): Promise<Session> {
    return this.authService.login(input, context.req.ip);
  }

  @PublicOperation()
  @Mutation(() => AuthPayloadModel, {
    description:
      'Exchanges a refresh token for new tokens; the refresh token given is used up. Sent again by the same client within a few seconds (two tabs, a retry), it returns the same new refresh token; any later reuse ends the session. Send it without an Authorization header (an expired access token would refuse the request).',
  })
  refreshToken(@Args('input', { description: 'The current refresh token.' }) input: RefreshTokenInput, @Context() context: GraphQLContext): Promise<Session> {
    return this.authService.refresh(input.refreshToken, context.req.ip);
  }

  @PublicOperation()
  @Mutation(() => Boolean, {
    description:
      "Ends the session of a refresh token: its refresh token and the access tokens issued in it stop working at once. With `everywhere`, ends every session of the token's user. Always true.",
  })
  logout(@Args('input', { description: "The session's refresh token." }) input: LogoutInput): Promise<boolean> {
    return this.authService.logout(input.refreshToken, input.everywhere ?? false);
  }
}
