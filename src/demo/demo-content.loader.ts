import { type DataSource, type EntityManager, type EntityTarget, type FindOptionsWhere, Not, type ObjectLiteral } from 'typeorm';
import { type QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { type DocumentEntity } from '../content/documents/document.entity';
import { DocumentStatus, DocumentType } from '../content/documents/document-status';
import { Condition } from '../conditions/condition.entity';
import { Faq, FaqPlacement } from '../faqs/faq.entity';
import { Location } from '../locations/location.entity';
import { Practice } from '../practice/practice.entity';
import { Provider, ProviderLocation } from '../providers/provider.entity';
import { Treatment, TreatmentCondition, TreatmentLocation, TreatmentProvider } from '../treatments/treatment.entity';
import { AuditLogService } from '../audit/audit-log.service';
import { type Actor } from '../auth/actor';
import { DEMO_CONTENT, type DemoContent, type DemoFields, type DemoTreatment } from './demo-content';
import { addMonths, todayUtc } from '../medical-review/medical-review.descriptor';

/** Arbitrary, fixed, distinct from the migration lock: serializes demo loads of several instances. */
const DEMO_CONTENT_LOCK_KEY = 724_310_992;

export interface UpsertCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** What one `upsert()` did: documents (practice, offices, providers, conditions, FAQs, treatments) and relation rows. */
export interface DemoUpsertSummary {
  documents: UpsertCounts;
  links: UpsertCounts;
  /** Demo documents left as they are because someone edited them (`Treatment "intrathecal-therapy"`); their relations too. */
  skipped: string[];
}

/** Who the audit log names for the demo content's writes. */
const DEMO_CONTENT_ACTOR: Actor = { kind: 'SYSTEM', id: null, label: 'demo content (npm run seed / first start)', permissions: [] };

/**
 * Loads the demo practice (see demo-content.ts). Documents are matched by slug and relation rows
 * by their keys; each is inserted, updated where it differs from the demo, or left alone, all in
 * one transaction, so running it again changes nothing. A document someone has edited (an editor,
 * a sync: its `updated_by` is set, or it has a pending draft) is never overwritten: it and its
 * relations are skipped and reported. Every document written gets an audit entry.
 */
export class DemoContentLoader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly content: DemoContent = DEMO_CONTENT,
  ) {}

  /** Loads the demo content only into a database that has no practice yet; true when it did. */
  loadIfEmpty(): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await lockDemoContent(manager);
      // Checked under the lock: two instances starting together on one empty database load once.
      if ((await manager.count(Practice)) > 0) return false;
      await new DemoUpsert(manager, this.content).run();
      return true;
    });
  }

  /** Inserts or updates every demo document and relation (the seed script). */
  upsert(): Promise<DemoUpsertSummary> {
    return this.dataSource.transaction(async (manager) => {
      await lockDemoContent(manager);
      return new DemoUpsert(manager, this.content).run();
    });
  }
}

async function lockDemoContent(manager: EntityManager): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock($1)', [DEMO_CONTENT_LOCK_KEY]);
}

/** One run of the upsert inside a transaction: `manager` is the only way it touches the database. */
class DemoUpsert {
  private readonly now = new Date();
  private readonly summary: DemoUpsertSummary = {
    documents: { created: 0, updated: 0, unchanged: 0 },
    links: { created: 0, updated: 0, unchanged: 0 },
    skipped: [],
  };
  private readonly audit = new AuditLogService();

  constructor(
    private readonly manager: EntityManager,
    private readonly content: DemoContent,
  ) {}

