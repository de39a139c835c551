import { Column, CreateDateColumn, Entity, Generated, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Domain events written in the same transaction as the change they describe (publish,
 * unpublish, trash, restore, purge, FAQ placements). The webhook dispatcher (src/webhooks/) reads
 * them after commit, in `seq` order, and marks them processed.
 */
@Entity('outbox_events')
@Index(['processedAt', 'createdAt'])
@Index('IDX_outbox_events_pending', ['seq'], { where: 'processed_at IS NULL' })
export class OutboxEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /**
   * Taken when the row is inserted, after the writer locked the document: two events of one
   * document are numbered in the order their transactions committed.
   */
  @Column({ type: 'bigint' })
  @Generated('increment')
  seq: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** "document.published", "document.unpublished", "document.trashed", "document.restored", "document.purged", "document.faqs_changed". */
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
