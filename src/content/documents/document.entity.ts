import { Column, CreateDateColumn, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { type ImageRef } from '../../common/images/image.model';
import { DocumentStatus } from './document-status';

/**
 * Columns every content document shares. The row holds the live state of a published document
 * (or the working state of one never published); pending drafts of published documents live as
 * snapshots in `revisions`, so public reads never touch JSON.
 */
export abstract class DocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  slug: string;

  @Index()
  @Column({ type: 'varchar', length: 16, default: DocumentStatus.DRAFT })
  status: DocumentStatus;

  /** Optimistic lock: every change names the version it started from. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  firstPublishedAt: Date | null;

  /** Set when moved to the trash; trashed documents are invisible to every read but the trash. */
  @Column({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  metaTitle: string | null;

  @Column({ type: 'varchar', length: 320, nullable: true })
  metaDescription: string | null;

  @Column({ type: 'text', nullable: true })
  canonicalUrl: string | null;

  @Column({ type: 'boolean', default: false })
  noindex: boolean;

  /** Image social networks show for the page (Open Graph), from the media library. */
  @Column({ type: 'jsonb', nullable: true })
  ogImage: ImageRef | null;
}
