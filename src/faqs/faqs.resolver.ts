import { Args, Context, Info, Query, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { GraphQLContext } from '../common/graphql/graphql-context';
import { DocumentSelection } from '../content/loaders/document-selection';
import { readAtStage, requireListStageAccess } from '../content/stage-access';
import { DocumentType } from '../content/documents/document-status';
import { DocumentLookupArgs } from '../content/documents/document-lookup';
import { Faq } from './faq.entity';
import { FaqsArgs } from './faq.inputs';
import { FaqConnection, FaqModel } from './faq.model';
import { FaqsService } from './faqs.service';

@Resolver(() => FaqModel)
export class FaqsResolver {
  constructor(private readonly faqsService: FaqsService) {}

  @Query(() => FaqModel, { nullable: true, description: 'One published FAQ by id (or slug). Null when there is none.' })
  faq(@Args() key: DocumentLookupArgs, @Context() context: GraphQLContext, @Info() info: GraphQLResolveInfo): Promise<Faq | null> {
    return readAtStage(context, DocumentType.FAQ, key.stage, (stage) => this.faqsService.findOne(key, stage, DocumentSelection.of(info, context.loaders)));
  }

  @Query(() => FaqConnection, { description: 'Published FAQs: of one page in its order, by tag, or all.' })
  faqs(@Args() args: FaqsArgs, @Context() context: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return this.faqsService.list(args, requireListStageAccess(context, DocumentType.FAQ, args.stage), DocumentSelection.ofNodes(info, context.loaders));
  }
}
