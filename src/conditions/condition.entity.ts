import { Column, Entity, Index } from 'typeorm';
import { ReviewedDocument } from '../medical-review/medical-review.entity';
import { BodyRegion } from './body-region.enums';

@Entity('conditions')
// The public list's default order (name), published rows only: an expression index from a migration.
@Index('IDX_conditions_public_name', { synchronize: false })
@Index('UQ_conditions_slug', ['slug'], { unique: true })
export class Condition extends ReviewedDocument {
  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Other names patients search for ("slipped disc"). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  aliases: string[];

  @Column({ type: 'text', default: '' })
  summary: string;

  /** Markdown. */
  @Column({ type: 'text', default: '' })
  body: string;

  @Index()
  @Column({ type: 'varchar', length: 24, nullable: true })
  bodyRegion: BodyRegion | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  symptoms: string[];

  /** ICD-10-CM codes, with the dot (M54.50). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  icd10Codes: string[];
}
