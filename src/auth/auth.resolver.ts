import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { GraphQLContext } from '../common/graphql/graphql-context';
import { Actor } from './actor';
import { CreatePreviewTokenInput, LoginInput, LogoutInput, RefreshTokenInput } from './auth.inputs';
import { AuthPayloadModel, PreviewTokenModel } from './auth.model';
import { AuthService, Session } from './auth.service';
import { CurrentActor } from './current-actor.decorator';
import { Permission, PublicOperation, Requires } from './permissions';
import { SignedToken } from './tokens.service';

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

  @Requires(Permission.CONTENT_READ_DRAFT)
  @Mutation(() => PreviewTokenModel, {
    description:
      "Creates a token for a frontend's preview mode: it reads drafts only, cannot change anything, and stops working when its creator is disabled or revoked.",
  })
  createPreviewToken(
    @CurrentActor() actor: Actor,
    @Args('input', { nullable: true, type: () => CreatePreviewTokenInput, description: 'Lifetime of the token (default 60 minutes).' })
    input?: CreatePreviewTokenInput,
  ): Promise<SignedToken> {
    return this.authService.createPreviewToken(actor, input?.expiresInMinutes);
  }
}
