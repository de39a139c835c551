import { Field, ObjectType } from '@nestjs/graphql';
import { DocumentModel } from '../content/documents/document.model';
import { ConnectionOf } from '../common/pagination/connection.model';
import { RichTextField } from '../common/rich-text/rich-text.model';
import { NoticeKind } from './notice-kind.enums';

@ObjectType('Notice', {
  description: 'A notice the practice posts on its site: nondiscrimination, language assistance, No Surprises Act, Good Faith Estimate, privacy practices.',
})
export class NoticeModel extends DocumentModel {
  @Field(() => NoticeKind, { description: 'What the notice is for.' })
  kind: NoticeKind;

  @Field(() => String, { description: 'Title of the notice ("Notice of Privacy Practices").' })
  title: string;

  @RichTextField({ description: 'The text of the notice, as the practice (or its counsel) wrote it.' })
  body: string;

  @Field(() => [String], { description: 'Languages of the notice (or, for taglines, the languages help is offered in), as BCP 47 tags ("en", "es").' })
  languages: string[];

  @Field(() => String, { nullable: true, description: 'The date the notice takes effect, "YYYY-MM-DD".' })
  effectiveDate: string | null;

  @Field(() => String, { nullable: true, description: 'The date by which the practice should review the notice again, "YYYY-MM-DD".' })
  reviewDate: string | null;
}

export const { Connection: NoticeConnection, Edge: NoticeEdge } = ConnectionOf(NoticeModel, 'Notice', 'notice');

@ObjectType('NoticeCompliance', {
  description:
    'Which required notices (every kind but OTHER) the site does not publish yet, so a site can show editors a banner. It states no legal advice: a notice counts once it is published, whatever its text.',
})
export class NoticeComplianceModel {
  @Field(() => [NoticeKind], { description: 'Required kinds with no notice at all, neither published nor in draft (notices in the trash do not count).' })
  missingNotices: NoticeKind[];

  @Field(() => [NoticeKind], {
    description:
      'Required kinds that have a notice, but only in draft: written and not yet published (or unpublished since). Notices in the trash do not count.',
  })
  unpublishedNotices: NoticeKind[];

  @Field(() => Boolean, { description: 'True when every required kind has a published notice.' })
  complete: boolean;
}
