import { Args, Query, Resolver } from '@nestjs/graphql';
import { DocumentLookupArgs } from '../common/documents/document-lookup';
import { Faq } from './faq.entity';
import { FaqsArgs } from './faq.inputs';
import { FaqConnection, FaqModel } from './faq.model';
import { FaqsService } from './faqs.service';

@Resolver(() => FaqModel)
export class FaqsResolver {
  constructor(private readonly faqsService: FaqsService) {}

  @Query(() => FaqModel, { nullable: true, description: 'One published FAQ by id (or slug). Null when there is none.' })
  faq(@Args() key: DocumentLookupArgs): Promise<Faq | null> {
    return this.faqsService.findOne(key);
  }

  @Query(() => FaqConnection, { description: 'Published FAQs: of one page in its order, by tag, or all.' })
  faqs(@Args() args: FaqsArgs) {
    return this.faqsService.list(args);
  }
}
