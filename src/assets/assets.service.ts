import { createHmac } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLogService } from '../audit/audit-log.service';
import { type Actor } from '../auth/actor';
import { SIGNING_SECRET } from '../auth/signing-secret';
import { AppError } from '../common/errors/app-error';
import { ASSET_IMAGE_PATTERN, type ImageRef } from '../common/images/image.model';
import { type KeysetPage, type PageRequest, paginateByKeyset } from '../common/pagination/keyset-pagination';
import { AppConfig } from '../config/app-config';
import { type DocumentState } from '../content/content-type';
import { type ChangedDocuments, ContentChanges } from '../content/content-changes';
import { type ContentType, contentTypes, type PublishFinding } from '../content/document-descriptor';
import { DocumentStatus } from '../content/documents/document-status';
import { DocumentWriter } from '../content/document-writer';
import { lockDocument } from '../content/document-store';
import { imageUsesOf } from '../content/image-uses';
import { PublishChecks } from '../content/publish-checks';
import { assetLoaderOf } from './asset-loader';
import { Asset } from './asset.entity';
import { type UpdateAssetInput } from './asset.inputs';
import { AssetStorage } from './asset-storage';
import { acceptImage, EXTENSIONS, MIME_TYPES } from './image-intake';
import { type RenditionSpec, RenditionSigner, variantOf } from './renditions';

/** Details an upload may carry besides the file. */
export interface UploadDetails {
  filename: string | null;
  alt: string | null;
  caption: string | null;
  credit: string | null;
  decorative: boolean;
}

/** A document that uses an asset, as messages name it. */
export interface AssetUsage {
  contentType: ContentType;
  id: string;
  label: string;
  /** Whether its live version (published) uses it, rather than only its working state or pending draft. */
  published: boolean;
}

const AUDIT_TYPE = 'ASSET';

/**
 * The media library: uploads (checked by content, stored without metadata), details, trash,
 * restore and purge with their uses checked, signed rendition URLs, and the alt-text rule of
 * publishing (every non-decorative image a page uses needs alt text, on the asset or at its use).
 */