  async run(): Promise<DemoUpsertSummary> {
    await this.refuseAnotherPractice();
    await this.document(Practice, DocumentType.PRACTICE, this.content.practice);

    const locationIds = await this.documents(Location, DocumentType.LOCATION, this.content.locations);
    const providerIds = new Map<string, string>();
    for (const provider of this.content.providers) {
      const { document, edited } = await this.document(Provider, DocumentType.PROVIDER, provider.fields);
      const id = document.id;
      providerIds.set(provider.fields.slug, id);
      if (edited) continue;
      const primaryId = idOf(locationIds, provider.primaryLocation, 'location');
      await this.demoteOtherPrimaryLocations(id, primaryId);
      await this.links(
        ProviderLocation,
        ['providerId', 'locationId'],
        provider.locations.map((slug, position) => {
          const locationId = idOf(locationIds, slug, 'location');
          return { providerId: id, locationId, isPrimary: locationId === primaryId, position };
        }),
      );
    }

    const conditionIds = await this.documents(Condition, DocumentType.CONDITION, this.content.conditions);
    const faqIds = await this.documents(Faq, DocumentType.FAQ, this.content.faqs);
    for (const treatment of this.content.treatments) {
      const { document, edited } = await this.document(Treatment, DocumentType.TREATMENT, await this.withReview(treatment, providerIds));
      if (edited) continue;
      const treatmentId = document.id;
      await this.links(
        TreatmentCondition,
        ['treatmentId', 'conditionId'],
        treatment.conditions.map((slug, position) => ({ treatmentId, conditionId: idOf(conditionIds, slug, 'condition'), position })),
      );
      await this.links(
        TreatmentProvider,
        ['treatmentId', 'providerId'],
        treatment.providers.map((slug, position) => ({ treatmentId, providerId: idOf(providerIds, slug, 'provider'), position })),
      );
      await this.links(
        TreatmentLocation,
        ['treatmentId', 'locationId'],
        treatment.locations.map((slug, position) => ({ treatmentId, locationId: idOf(locationIds, slug, 'location'), position })),
      );
      await this.links(
        FaqPlacement,
        ['faqId', 'ownerType', 'ownerId'],
        treatment.faqs.map((slug, position) => ({ faqId: idOf(faqIds, slug, 'FAQ'), ownerType: DocumentType.TREATMENT, ownerId: treatmentId, position })),
      );
    }
    return this.summary;
  }

  /**
   * The treatment's fields with its medical review: by the demo's reviewer, dated the day the seed
   * first ran and due a year later. A later run keeps that date (the review happened once).
   */
  private async withReview(treatment: DemoTreatment, providerIds: Map<string, string>): Promise<DemoFields<Treatment>> {
    if (!treatment.reviewedBy) return treatment.fields;
    const reviewedById = idOf(providerIds, treatment.reviewedBy, 'provider');
    const existing = await this.manager.getRepository(Treatment).findOneBy({ slug: treatment.fields.slug });
    const reviewedAt = existing?.reviewedById === reviewedById && existing.reviewedAt ? existing.reviewedAt : todayUtc(this.now);
    const nextReviewDue = existing?.reviewedById === reviewedById && existing.nextReviewDue ? existing.nextReviewDue : addMonths(reviewedAt, 12);
    return { ...treatment.fields, reviewedById, reviewedAt, nextReviewDue };
  }

  /** The practice is a singleton: demo content never goes next to (or over) another practice. */
  private async refuseAnotherPractice(): Promise<void> {
    const other = await this.manager.findOneBy(Practice, { slug: Not(this.content.practice.slug) });
    if (other) {
      throw new Error(
        `The database already holds the practice "${other.name}" (slug "${other.slug}"); the demo practice is only loaded into a database of its own.`,
      );
    }
  }

