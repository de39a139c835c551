import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ReviewedDocument } from '../medical-review/medical-review.entity';
import { DocumentType } from '../content/documents/document-status';

@Entity('faqs')
// The public list's default order (question), published rows only: an expression index from a migration.
@Index('IDX_faqs_public_question', { synchronize: false })
@Index('UQ_faqs_slug', ['slug'], { unique: true })
export class Faq extends ReviewedDocument {
  @Column({ type: 'varchar', length: 300 })
  question: string;

  /** Markdown. */
  @Column({ type: 'text', default: '' })
  answer: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];
}

/**
 * Where a FAQ appears: on a treatment, condition, location or provider page, or in the
 * practice-wide list (owner = the practice), each with its own position. One FAQ can appear
 * on many pages; removing a page never removes the FAQ.
 */
@Entity('faq_placements')
@Index(['ownerType', 'ownerId', 'position'])
export class FaqPlacement {
  @PrimaryColumn({ type: 'uuid' })
  faqId: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  ownerType: DocumentType;

  @PrimaryColumn({ type: 'uuid' })
  ownerId: string;

  @Column({ type: 'integer', default: 0 })
  position: number;

  @ManyToOne(() => Faq, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'faq_id' })
  faq?: Faq;
}
