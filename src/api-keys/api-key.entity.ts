import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Permission } from '../auth/permissions';

/** A credential for an integration: scoped, stored as a hash, revocable. */
@Entity('api_keys')
export class ApiKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** The 8 characters after `pcms_`, shown in lists so people can tell keys apart. */
  @Index('UQ_api_keys_prefix', { unique: true })
  @Column({ type: 'varchar', length: 8 })
  prefix: string;

  /** sha256 (hex) of the whole key; the key itself is shown once and never stored. */
  @Index('UQ_api_keys_key_hash', { unique: true })
  @Column({ type: 'char', length: 64 })
  keyHash: string;

  @Column({ type: 'text', array: true })
  scopes: Permission[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** The user who created it. */
  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  /** Updated at most once a minute per key. */
  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}

export function auditedApiKey(key: ApiKey): Record<string, unknown> {
  return { name: key.name, prefix: key.prefix, scopes: key.scopes, revokedAt: key.revokedAt?.toISOString() ?? null };
}
