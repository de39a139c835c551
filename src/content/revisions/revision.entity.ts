import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DocumentState } from '../content-type';
import { DocumentType } from '../documents/document-status';

export enum RevisionKind {
  /** The pending draft of a published document (at most one per document). */
  DRAFT = 'DRAFT',
  /** A version that was published. */
  PUBLISHED = 'PUBLISHED',
}

/**
 * Snapshots of documents as JSON (fields plus relation ids in order): the pending draft of each
 * published document and every version ever published. Public reads never touch this table.
 */
@Entity('revisions')
@Index(['documentType', 'documentId', 'createdAt'])
@Index('UQ_revisions_pending_draft', ['documentType', 'documentId'], { unique: true, where: "kind = 'DRAFT'" })
export class Revision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  documentType: DocumentType;

  @Column({ type: 'uuid' })
  documentId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: RevisionKind;

  /** The document version this snapshot was taken at. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  snapshot: DocumentState;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;
}
