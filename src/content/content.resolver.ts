import { Args, ArgsType, Context, createUnionType, Field, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IsEnum, IsUUID } from 'class-validator';
import { Actor } from '../auth/actor';
import { Permission, Requires } from '../auth/permissions';
import { DocumentType } from './documents/document-status';
import { AppError } from '../common/errors/app-error';
import { GraphQLContext } from '../common/graphql/graphql-context';
import { ConnectionArgs } from './documents/connection.args';
import { AttachFaqInput, DetachFaqInput, DocumentIdInput, ReorderFaqsInput } from './editorial.inputs';
import { RevisionConnection, ScheduledActionModel } from './editorial.models';
import { FaqPlacementsService } from './faq-placements.service';
import { PublishingService } from './publishing.service';
import { RevisionsService } from './revisions.service';
import { requireDraftAccess } from './stage-access';
import { ContentType, contentTypeOfDocument, contentTypes } from './document-descriptor';
import { isFaqPlacements } from './relations';

/** The content types whose pages carry FAQs (see faqPlacements). */
function pageTypes(): ContentType[] {
  return contentTypes().filter((contentType) => contentType.relations.some(isFaqPlacements));
}

export const FaqPageUnion = createUnionType({
  name: 'FaqPage',
  description: 'A page that FAQs can be placed on.',
  types: () => pageTypes().map((contentType) => contentType.model()),
  resolveType(value: object) {
    return contentTypeOfDocument(value)?.model();
  },
});

@ArgsType()
class RevisionsArgs extends ConnectionArgs {
  @Field(() => DocumentType, { description: 'Type of the document.' })
  @IsEnum(DocumentType)
  documentType: DocumentType;

  @Field(() => ID, { description: 'The document.' })
  @IsUUID('all', { message: 'must be a UUID' })
  documentId: string;
}

function actorOf(context: GraphQLContext): Actor {
  if (!context.actor) throw AppError.unauthenticated();
  return context.actor;
}

/** Editorial operations that span content types: revision history, FAQ placement, schedules. */
@Resolver()
export class ContentResolver {
  constructor(
    private readonly revisionHistory: RevisionsService,
    private readonly faqPlacements: FaqPlacementsService,
    private readonly publishing: PublishingService,
  ) {}

  @Query(() => RevisionConnection, {
    description: 'The revisions of a document, newest first: its pending draft and every published version. Needs content:read-draft.',
  })
  @Requires(Permission.CONTENT_READ_DRAFT)
  revisions(@Args() args: RevisionsArgs, @Context() context: GraphQLContext) {
    requireDraftAccess(context);
    return this.revisionHistory.list(args.documentType, args.documentId, args);
  }

  @Mutation(() => FaqPageUnion, {
    description: "Put a FAQ on a page (treatment, condition, location, provider or the practice), at a position, in the page's draft.",
  })
  @Requires(Permission.CONTENT_WRITE)
  attachFaq(@Args('input', { description: 'The page, its version, the FAQ and the position.' }) input: AttachFaqInput, @Context() context: GraphQLContext) {
    return this.faqPlacements.attach(actorOf(context), input.page, input.version, input.faq, input.position);
  }

  @Mutation(() => FaqPageUnion, { description: "Take a FAQ off a page, in the page's draft. The FAQ itself is kept." })
  @Requires(Permission.CONTENT_WRITE)
  detachFaq(@Args('input', { description: 'The page, its version and the FAQ.' }) input: DetachFaqInput, @Context() context: GraphQLContext) {
    return this.faqPlacements.detach(actorOf(context), input.page, input.version, input.faq);
  }

  @Mutation(() => FaqPageUnion, { description: "Set the order of a page's FAQs (the list replaces the current one), in the page's draft." })
  @Requires(Permission.CONTENT_WRITE)
  reorderFaqs(@Args('input', { description: 'The page, its version and its FAQs in order.' }) input: ReorderFaqsInput, @Context() context: GraphQLContext) {
    return this.faqPlacements.reorder(actorOf(context), input.page, input.version, input.faqs);
  }

  @Mutation(() => ScheduledActionModel, { description: 'Cancel a scheduled publish or unpublish that has not run yet.' })
  @Requires(Permission.CONTENT_PUBLISH)
  cancelScheduledAction(@Args('input', { description: 'The scheduled action.' }) input: DocumentIdInput, @Context() context: GraphQLContext) {
    return this.publishing.cancelScheduledAction(actorOf(context), input.id);
  }
}
