import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsEnum, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ConnectionOf } from '../common/pagination/connection.model';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../content/documents/connection.args';
import { DocumentStatus, DocumentType } from '../content/documents/document-status';
import { MedicalReviewPolicy, MedicalReviewStatus } from './medical-review.enums';

/** A review as resolvers pass it on: the reviewer as an id, resolved by `reviewedBy`. */
export interface MedicalReview {
  reviewedById: string | null;
  reviewedAt: string;
  nextReviewDue: string | null;
  notes: string | null;
}

@ObjectType('MedicalReview', { description: "A clinician's review of a page's medical content." })
export class MedicalReviewModel {
  @Field(() => String, { description: 'Date of the review, "YYYY-MM-DD".' })
  reviewedAt: string;

  @Field(() => String, { nullable: true, description: 'Date the page is due for its next review, "YYYY-MM-DD".' })
  nextReviewDue: string | null;

  @Field(() => String, { nullable: true, description: 'Notes on the review.' })
  notes: string | null;
}

@ObjectType('MedicalReviewDue', { description: 'A medically reviewed page (treatment, condition or FAQ) whose review is missing, overdue or due soon.' })
export class MedicalReviewDueModel {
  @Field(() => DocumentType, { description: 'The type of the page.' })
  documentType: DocumentType;

  @Field(() => ID, { description: 'The id of the page.' })
  id: string;

  @Field(() => String, { description: 'Its slug.' })
  slug: string;

  @Field(() => String, { description: 'Its title (a treatment title, a condition name or a question).' })
  title: string;

  @Field(() => DocumentStatus, { description: 'Whether the page is live.' })
  status: DocumentStatus;

  @Field(() => MedicalReviewStatus, { description: 'Where its review stands today.' })
  reviewStatus: MedicalReviewStatus;

  @Field(() => MedicalReviewModel, { nullable: true, description: 'Its review (of the live row; a pending draft counts once published). Null when missing.' })
  medicalReview: MedicalReview | null;
}

export const { Connection: MedicalReviewDueConnection } = ConnectionOf(MedicalReviewDueModel, 'MedicalReviewDue', 'page due for a medical review');

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

@ObjectType('MedicalReviewSettings', { description: "The practice's clinical review rules." })
export class MedicalReviewSettingsModel {
  @Field(() => MedicalReviewPolicy, { description: 'What publishing a page without a current review does (default WARN).' })
  policy: MedicalReviewPolicy;

  @Field(() => Int, { description: 'Months from a review to the next one when an editor gives no due date (default 12).' })
  intervalMonths: number;
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
