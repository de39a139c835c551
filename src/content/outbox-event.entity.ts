import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Domain events written in the same transaction as the change they describe (publish,
 * unpublish, trash, restore, purge). Cache invalidation and webhooks read them after commit.
 */
@Entity('outbox_events')
@Index(['processedAt', 'createdAt'])
export class OutboxEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** "document.published", "document.unpublished", "document.trashed", "document.restored", "document.purged". */
  @Column({ type: 'varchar', length: 64 })
  eventType: string;

  @Column({ type: 'varchar', length: 16 })
  documentType: string;

  @Column({ type: 'uuid' })
  documentId: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  payload: Record<string, unknown>;

  @Column({ type: 'timestamptz', nullable: true })
  processedAt: Date | null;
}
