import { Type } from '@nestjs/common';
import { Args, Context, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Permission, Requires } from '../auth/permissions';
import { AppError } from '../common/errors/app-error';
import { GraphQLContext } from '../common/graphql/graphql-context';
import { requireDraftAccess } from '../content/stage-access';
import { ConditionModel } from '../conditions/condition.model';
import { FaqModel } from '../faqs/faq.model';
import { Provider } from '../providers/provider.entity';
import { ProviderModel } from '../providers/provider.model';
import { TreatmentModel } from '../treatments/treatment.model';
import { type ReviewedDocument } from './medical-review.entity';
import { MedicalReview, MedicalReviewDueConnection, MedicalReviewModel, MedicalReviewSettingsModel } from './medical-review.model';
import { MedicalReviewsDueArgs, UpdateMedicalReviewSettingsInput } from './medical-review.inputs';
import { MedicalReviewService, medicalReviewOf } from './medical-review.service';

/** The reviewer of a review: only a published provider, for everyone (a draft provider reads as null). */
@Resolver(() => MedicalReviewModel)
export class MedicalReviewFieldsResolver {
  @ResolveField(() => ProviderModel, { nullable: true, description: 'The provider who reviewed the page; null when unknown or not published.' })
  reviewedBy(review: MedicalReview, _args: unknown, context: GraphQLContext) {
    return review.reviewedById ? context.loaders.documentById(Provider, 'public').load(review.reviewedById) : null;
  }
}

/** `medicalReview` and `lastReviewed` on one reviewed page type. */
function reviewedPageResolver(model: Type<unknown>) {
  @Resolver(() => model)
  class ReviewedPageResolver {
    @ResolveField(() => MedicalReviewModel, { nullable: true, description: "A clinician's review of the page's medical content; null when never reviewed." })
    medicalReview(document: ReviewedDocument): MedicalReview | null {
      return medicalReviewOf(document);
    }

    @ResolveField(() => String, { nullable: true, description: 'Date of the last medical review, "YYYY-MM-DD" (schema.org lastReviewed).' })
    lastReviewed(document: ReviewedDocument): string | null {
      return document.reviewedAt ?? null;
    }
  }
  return ReviewedPageResolver;
}

export const TreatmentReviewResolver = reviewedPageResolver(TreatmentModel);
export const ConditionReviewResolver = reviewedPageResolver(ConditionModel);
export const FaqReviewResolver = reviewedPageResolver(FaqModel);

/** Editors' view of clinical review: what is due, and the practice's rules. */
@Resolver()
export class MedicalReviewResolver {
  constructor(private readonly reviews: MedicalReviewService) {}

  @Query(() => MedicalReviewDueConnection, {
    description:
      'Treatments, conditions and FAQs whose medical review is missing, overdue or due soon (by `status`), most urgent first. Needs content:read-draft.',
  })
  @Requires(Permission.CONTENT_READ_DRAFT)
  medicalReviewsDue(@Args() args: MedicalReviewsDueArgs, @Context() context: GraphQLContext) {
    requireDraftAccess(context);
    return this.reviews.due(args);
  }

  @Query(() => MedicalReviewSettingsModel, { description: "The practice's clinical review rules. Needs content:read-draft." })
  @Requires(Permission.CONTENT_READ_DRAFT)
  medicalReviewSettings(@Context() context: GraphQLContext) {
    requireDraftAccess(context);
    return this.reviews.settings();
  }

  @Mutation(() => MedicalReviewSettingsModel, { description: "Change the practice's clinical review rules (admins: settings:manage)." })
  @Requires(Permission.SETTINGS_MANAGE)
  updateMedicalReviewSettings(
    @Args('input', { description: 'The policy and the default review interval.' }) input: UpdateMedicalReviewSettingsInput,
    @Context() context: GraphQLContext,
  ) {
    if (!context.actor) throw AppError.unauthenticated();
    return this.reviews.updateSettings(context.actor, input);
  }
}
