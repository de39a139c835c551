import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DocumentType } from '../content/documents/document-status';

/**
 * A preview token as issued: what it may read, who made it, until when. The signed token carries
 * only this row's id, so revoking the row ends the token at once.
 */
@Entity('preview_tokens')
@Index(['createdById'])
@Index(['expiresAt'])
export class PreviewToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  documentType: DocumentType;

  /** The documents it may read at stage DRAFT; null for every document of the type (lists too). */
  @Column({ type: 'uuid', array: true, nullable: true })
  documentIds: string[] | null;

  /** USER or API_KEY: the credential that made it, which must stay active for the token to work. */
  @Column({ type: 'varchar', length: 10 })
  createdByKind: 'USER' | 'API_KEY';

  @Column({ type: 'uuid' })
  createdById: string;

  /** The creator as named when the token was made (an email, a key name), for lists. */
  @Column({ type: 'varchar', length: 400 })
  createdByLabel: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}

export function auditedPreviewToken(token: PreviewToken): Record<string, unknown> {
  return {
    documentType: token.documentType,
    documentIds: token.documentIds,
    expiresAt: token.expiresAt.toISOString(),
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}
