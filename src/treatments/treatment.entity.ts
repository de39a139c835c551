import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ReviewedDocument } from '../medical-review/medical-review.entity';
import { Condition } from '../conditions/condition.entity';
import { Location } from '../locations/location.entity';
import { Provider } from '../providers/provider.entity';
import { Invasiveness, TreatmentSetting } from './treatment.enums';

@Entity('treatments')
// The public list's default order (title), published rows only: an expression index from a migration.
@Index('IDX_treatments_public_title', { synchronize: false })
@Index('UQ_treatments_slug', ['slug'], { unique: true })
export class Treatment extends ReviewedDocument {
  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** One or two plain sentences for cards and meta descriptions. */
  @Column({ type: 'text', default: '' })
  summary: string;

  /** Markdown. */
  @Column({ type: 'text', default: '' })
  body: string;

  @Index()
  @Column({ type: 'varchar', length: 100, nullable: true })
  category: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  setting: TreatmentSetting | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  invasiveness: Invasiveness | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  anesthesia: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  typicalDuration: string | null;

  /** Markdown. */
  @Column({ type: 'text', nullable: true })
  preparation: string | null;

  /** Markdown. */
  @Column({ type: 'text', nullable: true })
  recovery: string | null;

  /** Markdown. */
  @Column({ type: 'text', nullable: true })
  followUp: string | null;

  /** Markdown. */
  @Column({ type: 'text', nullable: true })
  risks: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  benefits: string[];

  @Column({ type: 'boolean', default: false })
  trialAvailable: boolean;

  /** Markdown: how the trial works, when `trialAvailable`. */
  @Column({ type: 'text', nullable: true })
  trialDetails: string | null;
}

/** Conditions a treatment treats, in the order the treatment page lists them. */
@Entity('treatment_conditions')
@Index(['conditionId'])
export class TreatmentCondition {
  @PrimaryColumn({ type: 'uuid' })
  treatmentId: string;

  @PrimaryColumn({ type: 'uuid' })
  conditionId: string;

  @Column({ type: 'integer', default: 0 })
  position: number;

  @ManyToOne(() => Treatment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'treatment_id' })
  treatment?: Treatment;

  @ManyToOne(() => Condition, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'condition_id' })
  condition?: Condition;
}

/** Providers who perform a treatment. */
@Entity('treatment_providers')
@Index(['providerId'])
export class TreatmentProvider {
  @PrimaryColumn({ type: 'uuid' })
  treatmentId: string;

  @PrimaryColumn({ type: 'uuid' })
  providerId: string;

  @Column({ type: 'integer', default: 0 })
  position: number;

  @ManyToOne(() => Treatment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'treatment_id' })
  treatment?: Treatment;

  @ManyToOne(() => Provider, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'provider_id' })
  provider?: Provider;
}

/** Locations where a treatment is offered. */
@Entity('treatment_locations')
@Index(['locationId'])
export class TreatmentLocation {
  @PrimaryColumn({ type: 'uuid' })
  treatmentId: string;

  @PrimaryColumn({ type: 'uuid' })
  locationId: string;

  @Column({ type: 'integer', default: 0 })
  position: number;

  @ManyToOne(() => Treatment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'treatment_id' })
  treatment?: Treatment;

  @ManyToOne(() => Location, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'location_id' })
  location?: Location;
}

/** "See also" links between treatments, ordered, one direction. */
@Entity('related_treatments')
@Index(['relatedTreatmentId'])
export class RelatedTreatment {
  @PrimaryColumn({ type: 'uuid' })
  treatmentId: string;

  @PrimaryColumn({ type: 'uuid' })
  relatedTreatmentId: string;

  @Column({ type: 'integer', default: 0 })
  position: number;

  @ManyToOne(() => Treatment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'treatment_id' })
  treatment?: Treatment;

  @ManyToOne(() => Treatment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'related_treatment_id' })
  relatedTreatment?: Treatment;
}
