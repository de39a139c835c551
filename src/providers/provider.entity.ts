import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { DocumentEntity } from '../content/documents/document.entity';
import { Location } from '../locations/location.entity';

export interface EducationEntry {
  kind: 'MEDICAL_SCHOOL' | 'INTERNSHIP' | 'RESIDENCY' | 'FELLOWSHIP' | 'DEGREE' | 'OTHER';
  institution: string;
  degree?: string | null;
  field?: string | null;
  graduationYear?: number | null;
}

/** A license to practice: its number, the state that issued it, and the issuing board when known. */
export interface ProviderLicense {
  number: string;
  state: string | null;
  issuer: string | null;
}

@Entity('providers')
// The public list's default order (last and first name), published rows only: an expression index from a migration.
@Index('IDX_providers_public_name', { synchronize: false })
@Index('UQ_providers_slug', ['slug'], { unique: true })
@Index('UQ_providers_npi', ['npi'], { unique: true, where: 'npi IS NOT NULL' })
export class Provider extends DocumentEntity {
  @Column({ type: 'varchar', length: 100, nullable: true })
  prefix: string | null;

  @Column({ type: 'varchar', length: 100 })
  firstName: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  middleName: string | null;

  @Column({ type: 'varchar', length: 100 })
  lastName: string;

  /** Generational suffix (Jr., III), not a credential. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  suffix: string | null;

  /** Degrees and certifications after the name, in order (MD, PhD; PA-C). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  credentials: string[];

  /** Overrides the name built from the parts, when set. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  displayNameOverride: string | null;

  /** Role at the practice ("Medical Director"). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  title: string | null;

  /** National Provider Identifier: 10 digits with a Luhn check digit. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  npi: string | null;

  /** NUCC taxonomy codes, the primary first. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  specialties: string[];

  /** What the provider does here, as codes of FHIR's practitioner-role code system ("doctor", "nurse"). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roles: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  boardCertifications: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  education: EducationEntry[];

  /** Licenses to practice (number, state, issuer), as a credentialing source or the NPI registry lists them. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  licenses: ProviderLicense[];

  /** Administrative gender as FHIR codes it (male, female, other, unknown); directories filter on it. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  gender: string | null;

  /** Direct line, E.164 with ";ext=" for an extension. */
  @Column({ type: 'varchar', length: 30, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  /** Web page of its own (the practice's site has a page per provider or office), http or https. */
  @Column({ type: 'text', nullable: true })
  website: string | null;

  @Column({ type: 'integer', nullable: true })
  practiceStartYear: number | null;

  /** The "more than N years" of experience the practice states, when it gives no start year. */
  @Column({ type: 'integer', nullable: true })
  experienceMinimumYears: number | null;

  /** BCP 47 language tags. */
  @Column({ type: 'text', array: true, default: () => "'{en}'" })
  languages: string[];

  /** Markdown. */
  @Column({ type: 'text', default: '' })
  bio: string;

  @Index()
  @Column({ type: 'boolean', default: true })
  acceptingNewPatients: boolean;

  @Column({ type: 'text', nullable: true })
  bookingUrl: string | null;

  /** Whether the provider currently practices here; a sync deactivates rather than deletes. */
  @Column({ type: 'boolean', default: true })
  active: boolean;
}

/** Identifiers of a provider in other systems (credentialing, EHR); unique per system. */
@Entity('provider_external_ids')
@Index('UQ_provider_external_ids_system_value', ['system', 'value'], { unique: true })
@Index(['providerId'])
export class ProviderExternalId {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  providerId: string;

  @Column({ type: 'varchar', length: 200 })
  system: string;

  @Column({ type: 'varchar', length: 200 })
  value: string;

  @ManyToOne(() => Provider, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'provider_id' })
  provider?: Provider;
}

/** Offices where a provider sees patients; at most one is primary. */
@Entity('provider_locations')
@Index(['locationId'])
@Index('UQ_provider_locations_primary', ['providerId'], { unique: true, where: 'is_primary' })
export class ProviderLocation {
  @PrimaryColumn({ type: 'uuid' })
  providerId: string;

  @PrimaryColumn({ type: 'uuid' })
  locationId: string;

  @Column({ type: 'boolean', default: false })
  isPrimary: boolean;

  @Column({ type: 'integer', default: 0 })
  position: number;

  @ManyToOne(() => Provider, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'provider_id' })
  provider?: Provider;

  @ManyToOne(() => Location, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'location_id' })
  location?: Location;
}