  private async documents<T extends DocumentEntity>(target: EntityTarget<T>, type: DocumentType, items: DemoFields<T>[]): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (const fields of items) ids.set(fields.slug, (await this.document(target, type, fields)).document.id);
    return ids;
  }

  /**
   * Inserts the document published, or brings the existing one with that slug back to the demo
   * fields, published and out of the trash. Only a real change writes (and bumps `version`, so an
   * editor holding the old version gets a conflict instead of overwriting it).
   */
  private async document<T extends DocumentEntity>(
    target: EntityTarget<T>,
    type: DocumentType,
    fields: DemoFields<T>,
  ): Promise<{ document: T; edited: boolean }> {
    const repository = this.manager.getRepository(target);
    const existing = await repository.findOneBy({ slug: fields.slug } as FindOptionsWhere<T>);
    if (!existing) {
      const created = repository.create({ ...fields, status: DocumentStatus.PUBLISHED, publishedAt: this.now, firstPublishedAt: this.now } as T);
      await repository.insert(created as QueryDeepPartialEntity<T>);
      this.summary.documents.created += 1;
      await this.audit.record(this.manager, DEMO_CONTENT_ACTOR, {
        action: 'seedCreate',
        documentType: type,
        documentId: created.id,
        after: { slug: created.slug },
      });
      return { document: created, edited: false };
    }
    if (await this.editedBySomeone(existing)) {
      this.summary.skipped.push(`${typeLabel(type)} "${existing.slug}"`);
      return { document: existing, edited: true };
    }
    const changes: Record<string, unknown> = differences(existing, fields);
    const live = existing.status === DocumentStatus.PUBLISHED && existing.deletedAt === null;
    if (live && Object.keys(changes).length === 0) {
      this.summary.documents.unchanged += 1;
      return { document: existing, edited: false };
    }
    Object.assign(changes, {
      status: DocumentStatus.PUBLISHED,
      deletedAt: null,
      publishedAt: this.now,
      firstPublishedAt: existing.firstPublishedAt ?? this.now,
      version: existing.version + 1,
    });
    await repository.update({ id: existing.id } as FindOptionsWhere<T>, changes as QueryDeepPartialEntity<T>);
    this.summary.documents.updated += 1;
    await this.audit.record(this.manager, DEMO_CONTENT_ACTOR, {
      action: 'seedUpdate',
      documentType: type,
      documentId: existing.id,
      after: { slug: existing.slug, fields: Object.keys(changes).filter((key) => key in fields) },
    });
    return { document: Object.assign(existing, changes), edited: false };
  }

  /** Written by anyone but the demo content (editors and syncs set `updated_by`), or with a pending draft. */
  private async editedBySomeone(document: DocumentEntity): Promise<boolean> {
    if (document.updatedBy !== null) return true;
    const drafts: unknown[] = await this.manager.query(`SELECT 1 FROM revisions WHERE document_id = $1 AND kind = 'DRAFT' LIMIT 1`, [document.id]);
    return drafts.length > 0;
  }

  /**
   * Makes each wanted relation row exist with the wanted position (and flags). Rows an editor
   * added beside the demo ones are kept: the demo adds content, it does not prune.
   */
  private async links<T extends ObjectLiteral>(target: EntityTarget<T>, keyColumns: (keyof T & string)[], rows: T[]): Promise<void> {
    const repository = this.manager.getRepository(target);
    for (const row of rows) {
      const key = Object.fromEntries(keyColumns.map((column) => [column, row[column]])) as FindOptionsWhere<T>;
      const existing = await repository.findOneBy(key);
      if (!existing) {
        await repository.insert(row as QueryDeepPartialEntity<T>);
        this.summary.links.created += 1;
        continue;
      }
      const changes = differences(existing, row);
      if (Object.keys(changes).length === 0) {
        this.summary.links.unchanged += 1;
        continue;
      }
      await repository.update(key, changes as QueryDeepPartialEntity<T>);
      this.summary.links.updated += 1;
    }
  }

  /** At most one primary office per provider (a unique index): clear a different one first. */
  private async demoteOtherPrimaryLocations(providerId: string, primaryLocationId: string): Promise<void> {
    const result = await this.manager.update(ProviderLocation, { providerId, isPrimary: true, locationId: Not(primaryLocationId) }, { isPrimary: false });
    this.summary.links.updated += result.affected ?? 0;
  }
}

function typeLabel(type: DocumentType): string {
  return type.charAt(0) + type.slice(1).toLowerCase();
}

function idOf(ids: Map<string, string>, slug: string, kind: string): string {
  const id = ids.get(slug);
  if (!id) throw new Error(`Demo content refers to the ${kind} "${slug}", which it does not define`);
  return id;
}

/** The wanted fields whose stored value differs. */
function differences(stored: object, wanted: object): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(wanted)) {
    if (!sameValue((stored as Record<string, unknown>)[key], value)) changes[key] = value;
  }
  return changes;
}

/** Deep equality for column values: arrays in order, JSON objects regardless of key order (jsonb reorders keys). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
  }
  return false;
}
