import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { SyncApplyMode, SyncFormat, SyncMode, SyncRunStatus } from './sync.enums';

/**
 * One provider sync as it ran: who, when, with which options, the counts and the full report.
 * An applied run's idempotency key is unique per source, so a retried request gets the stored report.
 */
@Entity('sync_runs')
@Index(['startedAt'])
@Index(['source', 'startedAt'])
@Index('UQ_sync_runs_source_idempotency_key', ['source', 'idempotencyKey'], { unique: true, where: "idempotency_key IS NOT NULL AND status = 'APPLIED'" })
export class SyncRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  source: string;

  @Column({ type: 'varchar', length: 8 })
  format: SyncFormat;

  @Column({ type: 'varchar', length: 8 })
  mode: SyncMode;

  @Column({ type: 'varchar', length: 8 })
  applyMode: SyncApplyMode;

  @Column({ type: 'boolean' })
  dryRun: boolean;

  @Column({ type: 'boolean' })
  atomic: boolean;

  @Column({ type: 'boolean' })
  force: boolean;

  @Column({ type: 'varchar', length: 16 })
  status: SyncRunStatus;

  @Column({ type: 'varchar', length: 200, nullable: true })
  idempotencyKey: string | null;

  /** sha256 of the normalized batch and options: the same key with another batch is refused. */
  @Column({ type: 'varchar', length: 64 })
  requestHash: string;

  @Column({ type: 'varchar', length: 16 })
  actorKind: string;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 320 })
  actorLabel: string;

  @Column({ type: 'integer' })
  received: number;

  @Column({ type: 'integer' })
  created: number;

  @Column({ type: 'integer' })
  updated: number;

  @Column({ type: 'integer' })
  unchanged: number;

  @Column({ type: 'integer' })
  deactivated: number;

  @Column({ type: 'integer' })
  failed: number;

  /** The SyncReport returned to the caller, as JSON. */
  @Column({ type: 'jsonb' })
  report: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'integer' })
  durationMs: number;

  @Column({ type: 'varchar', length: 100, nullable: true })
  requestId: string | null;
}
