import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { DocumentType } from '../documents/document-status';

/** Slugs a document had before: a request for one is answered with the document and its canonical slug. */
@Entity('slug_history')
@Index(['documentType', 'documentId'])
export class SlugHistoryEntry {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  documentType: DocumentType;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  slug: string;

  @Column({ type: 'uuid' })
  documentId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
