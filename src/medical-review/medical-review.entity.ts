import { Column, JoinColumn, ManyToOne } from 'typeorm';
import { DocumentEntity } from '../content/documents/document.entity';
import { Provider } from '../providers/provider.entity';

/** The editable fields of a medical review, as descriptors list them (drafts, revisions and publishing carry them). */
export const MEDICAL_REVIEW_FIELDS = ['reviewedById', 'reviewedAt', 'nextReviewDue', 'reviewNotes'] as const;

/**
 * A document whose medical content a clinician reviews (treatments, conditions, FAQs). The review
 * is four plain columns of the page, so it is edited, drafted, published and restored with it.
 */
export abstract class ReviewedDocument extends DocumentEntity {
  /** The provider who reviewed the page; cleared if that provider is purged. */
  @Column({ type: 'uuid', nullable: true })
  reviewedById: string | null;

  /** Local date of the review, YYYY-MM-DD. */
  @Column({ type: 'date', nullable: true })
  reviewedAt: string | null;

  /** Local date by which the page should be reviewed again, YYYY-MM-DD. */
  @Column({ type: 'date', nullable: true })
  nextReviewDue: string | null;

  @Column({ type: 'text', nullable: true })
  reviewNotes: string | null;

  @ManyToOne(() => Provider, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'reviewed_by_id' })
  reviewedBy?: Provider | null;
}
