import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsLocalDate } from '../common/validation/validators';

@InputType({ description: "A clinician's review of a page's medical content; it replaces the page's current review." })
export class MedicalReviewInput {
  @Field(() => ID, { description: 'Id of the provider who reviewed the page (any provider not in the trash).' })
  @IsUUID('all', { message: 'must be a provider id' })
  reviewedById: string;

  @Field(() => String, { description: 'Date of the review, "YYYY-MM-DD".' })
  @IsLocalDate()
  reviewedAt: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Date the page is due for its next review, "YYYY-MM-DD", not before `reviewedAt`. Default: the practice\'s review interval (12 months unless changed) after `reviewedAt`.',
  })
  @IsOptional()
  @IsLocalDate()
  nextReviewDue?: string | null;

  @Field(() => String, { nullable: true, description: 'Notes on the review (up to 2,000 characters); public like the rest of the page.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string | null;
}

/** The review fields an input sets: none when omitted, all cleared when null, else the whole review. */
export function medicalReviewChange(input: MedicalReviewInput | null | undefined): Record<string, unknown> {
  if (input === undefined) return {};
  if (input === null) return { reviewedById: null, reviewedAt: null, nextReviewDue: null, reviewNotes: null };
  return { reviewedById: input.reviewedById, reviewedAt: input.reviewedAt, nextReviewDue: input.nextReviewDue ?? null, reviewNotes: input.notes ?? null };
}
