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
      'Exchanges a refresh token for new tokens; the refresh token given is used up. Send it without an Authorization header (an expired access token would refuse the request).',
  })
  refreshToken(@Args('input', { description: 'The current refresh token.' }) input: RefreshTokenInput): Promise<Session> {
    return this.authService.refresh(input.refreshToken);
  }

  @PublicOperation()
  @Mutation(() => Boolean, {
    description: 'Ends the session of a refresh token. Always true. Access tokens already issued stay valid until they expire (15 minutes at most).',
  })
  logout(@Args('input', { description: "The session's refresh token." }) input: LogoutInput): Promise<boolean> {
    return this.authService.logout(input.refreshToken);
  }
}
