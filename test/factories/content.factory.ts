import { type DataSource, type DeepPartial, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { DocumentStatus, type DocumentType } from '../../src/content/documents/document-status';
import { SlugHistoryEntry } from '../../src/content/slugs/slug-history.entity';
import { slugify } from '../../src/common/slugify';
import { Condition } from '../../src/conditions/condition.entity';
import { Faq, FaqPlacement } from '../../src/faqs/faq.entity';
import { Location } from '../../src/locations/location.entity';
import { Practice } from '../../src/practice/practice.entity';
import { Provider, ProviderExternalId, ProviderLocation } from '../../src/providers/provider.entity';
import { RelatedTreatment, Treatment, TreatmentCondition, TreatmentLocation, TreatmentProvider } from '../../src/treatments/treatment.entity';

let sequence = 0;
const next = () => ++sequence;

/**
 * Builds content rows straight into the test database: published and live unless the overrides
 * say otherwise. Tests then read them back through the HTTP API.
 */
export class ContentFactory {
  private readonly source: () => DataSource;

  /** `dataSource` may be a function, for an app that starts later (`useTestApp`). */
  constructor(dataSource: DataSource | (() => DataSource)) {
    this.source = typeof dataSource === 'function' ? dataSource : () => dataSource;
  }

  private get dataSource(): DataSource {
    return this.source();
  }

  private async insert<T extends ObjectLiteral>(target: EntityTarget<T>, values: DeepPartial<NoInfer<T>>): Promise<T> {
    const repository = this.dataSource.getRepository(target);
    return repository.save(repository.create(values));
  }

  private published(overrides: { status?: DocumentStatus }) {
    const status = overrides.status ?? DocumentStatus.PUBLISHED;
    const now = new Date();
    return { status, publishedAt: status === DocumentStatus.PUBLISHED ? now : null, firstPublishedAt: status === DocumentStatus.PUBLISHED ? now : null };
  }

  treatment(overrides: DeepPartial<Treatment> = {}): Promise<Treatment> {
    const title = overrides.title ?? `Treatment ${next()}`;
    return this.insert(Treatment, {
      title,
      slug: slugify(title),
      summary: `${title} summary.`,
      body: `About ${title}.`,
      ...this.published(overrides as any),
      ...overrides,
    });
  }

  condition(overrides: DeepPartial<Condition> = {}): Promise<Condition> {
    const name = overrides.name ?? `Condition ${next()}`;
    return this.insert(Condition, { name, slug: slugify(name), summary: `${name} summary.`, ...this.published(overrides as any), ...overrides });
  }

  faq(overrides: DeepPartial<Faq> = {}): Promise<Faq> {
    const question = overrides.question ?? `Question ${next()}?`;
    return this.insert(Faq, { question, slug: slugify(question), answer: `Answer to ${question}`, ...this.published(overrides as any), ...overrides });
  }

  location(overrides: DeepPartial<Location> = {}): Promise<Location> {
    const name = overrides.name ?? `Office ${next()}`;
    return this.insert(Location, {
      name,
      slug: slugify(name),
      city: 'Lexington',
      state: 'KY',
      timezone: 'America/New_York',
      ...this.published(overrides as any),
      ...overrides,
    });
  }

  provider(overrides: DeepPartial<Provider> = {}): Promise<Provider> {
    const n = next();
    const firstName = overrides.firstName ?? `Pat${n}`;
    const lastName = overrides.lastName ?? `Doe${n}`;
    return this.insert(Provider, {
      firstName,
      lastName,
      slug: slugify(`${firstName} ${lastName}`),
      credentials: ['MD'],
      ...this.published(overrides as any),
      ...overrides,
    });
  }

  practice(overrides: DeepPartial<Practice> = {}): Promise<Practice> {
    const name = overrides.name ?? 'Test Practice';
    return this.insert(Practice, { name, slug: slugify(name), ...this.published(overrides as any), ...overrides });
  }

  async treatmentConditions(treatment: Treatment, conditions: Condition[]): Promise<void> {
    await this.dataSource
      .getRepository(TreatmentCondition)
      .save(conditions.map((condition, position) => ({ treatmentId: treatment.id, conditionId: condition.id, position })));
  }

  async treatmentProviders(treatment: Treatment, providers: Provider[]): Promise<void> {
    await this.dataSource
      .getRepository(TreatmentProvider)
      .save(providers.map((provider, position) => ({ treatmentId: treatment.id, providerId: provider.id, position })));
  }

  async treatmentLocations(treatment: Treatment, locations: Location[]): Promise<void> {
    await this.dataSource
      .getRepository(TreatmentLocation)
      .save(locations.map((location, position) => ({ treatmentId: treatment.id, locationId: location.id, position })));
  }

  async relatedTreatments(treatment: Treatment, related: Treatment[]): Promise<void> {
    await this.dataSource
      .getRepository(RelatedTreatment)
      .save(related.map((other, position) => ({ treatmentId: treatment.id, relatedTreatmentId: other.id, position })));
  }

  /** Places the FAQs on a page in the given order; positions are the array indexes unless given. */
  async placeFaqs(ownerType: DocumentType, ownerId: string, faqs: Faq[], positions?: number[]): Promise<void> {
    await this.dataSource
      .getRepository(FaqPlacement)
      .save(faqs.map((faq, index) => ({ faqId: faq.id, ownerType, ownerId, position: positions?.[index] ?? index })));
  }

  /** Links a provider to locations; the first is primary unless `primaryIndex` says otherwise. */
  async providerLocations(provider: Provider, locations: Location[], primaryIndex = 0): Promise<void> {
    await this.dataSource
      .getRepository(ProviderLocation)
      .save(locations.map((location, position) => ({ providerId: provider.id, locationId: location.id, isPrimary: position === primaryIndex, position })));
  }

  async externalId(provider: Provider, system: string, value: string): Promise<void> {
    await this.insert(ProviderExternalId, { providerId: provider.id, system, value });
  }

  /** Publishes an existing document (as the publish mutation would leave the row). */
  async publish<T extends ObjectLiteral>(target: EntityTarget<T>, id: string): Promise<void> {
    const now = new Date();
    await this.dataSource.getRepository(target).update(id, { status: DocumentStatus.PUBLISHED, publishedAt: now, firstPublishedAt: now } as any);
  }

  /** Moves a document to the trash, leaving its status as it was. */
  async trash<T extends ObjectLiteral>(target: EntityTarget<T>, id: string): Promise<void> {
    await this.dataSource.getRepository(target).update(id, { deletedAt: new Date() } as any);
  }

  /** Sets `updated_at`, which TypeORM otherwise stamps itself on every save (text keeps microseconds). */
  async setUpdatedAt<T extends ObjectLiteral>(target: EntityTarget<T>, id: string, updatedAt: Date | string): Promise<void> {
    const table = this.dataSource.getMetadata(target).tableName;
    await this.dataSource.query(`UPDATE "${table}" SET updated_at = $1 WHERE id = $2`, [updatedAt, id]);
  }

  /** Records `oldSlug` as a former slug of the document. */
  async formerSlug(documentType: DocumentType, documentId: string, oldSlug: string): Promise<void> {
    await this.insert(SlugHistoryEntry, { documentType, documentId, slug: oldSlug });
  }
}
