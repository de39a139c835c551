import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor } from './actor';
import { CurrentActor } from './current-actor.decorator';
import { Permission, Requires } from './permissions';
import { CreatePreviewTokenInput, PreviewTokensArgs, RevokePreviewTokenInput } from './preview-token.inputs';
import { CreatedPreviewTokenModel, PreviewTokenModel } from './preview-token.model';
import { PreviewToken } from './preview-token.entity';
import { PreviewTokensService } from './preview-tokens.service';

@Resolver(() => PreviewTokenModel)
export class PreviewTokensResolver {
  constructor(private readonly previewTokensService: PreviewTokensService) {}

  @Requires(Permission.CONTENT_READ_DRAFT)
  @Mutation(() => CreatedPreviewTokenModel, {
    description:
      "Creates a token for a frontend's preview mode: it reads the drafts of the documents it names (or of one content type), cannot change anything, and stops working when revoked, when it expires, or when its creator is disabled or revoked.",
  })
  createPreviewToken(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'What the token may read, and its lifetime (default 60 minutes).' }) input: CreatePreviewTokenInput,
  ) {
    return this.previewTokensService.create(actor, input);
  }

  @Requires(Permission.CONTENT_READ_DRAFT)
  @Query(() => [PreviewTokenModel], { description: 'Your preview tokens, newest first (every one for admins), revoked ones included.' })
  previewTokens(@CurrentActor() actor: Actor, @Args() args: PreviewTokensArgs): Promise<PreviewToken[]> {
    return this.previewTokensService.list(actor, args);
  }

  @Requires(Permission.CONTENT_READ_DRAFT)
  @Mutation(() => PreviewTokenModel, {
    description: 'Revokes a preview token of yours (any, for admins): it is refused from the next request on. Revoking a revoked token changes nothing.',
  })
  revokePreviewToken(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The token to revoke.' }) input: RevokePreviewTokenInput,
  ): Promise<PreviewToken> {
    return this.previewTokensService.revoke(actor, input.id);
  }
}
