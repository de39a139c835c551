import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionOf } from '../common/pagination/connection.model';
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

@ObjectType('MedicalReviewSettings', { description: "The practice's clinical review rules." })
export class MedicalReviewSettingsModel {
  @Field(() => MedicalReviewPolicy, { description: 'What publishing a page without a current review does (default WARN).' })
  policy: MedicalReviewPolicy;

  @Field(() => Int, { description: 'Months from a review to the next one when an editor gives no due date (default 12).' })
  intervalMonths: number;
}