@Injectable()
export class AssetsService implements OnModuleInit {
  private readonly signer: RenditionSigner;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly storage: AssetStorage,
    private readonly audit: AuditLogService,
    private readonly changes: ContentChanges,
    private readonly publishChecks: PublishChecks,
    @Inject(SIGNING_SECRET) signingSecret: string,
  ) {
    // A key of its own, derived when not configured: a leaked rendition signature says nothing about tokens.
    const key = config.ASSET_URL_SECRET ?? createHmac('sha256', signingSecret).update('asset-rendition-urls').digest('base64url');
    this.signer = new RenditionSigner(Buffer.from(key));
  }

  onModuleInit(): void {
    this.publishChecks.register((manager, contentType, _id, state) => this.altTextProblems(manager, contentType, state));
  }

  get renditionSigner(): RenditionSigner {
    return this.signer;
  }

  /** Checks, strips and stores an upload; nothing is stored when it is refused. */
  async upload(actor: Actor, data: Buffer, details: UploadDetails): Promise<Asset> {
    const image = await acceptImage(data, { maxBytes: this.config.ASSET_MAX_BYTES, maxPixels: this.config.ASSET_MAX_PIXELS });
    const repository = this.dataSource.getRepository(Asset);
    const asset = repository.create({
      id: crypto.randomUUID(),
      format: image.format,
      width: image.width,
      height: image.height,
      byteSize: image.data.length,
      filename: details.filename?.slice(0, 255) ?? null,
      alt: details.alt,
      caption: details.caption,
      credit: details.credit,
      decorative: details.decorative,
      placeholder: image.placeholder,
      createdBy: actor.id,
    });
    asset.storageKey = `originals/${asset.id}.${EXTENSIONS[image.format]}`;
    // The bytes first: a row never points at a missing file; a failed insert leaves an orphan file at worst.
    await this.storage.put(asset.storageKey, image.data, MIME_TYPES[image.format]);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const saved = await manager.save(asset);
        await this.audit.record(manager, actor, {
          action: 'uploadAsset',
          documentType: AUDIT_TYPE,
          documentId: saved.id,
          after: { filename: saved.filename, format: saved.format, width: saved.width, height: saved.height, byteSize: saved.byteSize },
        });
        return saved;
      });
    } catch (error) {
      await this.storage.deletePrefix(`originals/${asset.id}`).catch(() => undefined);
      throw error;
    }
  }

  /** An asset by id, trashed ones included when asked (editors see the trash). */
  async find(id: string, options: { trashed?: boolean } = {}): Promise<Asset | null> {
    const asset = await this.dataSource.getRepository(Asset).findOneBy({ id });
    if (!asset || (asset.deletedAt && !options.trashed)) return null;
    return asset;
  }

  /** Assets by id, in one statement (the request loader batches them); trashed ones left out. */
  async findMany(ids: readonly string[]): Promise<Map<string, Asset>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(Asset)
      .createQueryBuilder('a')
      .where('a.id = ANY(:ids)', { ids })
      .andWhere('a.deleted_at IS NULL')
      .getMany();
    return new Map(rows.map((row) => [row.id, row]));
  }

  list(page: PageRequest, filter: { trashed: boolean; search?: string | null }): Promise<KeysetPage<Asset>> {
    const query = this.dataSource
      .getRepository(Asset)
      .createQueryBuilder('a')
      .where(filter.trashed ? 'a.deleted_at IS NOT NULL' : 'a.deleted_at IS NULL');
    if (filter.search) {
      query.andWhere("concat_ws(' ', a.filename, a.alt, a.caption, a.credit) ILIKE :search", {
        search: `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      });
    }
    return paginateByKeyset(query, page, {
      keys: [
        { expression: 'a.created_at', kind: 'timestamp' },
        { expression: 'a.id', kind: 'uuid' },
      ],
      direction: 'DESC',
    });
  }

  async update(actor: Actor, input: UpdateAssetInput): Promise<Asset> {
    return this.changes.transaction(async (manager, changes) => {
      const asset = await this.locked(manager, input.id);
      const before = { alt: asset.alt, decorative: asset.decorative, caption: asset.caption, credit: asset.credit, focalX: asset.focalX, focalY: asset.focalY };
      const text = (value: string | null | undefined) => (value === undefined ? undefined : value?.trim() || null);
      if (input.alt !== undefined) asset.alt = text(input.alt) ?? null;
      if (input.caption !== undefined) asset.caption = text(input.caption) ?? null;
      if (input.credit !== undefined) asset.credit = text(input.credit) ?? null;
      if (input.decorative !== undefined && input.decorative !== null) asset.decorative = input.decorative;
      if (input.focalPoint !== undefined) {
        const [x, y] = input.focalPoint ? [input.focalPoint.x, input.focalPoint.y] : [null, null];
        if (x !== asset.focalX || y !== asset.focalY) asset.pixelsVersion += 1;
        asset.focalX = x;
        asset.focalY = y;
      }
      // Pages that show it render its alt text and rendition URLs: their cached answers go.
      for (const usage of await this.usagesOf(manager, asset.id)) if (usage.published) await changes.before(manager, usage.contentType, [usage.id]);
      const saved = await manager.save(asset);
      await this.audit.record(manager, actor, {
        action: 'updateAsset',
        documentType: AUDIT_TYPE,
        documentId: asset.id,
        before,
        after: { alt: saved.alt, decorative: saved.decorative, caption: saved.caption, credit: saved.credit, focalX: saved.focalX, focalY: saved.focalY },
      });
      return saved;
    });
  }

  /**
   * Moves an asset to the trash. Used by published pages, it is refused (CONFLICT naming them)
   * unless `detach`, which takes it out of every document (live rows and pending drafts) first.
   */
  async trash(actor: Actor, id: string, detach: boolean): Promise<Asset> {
    return this.changes.transaction(async (manager, changes) => {
      const asset = await this.locked(manager, id);
      if (asset.deletedAt) throw AppError.conflict('The asset is already in the trash');
      const usages = await this.usagesOf(manager, id);
      const published = usages.filter((usage) => usage.published);
      if (published.length > 0 && !detach) {
        throw AppError.conflict(
          `The asset is used by published pages: ${published.map((usage) => usage.label).join(', ')}; pass detach: true to remove it from them`,
          {
            usedBy: published.map((usage) => ({ type: usage.contentType.type, id: usage.id })),
          },
        );
      }
      if (detach) await this.detach(manager, changes, actor, id, usages);
      asset.deletedAt = new Date();
      const saved = await manager.save(asset);
      await this.audit.record(manager, actor, {
        action: 'trashAsset',
        documentType: AUDIT_TYPE,
        documentId: id,
        after: { detachedFrom: detach ? usages.map((usage) => ({ type: usage.contentType.type, id: usage.id })) : [] },
      });
      return saved;
    });
  }

  async restore(actor: Actor, id: string): Promise<Asset> {
    return this.dataSource.transaction(async (manager) => {
      const asset = await this.locked(manager, id);
      if (!asset.deletedAt) throw AppError.conflict('The asset is not in the trash');
      asset.deletedAt = null;
      const saved = await manager.save(asset);
      await this.audit.record(manager, actor, { action: 'restoreAsset', documentType: AUDIT_TYPE, documentId: id });
      return saved;
    });
  }

  /** Deletes a trashed asset for good, with its files; refused while any document (or pending draft) still uses it. */
  async purge(actor: Actor, id: string): Promise<string> {
    await this.dataSource.transaction(async (manager) => {
      const asset = await this.locked(manager, id);
      if (!asset.deletedAt) throw AppError.conflict('Only an asset in the trash can be purged: trash it first');
      const usages = await this.usagesOf(manager, id);
      if (usages.length > 0) {
        throw AppError.conflict(`The asset is still used by ${usages.map((usage) => usage.label).join(', ')}; remove it from them first`, {
          usedBy: usages.map((usage) => ({ type: usage.contentType.type, id: usage.id })),
        });
      }
      await manager.delete(Asset, { id });
      await this.audit.record(manager, actor, { action: 'purgeAsset', documentType: AUDIT_TYPE, documentId: id, before: { filename: asset.filename } });
    });
    await this.storage.deletePrefix(`originals/${id}`);
    await this.storage.deletePrefix(`renditions/${id}/`);
    return id;
  }

  /**
   * Counts a rendition about to be made; false when the image has had ASSET_MAX_RENDITIONS already
   * (the caller refuses). A rendition whose storing fails still counts: the bound is on work done.
   */
  async claimRendition(id: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH claimed AS (UPDATE assets SET rendition_count = rendition_count + 1 WHERE id = $1 AND rendition_count < $2 RETURNING id) SELECT id FROM claimed`,
      [id, this.config.ASSET_MAX_RENDITIONS],
    );
    return rows.length > 0;
  }

  /**
   * Absolute URLs of images for structured data (schema.org `image`): a JPEG of each, at most
   * 1200 px wide (what search engines show in results), through the request's asset loader;
   * trashed assets and decorative uses are left out.
   */
  async shareableUrls(images: readonly (ImageRef | null | undefined)[], context: object): Promise<string[]> {
    const placed = images.filter((image): image is ImageRef => Boolean(image) && !image!.decorative);
    const assets = await assetLoaderOf(context, this).loadMany(placed.map((image) => image.assetId));
    const urls = assets
      .filter((asset): asset is Asset => asset !== null && !(asset instanceof Error))
      .map((asset) => this.renditionUrl(asset, { width: Math.min(asset.width, 1200), height: 0, fit: 'inside', format: 'jpeg', quality: 80 }));
    return [...new Set(urls)];
  }

  /** The signed URL of one rendition, absolute (PUBLIC_URL), as pages put it in `src`. */
  renditionUrl(asset: Asset, spec: Omit<RenditionSpec, 'version'>): string {
    const variant = variantOf({ ...spec, version: asset.pixelsVersion });
    return `${this.config.publicUrl}/assets/${asset.id}/${variant}?sig=${this.signer.sign(asset.id, variant)}`;
  }

  private async locked(manager: EntityManager, id: string): Promise<Asset> {
    const asset = await manager.getRepository(Asset).createQueryBuilder('a').setLock('pessimistic_write').where('a.id = :id', { id }).getOne();
    if (!asset) throw AppError.notFound(`Asset ${id}`);
    return asset;
  }

  /**
   * Documents whose row (live or working state, trashed ones included) or pending draft uses the
   * asset in an image field or in Markdown. A text match narrows, the parsed fields decide.
   */
  async usagesOf(manager: EntityManager, assetId: string): Promise<AssetUsage[]> {
    const usages: AssetUsage[] = [];
    const pattern = `%${assetId}%`;
    for (const contentType of contentTypes()) {
      const columns = [...contentType.images, ...contentType.richText].map((field) => this.columnOf(contentType, field));
      if (columns.length === 0) continue;
      const rows: Record<string, unknown>[] = await manager.query(
        `SELECT * FROM ${contentType.table} WHERE ${columns.map((column) => `${column}::text LIKE $1`).join(' OR ')}`,
        [pattern],
      );
      for (const row of rows) {
        const fields = this.fieldsOfRow(contentType, row);
        if (!imageUsesOf(contentType, fields).some((use) => use.assetId === assetId)) continue;
        usages.push({
          contentType,
          id: String(row.id),
          label: contentType.label(fields),
          published: row.status === DocumentStatus.PUBLISHED && row.deleted_at === null,
        });
      }
      const drafts: { document_id: string; snapshot: DocumentState }[] = await manager.query(
        `SELECT document_id, snapshot FROM revisions WHERE kind = 'DRAFT' AND document_type = $1 AND snapshot::text LIKE $2`,
        [contentType.type, pattern],
      );
      for (const draft of drafts) {
        if (usages.some((usage) => usage.id === draft.document_id)) continue;
        if (!imageUsesOf(contentType, draft.snapshot.fields).some((use) => use.assetId === assetId)) continue;
        usages.push({ contentType, id: draft.document_id, label: `${contentType.label(draft.snapshot.fields)} (pending draft)`, published: false });
      }
    }
    return usages;
  }

  /**
   * Takes the asset out of documents: image fields cleared (list entries dropped), its Markdown
   * images removed, in live rows and pending drafts. As when a trashed document is detached, the
   * documents keep their versions (a consequence of this change, not an edit to them); a live
   * page that changed gets a `document.published` event, so caches and webhooks hear of it.
   */
  private async detach(manager: EntityManager, changes: ChangedDocuments, actor: Actor, assetId: string, usages: AssetUsage[]): Promise<void> {
    for (const usage of usages) {
      const { contentType } = usage;
      const locked = await lockDocument(manager, contentType, usage.id, { allowTrashed: true });
      const writer = new DocumentWriter(manager, contentType, actor);
      const cleaned = withoutAsset(contentType, locked.row as unknown as Record<string, unknown>, assetId);
      if (Object.keys(cleaned).length > 0) {
        if (usage.published) await changes.before(manager, contentType, [usage.id]);
        await writer.updateRows([{ id: usage.id, fields: cleaned, version: locked.row.version }]);
        if (usage.published) {
          await writer.writeEvents('document.published', [
            { id: usage.id, payload: { version: locked.row.version, slug: locked.row.slug, detachedAsset: assetId } },
          ]);
        }
      }
      if (locked.draft) {
        const { snapshot } = locked.draft;
        const fields = withoutAsset(contentType, snapshot.fields, assetId);
        if (Object.keys(fields).length > 0) {
          await manager.query(`UPDATE revisions SET snapshot = $2 WHERE id = $1`, [
            locked.draft.id,
            JSON.stringify({ ...snapshot, fields: { ...snapshot.fields, ...fields } }),
          ]);
        }
      }
    }
  }

  /** The row's image and Markdown fields by property name (raw rows have snake_case columns). */
  private fieldsOfRow(contentType: ContentType, row: Record<string, unknown>): Record<string, unknown> {
    const fields: Record<string, unknown> = {};
    for (const field of contentType.fields) {
      const column = this.columnOf(contentType, field);
      if (column in row) fields[field] = row[column];
    }
    return fields;
  }

  private columnOf(contentType: ContentType, field: string): string {
    const metadata = this.dataSource.getMetadata(contentType.entity);
    const column = metadata.findColumnWithPropertyName(field);
    if (!column) throw new Error(`${contentType.name}.${field} is not a column`);
    return column.databaseName;
  }

  /** The publish check: every image a state uses exists and, unless decorative, has alt text (WCAG 1.1.1). */
  private async altTextProblems(manager: EntityManager, contentType: ContentType, state: DocumentState): Promise<PublishFinding[]> {
    const uses = imageUsesOf(contentType, state.fields);
    if (uses.length === 0) return [];
    const ids = [...new Set(uses.map((use) => use.assetId))];
    const rows = await manager.getRepository(Asset).createQueryBuilder('a').where('a.id = ANY(:ids)', { ids }).andWhere('a.deleted_at IS NULL').getMany();
    const assets = new Map(rows.map((row) => [row.id, row]));
    const findings: PublishFinding[] = [];
    const refuse = (code: string, path: string, message: string) => findings.push({ code, message: `${path} ${message}`, fields: [path], blocking: true });
    for (const use of uses) {
      const asset = assets.get(use.assetId);
      const named = asset?.filename ? `"${asset.filename}" (asset ${use.assetId})` : `asset ${use.assetId}`;
      if (!asset) refuse('IMAGE_MISSING', use.path, `uses ${named}, which is not in the media library (trashed or deleted)`);
      else if (!use.decorative && !asset.decorative && !use.alt && !asset.alt)
        refuse('IMAGE_ALT_TEXT_MISSING', use.path, `uses image ${named} without alt text: give it alt text, on the asset or here, or mark it decorative`);
    }
    return findings;
  }
}

/** The fields that change when an asset is taken out: image fields cleared (lists filtered), its Markdown images removed. */
function withoutAsset(contentType: ContentType, fields: Record<string, unknown>, assetId: string): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const field of contentType.images) {
    const value = fields[field];
    if (Array.isArray(value)) {
      const kept = (value as ImageRef[]).filter((ref) => ref?.assetId !== assetId);
      if (kept.length !== value.length) changed[field] = kept;
    } else if ((value as ImageRef | null)?.assetId === assetId) changed[field] = null;
  }
  for (const field of contentType.richText) {
    const markdown = fields[field];
    if (typeof markdown !== 'string') continue;
    const cleaned = markdown.replace(ASSET_IMAGE_PATTERN, (match, _alt: string, id: string) => (id.toLowerCase() === assetId ? '' : match));
    if (cleaned !== markdown) changed[field] = cleaned;
  }
  return changed;
}
