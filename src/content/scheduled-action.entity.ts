import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DocumentType } from './documents/document-status';

export enum ScheduledActionKind {
  PUBLISH = 'PUBLISH',
  UNPUBLISH = 'UNPUBLISH',
}

export enum ScheduledActionStatus {
  PENDING = 'PENDING',
  DONE = 'DONE',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}

/** A publish or unpublish to run at a time; the scheduler claims due rows with SKIP LOCKED. */
@Entity('scheduled_actions')
@Index(['status', 'runAt'])
@Index(['documentType', 'documentId'])
export class ScheduledAction {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  documentType: DocumentType;

  @Column({ type: 'uuid' })
  documentId: string;

  @Column({ type: 'varchar', length: 16 })
  action: ScheduledActionKind;

  @Column({ type: 'timestamptz' })
  runAt: Date;

  @Column({ type: 'varchar', length: 16, default: ScheduledActionStatus.PENDING })
  status: ScheduledActionStatus;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'varchar', length: 320 })
  createdByLabel: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  executedAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;
}
