import { Args, Context, Info, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { DocumentType, Stage } from '../content/documents/document-status';
import { readAtStage } from '../content/stage-access';
import { GraphQLContext } from '../common/graphql/graphql-context';
import { DocumentSelection } from '../content/loaders/document-selection';
import { PhoneNumber, phoneNumberOf } from '../common/phone';
import { FaqModel } from '../faqs/faq.model';
import { Practice } from './practice.entity';
import { PracticeModel } from './practice.model';
import { PracticeService } from './practice.service';
import { PRACTICE_FAQS } from './practice.descriptor';

@Resolver(() => PracticeModel)
export class PracticeResolver {
  constructor(private readonly practiceService: PracticeService) {}

  @Query(() => PracticeModel, {
    nullable: true,
    name: 'practice',
    description: 'The practice: name, contact details and practice-wide FAQs. Null until it is published.',
  })
  findPractice(
    @Args('stage', {
      type: () => Stage,
      defaultValue: Stage.PUBLISHED,
      description:
        'PUBLISHED (default) for the live content; DRAFT for the latest edits (needs an editor credential, an API key with content:read-draft or a preview token).',
    })
    stage: Stage,
    @Context() context: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Practice | null> {
    return readAtStage(context, DocumentType.PRACTICE, stage, (readStage) => this.practiceService.find(readStage, DocumentSelection.of(info, context.loaders)));
  }

  @ResolveField(() => PhoneNumber, { nullable: true, description: 'Main phone number.' })
  mainPhone(practice: Practice): PhoneNumber | null {
    return phoneNumberOf(practice.mainPhone);
  }

  @ResolveField(() => [FaqModel], { description: 'Practice-wide questions and answers (insurance, billing, first visit), in order.' })
  faqs(practice: Practice, _args: unknown, context: GraphQLContext) {
    return context.loaders.relatedOf(PRACTICE_FAQS, practice);
  }
}
