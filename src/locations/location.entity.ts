import { Column, Entity, Index } from 'typeorm';
import { type ImageRef } from '../common/images/image.model';
import { DocumentEntity } from '../content/documents/document.entity';
import { HoursException, OpeningInterval } from './opening-hours';

@Entity('locations')
// The public list's default order (name), published rows only: an expression index from a migration.
@Index('IDX_locations_public_name', { synchronize: false })
@Index('UQ_locations_slug', ['slug'], { unique: true })
@Index(['state', 'city'])
export class Location extends DocumentEntity {
  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Markdown. */
  @Column({ type: 'text', default: '' })
  description: string;

  /** Photos of the office (outside, reception, rooms), in order, from the media library. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  photos: ImageRef[];

  @Column({ type: 'varchar', length: 200, nullable: true })
  addressLine1: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  addressLine2: string | null;

  @Column({ type: 'varchar', length: 100 })
  city: string;

  /** Two-letter US state code. */
  @Column({ type: 'char', length: 2 })
  state: string;

  /** ZIP or ZIP+4 (12345 or 12345-6789). */
  @Column({ type: 'varchar', length: 10, nullable: true })
  postalCode: string | null;

  @Column({ type: 'char', length: 2, default: 'US' })
  country: string;

  @Column({ type: 'double precision', nullable: true })
  latitude: number | null;

  @Column({ type: 'double precision', nullable: true })
  longitude: number | null;

  /** E.164 (+18595550100). */
  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  /** E.164. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  fax: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  /** Web page of its own (the practice's site has a page per provider or office), http or https. */
  @Column({ type: 'text', nullable: true })
  website: string | null;

  /** IANA time zone the opening hours are written in. */
  @Column({ type: 'varchar', length: 64, default: 'America/New_York' })
  timezone: string;

  /** Weekly hours: several intervals a day allowed (a lunch break). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  openingHours: OpeningInterval[];

  /** Dated exceptions (holidays, short days) that replace the weekly hours of that date. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  hoursExceptions: HoursException[];

  @Column({ type: 'text', nullable: true })
  parkingNotes: string | null;

  @Column({ type: 'text', nullable: true })
  accessibilityNotes: string | null;

  /** What kind of place it is, as HL7 v3 RoleCode service-delivery-location codes ("PAINCL" pain clinic, "OF" outpatient facility). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  locationTypes: string[];

  @Column({ type: 'text', nullable: true })
  bookingUrl: string | null;
}
