import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Which source last wrote a source-owned field of a document: what source precedence compares
 * (a lower-priority source never overwrites a field a higher one wrote). Editors' fields are not
 * owned by sources and never appear here.
 */
@Entity('sync_field_owners')
export class SyncFieldOwner {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  documentType: string;

  @PrimaryColumn({ type: 'uuid' })
  documentId: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  field: string;

  @Column({ type: 'varchar', length: 100 })
  source: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
