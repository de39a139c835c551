import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One mutation, as it happened: who, with which credential, what, and the state before and after. */
@Entity('audit_log')
@Index(['createdAt'])
@Index(['documentType', 'documentId', 'createdAt'])
@Index(['actorId', 'createdAt'])
export class AuditEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'varchar', length: 16 })
  actorKind: string;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 320 })
  actorLabel: string;

  /** The mutation, e.g. "updateTreatment", "login", "createApiKey". */
  @Column({ type: 'varchar', length: 100 })
  action: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  documentType: string | null;

  @Column({ type: 'uuid', nullable: true })
  documentId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  requestId: string | null;

  /** The client IP of the request (after TRUST_PROXY); null for the scheduler and scripts. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  ipAddress: string | null;
}
