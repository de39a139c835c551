import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { SyncApplyMode } from './sync.enums';

/** The share of a source's active providers a FULL sync may deactivate at once, unless forced. */
export const DEFAULT_MAX_DEACTIVATION_SHARE = 0.2;

/**
 * Settings of one integration source (the `system` its external ids are stored under). A source
 * without a row syncs with the defaults: LIVE, at most 20% deactivated per FULL run.
 */
@Entity('sync_sources')
export class SyncSource {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 16, default: SyncApplyMode.LIVE })
  applyMode: SyncApplyMode;

  @Column({ type: 'double precision', default: DEFAULT_MAX_DEACTIVATION_SHARE })
  maxDeactivationShare: number;

  /** Precedence among sources: a source never overwrites a field last written by one of higher priority. */
  @Column({ type: 'integer', default: 0 })
  priority: number;

  /** Priorities for single fields ("specialties": 20), over `priority`. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  fieldPriorities: Record<string, number>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** Who last changed the settings (an email or key name). */
  @Column({ type: 'varchar', length: 320, nullable: true })
  updatedByLabel: string | null;
}
