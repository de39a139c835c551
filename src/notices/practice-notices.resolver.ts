import { Context, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLContext } from '../common/graphql/graphql-context';
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
      'Published notices (nondiscrimination, language assistance, No Surprises Act, Good Faith Estimate, privacy practices, others), required kinds first.',
  })
  notices(): Promise<Notice[]> {
    return this.noticesService.published();
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
