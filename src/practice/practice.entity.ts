import { Column, Entity, Index } from 'typeorm';
import { type ImageRef } from '../common/images/image.model';
import { DocumentEntity } from '../content/documents/document.entity';

export interface SocialProfile {
  network: string;
  url: string;
}

/** The practice as a whole. There is one row. */
@Entity('practice')
@Index('UQ_practice_slug', ['slug'], { unique: true })
export class Practice extends DocumentEntity {
  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Markdown. */
  @Column({ type: 'text', default: '' })
  description: string;

  /** The practice's logo, from the media library. */
  @Column({ type: 'jsonb', nullable: true })
  logo: ImageRef | null;

  /** E.164. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  mainPhone: string | null;

  /** The practice's organization (type 2) NPI, which directories list it under. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  npi: string | null;

  @Column({ type: 'text', nullable: true })
  website: string | null;

  @Column({ type: 'text', nullable: true })
  bookingUrl: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  socialProfiles: SocialProfile[];

  /** In words, as patients would say it ("Interventional pain management"). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  specialty: string | null;
}
