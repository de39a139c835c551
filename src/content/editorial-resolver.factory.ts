import { Inject, Type } from '@nestjs/common';
import { Args, Context, Mutation, ResolveField, Resolver } from '@nestjs/graphql';
import { Permission, Requires } from '../auth/permissions';
import { GraphQLContext } from '../common/graphql/graphql-context';
import { AppError } from '../common/errors/app-error';
import { ValidateAs } from '../common/validation/input-validation.pipe';
import { Actor } from '../auth/actor';
import { ContentType } from './document-descriptor';
import { DocumentIdInput, DocumentVersionInput, RestoreRevisionInput, ScheduleInput, TrashDocumentInput } from './editorial.inputs';
import { ChangeRequest } from './editorial.types';
import { EditorialService } from './editorial.service';
import { EditorialInfo, PurgeResult, ScheduledActionModel } from './editorial.models';
import { EditorialInfoService } from './editorial-info';
import { DocumentEntity } from './documents/document.entity';
import { Seo } from './documents/document.model';
import { requireDraftAccess } from './stage-access';
import { PublishingService, PublishWarning } from './publishing.service';
import { addResponseWarnings } from '../common/graphql/response-warnings.plugin';
import { ScheduledActionKind } from './scheduled-action.entity';
import { SiteUrls } from './site-urls';

export interface EditorialResolverOptions {
  contentType: ContentType;
  model: Type<unknown>;
  createInput: Type<object>;
  updateInput: Type<{ id: string; version: number }>;
  /** Turns a create or update input into fields and relation references. */
  toChange(input: object, path: string): ChangeRequest;
}

function actorOf(context: GraphQLContext): Actor {
  if (!context.actor) throw AppError.unauthenticated();
  return context.actor;
}

/**
 * The admin mutations of one content type: create, update, trash, restore, purge, publish,
 * unpublish, schedule, discard draft and restore revision. One implementation for every type;
 * each type supplies its inputs and how they map onto its fields.
 */
