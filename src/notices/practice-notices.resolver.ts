import { Context, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLContext } from '../common/graphql/graphql-context';
import { can } from '../auth/actor';
import { Permission } from '../auth/permissions';
import { Stage } from '../content/documents/document-status';
import { draftViewOf } from '../content/documents/draft-view';
import { requireDraftAccess } from '../content/stage-access';
import { PracticeModel } from '../practice/practice.model';
import { Notice } from './notice.entity';
import { NoticeComplianceModel, NoticeModel } from './notice.model';
import { NoticesService } from './notices.service';

/** The practice's notices and the report of required ones it lacks, on the `Practice` type. */
@Resolver(() => PracticeModel)
export class PracticeNoticesResolver {
  constructor(private readonly noticesService: NoticesService) {}

  @ResolveField(() => [NoticeModel], {
    description:
      'Published notices (nondiscrimination, language assistance, No Surprises Act, Good Faith Estimate, privacy practices, others), required kinds first. Read at stage DRAFT by an editor (not a preview token, which names only the practice): every notice outside the trash, with its pending draft.',
  })
  notices(practice: PracticeModel, _args: unknown, context: GraphQLContext): Promise<Notice[]> {
    // The practice read at DRAFT is a draft view; a preview token may read that, but not other drafts.
    const editor = context.actor && !context.actor.previewScope && can(context.actor, Permission.CONTENT_READ_DRAFT);
    return this.noticesService.forPractice(draftViewOf(practice) && editor ? Stage.DRAFT : Stage.PUBLISHED);
  }

  /**
   * Editor-only: it names the kinds that exist only as drafts, and drafts are never public. The
   * public can see what is missing anyway (the site does not show it); editors need the list.
   */
  @ResolveField(() => NoticeComplianceModel, {
    description:
      "Which required notices (every kind but OTHER) are missing or only in draft, for an editors' banner. Needs an editor credential or an API key with content:read-draft: it tells about drafts.",
  })
  compliance(@Context() context: GraphQLContext): Promise<NoticeComplianceModel> {
    requireDraftAccess(context);
    return this.noticesService.compliance();
  }
}
