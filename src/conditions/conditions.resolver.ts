import { Args, Context, Info, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DocumentLookupArgs } from '../content/documents/document-lookup';
import { GraphQLResolveInfo } from 'graphql';
import { GraphQLContext } from '../common/graphql/graphql-context';
import { DocumentSelection } from '../content/loaders/document-selection';
import { readAtStage, requireListStageAccess } from '../content/stage-access';
import { DocumentType } from '../content/documents/document-status';
import { FaqModel } from '../faqs/faq.model';
import { TreatmentModel } from '../treatments/treatment.model';
import { Condition } from './condition.entity';
import { ConditionsArgs } from './condition.inputs';
import { ConditionConnection, ConditionModel } from './condition.model';
import { ConditionsService } from './conditions.service';
import { CONDITION_FAQS } from './condition.descriptor';
import { CONDITION_TREATMENTS } from '../treatments/treatment.descriptor';

@Resolver(() => ConditionModel)
export class ConditionsResolver {
  constructor(private readonly conditionsService: ConditionsService) {}

  @Query(() => ConditionModel, { nullable: true, description: 'One published condition by id or slug (a former slug works too). Null when there is none.' })
  condition(@Args() key: DocumentLookupArgs, @Context() context: GraphQLContext, @Info() info: GraphQLResolveInfo): Promise<Condition | null> {
    return readAtStage(context, DocumentType.CONDITION, key.stage, (stage) =>
      this.conditionsService.findOne(key, stage, DocumentSelection.of(info, context.loaders)),
    );
  }

  @Query(() => ConditionConnection, { description: 'Published conditions, filtered and sorted, a page at a time.' })
  conditions(@Args() args: ConditionsArgs, @Context() context: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return this.conditionsService.list(
      args,
      requireListStageAccess(context, DocumentType.CONDITION, args.stage),
      DocumentSelection.ofNodes(info, context.loaders),
    );
  }

  @ResolveField(() => [TreatmentModel], { description: 'Treatments the practice offers for this condition.' })
  treatments(condition: Condition, _args: unknown, context: GraphQLContext) {
    return context.loaders.relatedOf(CONDITION_TREATMENTS, condition);
  }

  @ResolveField(() => [FaqModel], { description: "Questions and answers of this condition's page, in order." })
  faqs(condition: Condition, _args: unknown, context: GraphQLContext) {
    return context.loaders.relatedOf(CONDITION_FAQS, condition);
  }
}