export function createEditorialResolver(options: EditorialResolverOptions) {
  const { contentType, model, createInput, updateInput, toChange } = options;
  const name = contentType.name;
  const noun = name === 'Faq' ? 'FAQ' : name.toLowerCase();

  @Resolver(() => model)
  class EditorialResolver {
    constructor(
      @Inject(EditorialService) readonly editorial: EditorialService,
      @Inject(PublishingService) readonly publishing: PublishingService,
      @Inject(EditorialInfoService) readonly editorialInfoService: EditorialInfoService,
      @Inject(SiteUrls) readonly siteUrls: SiteUrls,
    ) {}

    @ResolveField(() => Seo, { name: 'seo', description: 'Search-engine settings; `canonicalUrl` falls back to `url` when editors leave it empty.' })
    seo(document: DocumentEntity): Seo {
      const seo = Seo.of(document);
      return seo.canonicalUrl ? seo : { ...seo, canonicalUrl: this.siteUrls.urlOf(contentType.type, document.slug) };
    }

    @ResolveField(() => String, {
      name: 'url',
      nullable: true,
      description: `Address of the ${noun}'s page on the public website (SITE_URL and the type's SITE_PATHS template); null when the site has no page for it.`,
    })
    url(document: DocumentEntity): string | null {
      return this.siteUrls.urlOf(contentType.type, document.slug);
    }

    @ResolveField(() => EditorialInfo, {
      name: 'editorial',
      description: 'Workflow state for editors: pending draft, trash, unpublished links, schedule. Needs content:read-draft.',
    })
    editorialInfo(document: DocumentEntity, _args: unknown, context: GraphQLContext) {
      requireDraftAccess(context);
      return context.loaders
        .batched(`editorial:${contentType.type}`, (ids: readonly string[]) => this.editorialInfoService.infoForMany(contentType, ids))
        .load(document.id);
    }

    @Mutation(() => model, {
      name: `create${name}`,
      description: `Create a ${noun} as a draft (not visible to the public until published). The slug is made from the ${noun === 'provider' ? 'name' : 'title'} when omitted.`,
    })
    @Requires(Permission.CONTENT_WRITE)
    create(
      @Args('input', { type: () => createInput, description: `The new ${noun}.` }, new ValidateAs(createInput)) input: object,
      @Context() context: GraphQLContext,
    ) {
      return this.editorial.create(actorOf(context), contentType, toChange(input, 'input'));
    }

    @Mutation(() => model, {
      name: `update${name}`,
      description: `Change a ${noun}. A published ${noun} keeps its live version until it is published again; the change goes to its draft. Omitted fields keep their value.`,
    })
    @Requires(Permission.CONTENT_WRITE)
    update(
      @Args('input', { type: () => updateInput, description: 'The id, the version you read, and the fields to change.' }, new ValidateAs(updateInput))
      input: { id: string; version: number },
      @Context() context: GraphQLContext,
    ) {
      return this.editorial.update(actorOf(context), contentType, input.id, input.version, toChange(input, 'input'));
    }

    @Mutation(() => model, {
      name: `publish${name}`,
      description: `Make the ${noun}'s draft live. Related documents that are not published stay hidden until they are (see \`editorial.unpublishedDependencies\`). Checks of the type (medical review) may refuse it, or warn in the response's \`extensions.warnings\`.`,
    })
    @Requires(Permission.CONTENT_PUBLISH)
    async publish(
      @Args('input', { type: () => DocumentVersionInput, description: `The ${noun} and the version you read.` }) input: DocumentVersionInput,
      @Context() context: GraphQLContext,
    ) {
      const warnings: PublishWarning[] = [];
      const published = await this.publishing.publish(actorOf(context), contentType, input.id, input.version, warnings);
      addResponseWarnings(context, warnings);
      return published;
    }

    @Mutation(() => model, { name: `unpublish${name}`, description: `Take the ${noun} off the public site; it stays as a draft.` })
    @Requires(Permission.CONTENT_PUBLISH)
    unpublish(
      @Args('input', { type: () => DocumentVersionInput, description: `The ${noun} and the version you read.` }) input: DocumentVersionInput,
      @Context() context: GraphQLContext,
    ) {
      return this.publishing.unpublish(actorOf(context), contentType, input.id, input.version);
    }

    @Mutation(() => model, { name: `discard${name}Draft`, description: `Throw away the pending draft of a published ${noun}; the live version stays.` })
    @Requires(Permission.CONTENT_WRITE)
    discardDraft(
      @Args('input', { type: () => DocumentVersionInput, description: `The ${noun} and the version you read.` }) input: DocumentVersionInput,
      @Context() context: GraphQLContext,
    ) {
      return this.publishing.discardDraft(actorOf(context), contentType, input.id, input.version);
    }

    @Mutation(() => model, { name: `restore${name}Revision`, description: `Copy a past revision of the ${noun} into its draft (publish to make it live).` })
    @Requires(Permission.CONTENT_WRITE)
    restoreRevision(
      @Args('input', { type: () => RestoreRevisionInput, description: 'The document, its version and the revision.' }) input: RestoreRevisionInput,
      @Context() context: GraphQLContext,
    ) {
      return this.publishing.restoreRevision(actorOf(context), contentType, input.id, input.revisionId, input.version);
    }

    @Mutation(() => ScheduledActionModel, {
      name: `schedulePublish${name}`,
      description: `Publish the ${noun}'s draft at a later time (runs within a minute of it, even across restarts).`,
    })
    @Requires(Permission.CONTENT_PUBLISH)
    schedulePublish(
      @Args('input', { type: () => ScheduleInput, description: 'The document and when.' }) input: ScheduleInput,
      @Context() context: GraphQLContext,
    ) {
      return this.publishing.schedule(actorOf(context), contentType, input.id, ScheduledActionKind.PUBLISH, input.at);
    }

    @Mutation(() => ScheduledActionModel, { name: `scheduleUnpublish${name}`, description: `Unpublish the ${noun} at a later time.` })
    @Requires(Permission.CONTENT_PUBLISH)
    scheduleUnpublish(
      @Args('input', { type: () => ScheduleInput, description: 'The document and when.' }) input: ScheduleInput,
      @Context() context: GraphQLContext,
    ) {
      return this.publishing.schedule(actorOf(context), contentType, input.id, ScheduledActionKind.UNPUBLISH, input.at);
    }
  }

  if (contentType.singleton) return EditorialResolver;

  @Resolver(() => model)
  class TrashableEditorialResolver extends EditorialResolver {
    @Mutation(() => model, {
      name: `trash${name}`,
      description: `Move the ${noun} to the trash (restorable). Refused while published documents link to it, unless \`detach\` is true.`,
    })
    @Requires(Permission.CONTENT_WRITE)
    trash(@Args('input', { type: () => TrashDocumentInput, description: `The ${noun}.` }) input: TrashDocumentInput, @Context() context: GraphQLContext) {
      return this.editorial.trash(actorOf(context), contentType, input.id, input.detach);
    }

    @Mutation(() => model, { name: `restore${name}`, description: `Bring the ${noun} back from the trash, with its links.` })
    @Requires(Permission.CONTENT_WRITE)
    restore(@Args('input', { type: () => DocumentIdInput, description: `The ${noun}.` }) input: DocumentIdInput, @Context() context: GraphQLContext) {
      return this.editorial.restore(actorOf(context), contentType, input.id);
    }

    @Mutation(() => PurgeResult, {
      name: `purge${name}`,
      description: `Delete a trashed ${noun} for good (admins only). Shared FAQs and other documents are kept.`,
    })
    @Requires(Permission.CONTENT_PURGE)
    async purge(
      @Args('input', { type: () => DocumentIdInput, description: `The ${noun}.` }) input: DocumentIdInput,
      @Context() context: GraphQLContext,
    ): Promise<PurgeResult> {
      return { id: await this.editorial.purge(actorOf(context), contentType, input.id), type: contentType.type };
    }
  }
  return TrashableEditorialResolver;
}
