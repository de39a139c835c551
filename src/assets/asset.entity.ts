import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Image formats the media library keeps (what the bytes are, never what the name says). */
export type StoredImageFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif';

/**
 * An image of the media library. The stored original is the upload re-encoded without its
 * metadata (EXIF, XMP, IPTC: GPS position, camera serial numbers) and turned upright; renditions
 * are made from it on request and kept next to it in the storage.
 */
@Entity('assets')
@Index('IDX_assets_live_created', ['createdAt'], { where: 'deleted_at IS NULL' })
export class Asset {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Where the original lives in the asset storage. */
  @Column({ type: 'varchar', length: 200 })
  storageKey: string;

  @Column({ type: 'varchar', length: 8 })
  format: StoredImageFormat;

  @Column({ type: 'integer' })
  width: number;

  @Column({ type: 'integer' })
  height: number;

  /** Size of the stored (stripped) original. */
  @Column({ type: 'integer' })
  byteSize: number;

  /** The upload's file name, shown to editors only (never used to decide anything). */
  @Column({ type: 'varchar', length: 255, nullable: true })
  filename: string | null;

  @Column({ type: 'text', nullable: true })
  alt: string | null;

  /** Decorative images need no alt text (WCAG 1.1.1): they are shown with an empty one. */
  @Column({ type: 'boolean', default: false })
  decorative: boolean;

  @Column({ type: 'text', nullable: true })
  caption: string | null;

  /** Photographer or source, as it must be credited. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  credit: string | null;

  /** Point to keep in view when cropping, as fractions of width and height (0 to 1); the center when null. */
  @Column({ type: 'real', nullable: true })
  focalX: number | null;

  @Column({ type: 'real', nullable: true })
  focalY: number | null;

  /** Changes when what renditions look like changes (the focal point): rendition URLs carry it, so cached ones are never stale. */
  @Column({ type: 'integer', default: 1 })
  pixelsVersion: number;

  /** Renditions made so far: at most ASSET_MAX_RENDITIONS, so signed URLs for every size cannot fill the storage or the CPU. */
  @Column({ type: 'integer', default: 0 })
  renditionCount: number;

  /** A tiny blurred WebP as a data: URI, shown while the image loads. */
  @Column({ type: 'text' })
  placeholder: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  /** Set when moved to the trash: its renditions are no longer served, and it can be restored or purged. */
  @Column({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
