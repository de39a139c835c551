import { Args, Context, Info, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DocumentLookupArgs } from '../content/documents/document-lookup';
import { GraphQLResolveInfo } from 'graphql';
import { GraphQLContext } from '../common/graphql/graphql-context';
import { DocumentSelection } from '../content/loaders/document-selection';
import { readAtStage, requireListStageAccess } from '../content/stage-access';
import { DocumentType } from '../content/documents/document-status';
import { ConditionModel } from '../conditions/condition.model';
import { FaqModel } from '../faqs/faq.model';
import { LocationModel } from '../locations/location.model';
import { ProviderModel } from '../providers/provider.model';
import { Treatment } from './treatment.entity';
import { TreatmentsArgs } from './treatment.inputs';
import { ProcedureFacts, TreatmentConnection, TreatmentModel } from './treatment.model';
import { TreatmentsService } from './treatments.service';
import { RELATED_TREATMENTS, TREATMENT_CONDITIONS, TREATMENT_FAQS, TREATMENT_LOCATIONS, TREATMENT_PROVIDERS } from './treatment.descriptor';

@Resolver(() => TreatmentModel)
export class TreatmentsResolver {
  constructor(private readonly treatmentsService: TreatmentsService) {}

  @Query(() => TreatmentModel, { nullable: true, description: 'One published treatment by id or slug (a former slug works too). Null when there is none.' })
  treatment(@Args() key: DocumentLookupArgs, @Context() context: GraphQLContext, @Info() info: GraphQLResolveInfo): Promise<Treatment | null> {
    return readAtStage(context, DocumentType.TREATMENT, key.stage, (stage) =>
      this.treatmentsService.findOne(key, stage, DocumentSelection.of(info, context.loaders)),
    );
  }

  @Query(() => TreatmentConnection, { description: 'Published treatments, filtered and sorted, a page at a time.' })
  treatments(@Args() args: TreatmentsArgs, @Context() context: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return this.treatmentsService.list(
      args,
      requireListStageAccess(context, DocumentType.TREATMENT, args.stage),
      DocumentSelection.ofNodes(info, context.loaders),
    );
  }

  @ResolveField(() => ProcedureFacts, { description: 'Setting, anesthesia, duration, preparation, recovery, follow-up and risks.' })
  procedure(treatment: Treatment): ProcedureFacts {
    const { setting, invasiveness, anesthesia, typicalDuration, preparation, recovery, followUp, risks } = treatment;
    return { setting, invasiveness, anesthesia, typicalDuration, preparation, recovery, followUp, risks };
  }

  @ResolveField(() => [ConditionModel], { description: 'Conditions this treatment treats, in the order the page lists them.' })
  conditions(treatment: Treatment, _args: unknown, context: GraphQLContext) {
    return context.loaders.relatedOf(TREATMENT_CONDITIONS, treatment);
  }

  @ResolveField(() => [FaqModel], { description: "Questions and answers of this treatment's page, in order." })
  faqs(treatment: Treatment, _args: unknown, context: GraphQLContext) {
    return context.loaders.relatedOf(TREATMENT_FAQS, treatment);
  }

  @ResolveField(() => [ProviderModel], { description: 'Providers who perform this treatment.' })
  providers(treatment: Treatment, _args: unknown, context: GraphQLContext) {
    return context.loaders.relatedOf(TREATMENT_PROVIDERS, treatment);
  }

  @ResolveField(() => [LocationModel], { description: 'Offices where this treatment is offered.' })
  locations(treatment: Treatment, _args: unknown, context: GraphQLContext) {
    return context.loaders.relatedOf(TREATMENT_LOCATIONS, treatment);
  }

  @ResolveField(() => [TreatmentModel], { description: 'Other treatments to suggest alongside this one.' })
  relatedTreatments(treatment: Treatment, _args: unknown, context: GraphQLContext) {
    return context.loaders.relatedOf(RELATED_TREATMENTS, treatment);
  }
}
