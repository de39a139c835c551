import { Column, Entity, Index } from 'typeorm';
import { DocumentEntity } from '../content/documents/document.entity';
import { NoticeKind } from './notice-kind.enums';

@Entity('notices')
@Index('UQ_notices_slug', ['slug'], { unique: true })
export class Notice extends DocumentEntity {
  @Index()
  @Column({ type: 'varchar', length: 32 })
  kind: NoticeKind;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  /** Markdown. */
  @Column({ type: 'text', default: '' })
  body: string;

  /** BCP 47 tags of the languages the notice is written in (or, for taglines, offers help in). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  languages: string[];

  /** Calendar dates ("YYYY-MM-DD"), no zone: a notice takes effect and is due for review on a day. */
  @Column({ type: 'date', nullable: true })
  effectiveDate: string | null;

  @Column({ type: 'date', nullable: true })
  reviewDate: string | null;
}
