import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsEnum, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../content/documents/connection.args';
import { DocumentType } from '../content/documents/document-status';
import { MedicalReviewPolicy, MedicalReviewStatus } from './medical-review.enums';
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

/** The optional `medicalReview` field of a reviewed type's create and update inputs. */
export function MedicalReviewField(): PropertyDecorator {
  return applyDecorators(
    Field(() => MedicalReviewInput, {
      nullable: true,
      description: "A clinician's review of the page's medical content; replaces the current review, null removes it.",
    }),
    IsOptional(),
    ValidateNested(),
    Type(() => MedicalReviewInput),
  );
}

/** The review fields an input sets: none when omitted, all cleared when null, else the whole review. */
export function medicalReviewChange(input: MedicalReviewInput | null | undefined): Record<string, unknown> {
  if (input === undefined) return {};
  if (input === null) return { reviewedById: null, reviewedAt: null, nextReviewDue: null, reviewNotes: null };
  return { reviewedById: input.reviewedById, reviewedAt: input.reviewedAt, nextReviewDue: input.nextReviewDue ?? null, reviewNotes: input.notes ?? null };
}

@ArgsType()
export class MedicalReviewsDueArgs {
  @Field(() => [MedicalReviewStatus], {
    defaultValue: [MedicalReviewStatus.MISSING, MedicalReviewStatus.OVERDUE],
    description: 'Which reviews to list (default MISSING and OVERDUE).',
  })
  @ArrayMaxSize(4)
  @IsEnum(MedicalReviewStatus, { each: true })
  status: MedicalReviewStatus[] = [MedicalReviewStatus.MISSING, MedicalReviewStatus.OVERDUE];

  @Field(() => [DocumentType], { nullable: true, description: 'Only these types (TREATMENT, CONDITION, FAQ); all three when omitted.' })
  @IsOptional()
  @ArrayMaxSize(6)
  @IsEnum(DocumentType, { each: true })
  types?: DocumentType[] | null;

  @Field(() => Int, { defaultValue: 30, description: 'Days ahead that count as DUE_SOON (1 to 365, default 30).' })
  @IsInt()
  @Min(1, { message: 'must be between 1 and 365' })
  @Max(365, { message: 'must be between 1 and 365' })
  dueWithinDays: number = 30;

  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `How many results to return, 0 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` })
  @IsInt()
  @Min(0, { message: `must be between 0 and ${MAX_PAGE_SIZE}` })
  @Max(MAX_PAGE_SIZE, { message: `must be between 0 and ${MAX_PAGE_SIZE}` })
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, { nullable: true, description: 'Return results after this cursor (an `endCursor` from a previous page).' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  after?: string | null;
}

@InputType({ description: "Changes to the practice's clinical review rules; omitted fields keep their value." })
export class UpdateMedicalReviewSettingsInput {
  @Field(() => MedicalReviewPolicy, { nullable: true, description: 'What publishing a page without a current review does.' })
  @IsOptional()
  @IsEnum(MedicalReviewPolicy)
  policy?: MedicalReviewPolicy | null;

  @Field(() => Int, { nullable: true, description: 'Months from a review to the next one by default (1 to 60).' })
  @IsOptional()
  @IsInt({ message: 'must be a whole number of months from 1 to 60' })
  @Min(1, { message: 'must be a whole number of months from 1 to 60' })
  @Max(60, { message: 'must be a whole number of months from 1 to 60' })
  intervalMonths?: number | null;
}
