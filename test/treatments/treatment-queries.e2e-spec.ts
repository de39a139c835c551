import { DocumentStatus, DocumentType } from '../../src/content/documents/document-status';
import { Condition } from '../../src/conditions/condition.entity';
import { Faq } from '../../src/faqs/faq.entity';
import { Location } from '../../src/locations/location.entity';
import { Provider } from '../../src/providers/provider.entity';
import { Treatment } from '../../src/treatments/treatment.entity';
import { dataOf, expectBadUserInput } from '../common/expectations';
import { useTestApp } from '../support/use-test-app';
import { TreatmentByIdDocument, TreatmentBySlugDocument, TreatmentPageDocument } from '../operations/generated';

describe('treatment queries', () => {
  const app = useTestApp();
  const factory = app.content;
  const titlesOf = (connection: { edges: { node: { title: string } }[] }) => connection.edges.map((edge) => edge.node.title);

  describe('one treatment', () => {
    it('returns a published treatment by slug with its conditions and FAQs in order', async () => {
      const treatment = await factory.treatment({ title: 'Intrathecal Therapy' });
      const [backPain, neckPain] = [await factory.condition({ name: 'Back Pain' }), await factory.condition({ name: 'Neck Pain' })];
      await factory.treatmentConditions(treatment, [neckPain, backPain]);
      const [first, second] = [await factory.faq({ question: 'What is it?' }), await factory.faq({ question: 'How does it work?' })];
      await factory.placeFaqs(DocumentType.TREATMENT, treatment.id, [second, first], [1, 0]);

      const response = await app.graphql(TreatmentPageDocument, { slug: 'intrathecal-therapy' });

      expect(dataOf(response).treatment).toEqual({
        id: treatment.id,
        title: 'Intrathecal Therapy',
        conditions: [{ name: 'Neck Pain' }, { name: 'Back Pain' }],
        faqs: [{ question: 'What is it?' }, { question: 'How does it work?' }],
      });
    });

    it('returns a published treatment by id', async () => {
      const treatment = await factory.treatment({ title: 'Epidural Steroid Injection' });
      const response = await app.graphql(TreatmentByIdDocument, { id: treatment.id });
      expect(dataOf(response).treatment).toEqual({ id: treatment.id, slug: 'epidural-steroid-injection', title: 'Epidural Steroid Injection' });
    });

    it('answers a former slug with the document and its canonical slug', async () => {
      const treatment = await factory.treatment({ title: 'Spinal Cord Stimulation' });
      await factory.formerSlug(DocumentType.TREATMENT, treatment.id, 'scs-therapy');
      const response = await app.graphql(TreatmentBySlugDocument, { slug: 'scs-therapy' });
      expect(dataOf(response).treatment).toEqual({ id: treatment.id, slug: 'spinal-cord-stimulation' });
    });

    it('prefers the document whose current slug matches over one that used to have it', async () => {
      const renamed = await factory.treatment({ title: 'Nerve Block Old' });
      await factory.formerSlug(DocumentType.TREATMENT, renamed.id, 'nerve-block');
      const current = await factory.treatment({ title: 'Nerve Block' });
      const response = await app.graphql(`{ treatment(slug: "nerve-block") { id } }`);
      expect(dataOf(response).treatment).toEqual({ id: current.id });
    });

    it('returns null for a slug nobody has', async () => {
      const response = await app.graphql(`{ treatment(slug: "no-such-treatment") { id } }`);
      expect(dataOf(response).treatment).toBeNull();
    });

    it('rejects a lookup with both id and slug as BAD_USER_INPUT', async () => {
      const treatment = await factory.treatment();
      const response = await app.graphql(`query ($id: ID!, $slug: String!) { treatment(id: $id, slug: $slug) { id } }`, {
        id: treatment.id,
        slug: treatment.slug,
      });
      expectBadUserInput(response);
      expect(response.data?.treatment ?? null).toBeNull();
    });

    it('rejects a lookup with neither id nor slug as BAD_USER_INPUT', async () => {
      expectBadUserInput(await app.graphql(`{ treatment { id } }`));
    });
  });

  describe('list filters', () => {
    let withEverything: Treatment;
    let implant: Treatment;

    beforeAll(async () => {
      const condition = await factory.condition({ name: 'Filter Sciatica' });
      const provider = await factory.provider({ firstName: 'Filter', lastName: 'Provider' });
      const location = await factory.location({ name: 'Filter Office' });
      withEverything = await factory.treatment({
        title: 'Filter Facet Injection',
        category: 'Filter Injections',
        summary: 'Numbs the facet joints.',
        body: 'A quick office procedure.',
      });
      implant = await factory.treatment({
        title: 'Filter Pump Implant',
        category: 'Filter Implanted Devices',
        summary: 'A pump under the skin.',
        body: 'Delivers morphine continuously into the spinal fluid.',
      });
      await factory.treatment({
        title: 'Filter Physical Therapy',
        category: 'Filter Rehabilitation',
        summary: 'Exercises.',
        body: 'Stretching and strengthening.',
      });
      await factory.treatmentConditions(withEverything, [condition]);
      await factory.treatmentProviders(withEverything, [provider]);
      await factory.treatmentLocations(withEverything, [location]);
    });

    const list = async (filter: string) => dataOf(await app.graphql(`{ treatments(filter: ${filter}) { totalCount edges { node { title } } } }`)).treatments;

    it('filters by condition slug', async () => {
      expect(titlesOf(await list('{ condition: "filter-sciatica" }'))).toEqual([withEverything.title]);
    });

    it('filters by provider slug', async () => {
      expect(titlesOf(await list('{ provider: "filter-provider" }'))).toEqual([withEverything.title]);
    });

    it('filters by location slug', async () => {
      expect(titlesOf(await list('{ location: "filter-office" }'))).toEqual([withEverything.title]);
    });

    it('filters by category regardless of case', async () => {
      expect(titlesOf(await list('{ category: "FILTER implanted DEVICES" }'))).toEqual([implant.title]);
    });

    it('finds words in the title, the summary and the body', async () => {
      expect(titlesOf(await list('{ text: "Facet Injection" }'))).toEqual([withEverything.title]);
      expect(titlesOf(await list('{ text: "skin" }'))).toEqual([implant.title]);
      expect(titlesOf(await list('{ text: "morphine" }'))).toEqual([implant.title]);
      expect(titlesOf(await list('{ text: "stretching" }'))).toEqual(['Filter Physical Therapy']);
    });

    it('combines filters: every criterion must hold', async () => {
      const result = await list('{ condition: "filter-sciatica", category: "Filter Implanted Devices" }');
      expect(result.totalCount).toBe(0);
    });

    it('refuses a slug no document has, naming the filter (test/content/slug-filters.e2e-spec.ts has the rest)', async () => {
      const response = await app.graphql('{ treatments(filter: { condition: "no-such-condition" }) { totalCount } }');
      expect(response.errors?.[0].extensions.fields).toEqual([{ path: 'filter.condition', message: 'no Condition has the slug "no-such-condition"' }]);
    });
  });

  describe('order', () => {
    beforeAll(async () => {
      // Titles sort case-insensitively: alpha, Beta, delta, Gamma.
      const rows: [string, string, string][] = [
        ['Beta', '2024-01-03T00:00:00Z', '2024-02-01T00:00:00Z'],
        ['alpha', '2024-01-02T00:00:00Z', '2024-02-04T00:00:00Z'],
        ['Gamma', '2024-01-04T00:00:00Z', '2024-02-02T00:00:00Z'],
        ['delta', '2024-01-01T00:00:00Z', '2024-02-03T00:00:00Z'],
      ];
      for (const [title, publishedAt, updatedAt] of rows) {
        const treatment = await factory.treatment({ title, slug: `order-${title.toLowerCase()}`, category: 'order-test', publishedAt: new Date(publishedAt) });
        await factory.setUpdatedAt(Treatment, treatment.id, new Date(updatedAt));
      }
    });

    const ordered = async (orderBy?: string) =>
      titlesOf(
        dataOf(await app.graphql(`{ treatments(filter: { category: "order-test" }${orderBy ? `, orderBy: ${orderBy}` : ''}) { edges { node { title } } } }`))
          .treatments,
      );

    it('sorts by title A to Z by default, ignoring case', async () => {
      expect(await ordered()).toEqual(['alpha', 'Beta', 'delta', 'Gamma']);
    });

    it.each([
      ['TITLE', 'ASC', ['alpha', 'Beta', 'delta', 'Gamma']],
      ['TITLE', 'DESC', ['Gamma', 'delta', 'Beta', 'alpha']],
      ['PUBLISHED_AT', 'ASC', ['delta', 'alpha', 'Beta', 'Gamma']],
      ['PUBLISHED_AT', 'DESC', ['Gamma', 'Beta', 'alpha', 'delta']],
      ['UPDATED_AT', 'ASC', ['Beta', 'Gamma', 'delta', 'alpha']],
      ['UPDATED_AT', 'DESC', ['alpha', 'delta', 'Gamma', 'Beta']],
    ])('sorts by %s %s', async (field, direction, expected) => {
      expect(await ordered(`{ field: ${field}, direction: ${direction} }`)).toEqual(expected);
    });
  });

  describe('related content', () => {
    it('returns conditions, FAQs, providers with their locations, locations and related treatments in their order', async () => {
      const treatment = await factory.treatment({ title: 'Radiofrequency Ablation' });
      const conditions = [await factory.condition({ name: 'Zeta Arthritis' }), await factory.condition({ name: 'Alpha Facet Pain' })];
      await factory.treatmentConditions(treatment, conditions);
      const faqs = [await factory.faq({ question: 'Zeta: does it hurt?' }), await factory.faq({ question: 'Alpha: how long does it last?' })];
      await factory.placeFaqs(DocumentType.TREATMENT, treatment.id, faqs);
      const [lexington, danville, maysville] = [
        await factory.location({ name: 'Rfa Lexington' }),
        await factory.location({ name: 'Rfa Danville' }),
        await factory.location({ name: 'Rfa Maysville' }),
      ];
      const bux = await factory.provider({ firstName: 'Anjum', lastName: 'Bux', slug: 'rfa-anjum-bux' });
      const adams = await factory.provider({ firstName: 'Amy', lastName: 'Adams', credentials: ['PA-C'], slug: 'rfa-amy-adams' });
      await factory.providerLocations(bux, [lexington, danville, maysville], 2);
      await factory.providerLocations(adams, [danville]);
      await factory.treatmentProviders(treatment, [bux, adams]);
      await factory.treatmentLocations(treatment, [maysville, lexington]);
      const related = [await factory.treatment({ title: 'Zeta Related' }), await factory.treatment({ title: 'Alpha Related' })];
      await factory.relatedTreatments(treatment, related);

      const response = await app.graphql(`{
        treatment(slug: "radiofrequency-ablation") {
          conditions { name }
          faqs { question }
          providers { displayName locations { name } primaryLocation { name } }
          locations { name }
          relatedTreatments { title }
        }
      }`);

      expect(dataOf(response).treatment).toEqual({
        conditions: [{ name: 'Zeta Arthritis' }, { name: 'Alpha Facet Pain' }],
        faqs: [{ question: 'Zeta: does it hurt?' }, { question: 'Alpha: how long does it last?' }],
        providers: [
          {
            displayName: 'Anjum Bux, MD',
            locations: [{ name: 'Rfa Maysville' }, { name: 'Rfa Lexington' }, { name: 'Rfa Danville' }],
            primaryLocation: { name: 'Rfa Maysville' },
          },
          { displayName: 'Amy Adams, PA-C', locations: [{ name: 'Rfa Danville' }], primaryLocation: { name: 'Rfa Danville' } },
        ],
        locations: [{ name: 'Rfa Maysville' }, { name: 'Rfa Lexington' }],
        relatedTreatments: [{ title: 'Zeta Related' }, { title: 'Alpha Related' }],
      });
    });

    it('lists only active providers on a treatment page, and filters by provider agree', async () => {
      const treatment = await factory.treatment({ title: 'Active Providers Only' });
      const active = await factory.provider({ firstName: 'Still', lastName: 'Here' });
      const departed = await factory.provider({ firstName: 'Moved', lastName: 'Away', active: false });
      await factory.treatmentProviders(treatment, [departed, active]);
      const response = await app.graphql(`{
        treatment(slug: "active-providers-only") { providers { lastName } }
        byDeparted: treatments(filter: { provider: "${departed.slug}" }) { totalCount }
        byActive: treatments(filter: { provider: "${active.slug}" }) { totalCount }
      }`);
      expect(dataOf(response)).toEqual({ treatment: { providers: [{ lastName: 'Here' }] }, byDeparted: { totalCount: 0 }, byActive: { totalCount: 1 } });
    });
  });

  describe('drafts and trash', () => {
    it('never shows a draft treatment to the public', async () => {
      const draft = await factory.treatment({ title: 'Secret Draft', status: DocumentStatus.DRAFT });
      await factory.formerSlug(DocumentType.TREATMENT, draft.id, 'old-secret-draft');
      const response = await app.graphql(
        `query ($id: ID!) {
          bySlug: treatment(slug: "secret-draft") { title }
          byId: treatment(id: $id) { title }
          byFormerSlug: treatment(slug: "old-secret-draft") { title }
          treatments(filter: { text: "Secret" }) { totalCount edges { node { title } } }
          all: treatments(first: 100) { edges { node { id } } }
        }`,
        { id: draft.id },
      );
      const data = dataOf(response);
      expect(data).toMatchObject({ bySlug: null, byId: null, byFormerSlug: null, treatments: { totalCount: 0, edges: [] } });
      expect(data.all.edges.map((edge: { node: { id: string } }) => edge.node.id)).not.toContain(draft.id);
    });

    it('never shows a trashed treatment, even a published one', async () => {
      const trashed = await factory.treatment({ title: 'Trashed Treatment', deletedAt: new Date() });
      const response = await app.graphql(
        `query ($id: ID!) {
          bySlug: treatment(slug: "trashed-treatment") { title }
          byId: treatment(id: $id) { title }
          treatments(filter: { text: "Trashed" }) { totalCount }
          all: treatments(first: 100) { edges { node { id } } }
        }`,
        { id: trashed.id },
      );
      const data = dataOf(response);
      expect(data).toMatchObject({ bySlug: null, byId: null, treatments: { totalCount: 0 } });
      expect(data.all.edges.map((edge: { node: { id: string } }) => edge.node.id)).not.toContain(trashed.id);
    });

    it('hides draft and trashed related documents of a published treatment, and filters never match through them', async () => {
      const treatment = await factory.treatment({ title: 'Visible Parent' });
      const liveCondition = await factory.condition({ name: 'Live Condition' });
      const draftCondition = await factory.condition({ name: 'Draft Condition', status: DocumentStatus.DRAFT });
      const trashedCondition = await factory.condition({ name: 'Trashed Condition', deletedAt: new Date() });
      await factory.treatmentConditions(treatment, [draftCondition, liveCondition, trashedCondition]);
      const liveFaq = await factory.faq({ question: 'Live question?' });
      const draftFaq = await factory.faq({ question: 'Draft question?', status: DocumentStatus.DRAFT });
      const trashedFaq = await factory.faq({ question: 'Trashed question?', deletedAt: new Date() });
      await factory.placeFaqs(DocumentType.TREATMENT, treatment.id, [draftFaq, trashedFaq, liveFaq]);
      const draftLocation = await factory.location({ name: 'Draft Office', status: DocumentStatus.DRAFT });
      const trashedLocation = await factory.location({ name: 'Trashed Office', deletedAt: new Date() });
      const liveLocation = await factory.location({ name: 'Live Office' });
      await factory.treatmentLocations(treatment, [draftLocation, trashedLocation, liveLocation]);
      const liveProvider = await factory.provider({ firstName: 'Live', lastName: 'Provider' });
      const draftProvider = await factory.provider({ firstName: 'Draft', lastName: 'Provider', status: DocumentStatus.DRAFT });
      const trashedProvider = await factory.provider({ firstName: 'Trashed', lastName: 'Provider', deletedAt: new Date() });
      await factory.providerLocations(liveProvider, [draftLocation, liveLocation]);
      await factory.treatmentProviders(treatment, [draftProvider, trashedProvider, liveProvider]);
      const draftRelated = await factory.treatment({ title: 'Draft Related', status: DocumentStatus.DRAFT });
      const trashedRelated = await factory.treatment({ title: 'Trashed Related', deletedAt: new Date() });
      await factory.relatedTreatments(treatment, [draftRelated, trashedRelated]);

      const page = await app.graphql(`{
        treatment(slug: "visible-parent") {
          conditions { name }
          faqs { question }
          locations { name }
          providers { lastName firstName locations { name } primaryLocation { name } }
          relatedTreatments { title }
        }
      }`);
      expect(dataOf(page).treatment).toEqual({
        conditions: [{ name: 'Live Condition' }],
        faqs: [{ question: 'Live question?' }],
        locations: [{ name: 'Live Office' }],
        providers: [{ firstName: 'Live', lastName: 'Provider', locations: [{ name: 'Live Office' }], primaryLocation: null }],
        relatedTreatments: [],
      });

      const filters = await app.graphql(`{
        byDraftCondition: treatments(filter: { condition: "${draftCondition.slug}" }) { totalCount }
        byTrashedCondition: treatments(filter: { condition: "${trashedCondition.slug}" }) { totalCount }
        byDraftProvider: treatments(filter: { provider: "${draftProvider.slug}" }) { totalCount }
        byTrashedProvider: treatments(filter: { provider: "${trashedProvider.slug}" }) { totalCount }
        byDraftLocation: treatments(filter: { location: "${draftLocation.slug}" }) { totalCount }
        byTrashedLocation: treatments(filter: { location: "${trashedLocation.slug}" }) { totalCount }
        byLiveCondition: treatments(filter: { condition: "${liveCondition.slug}" }) { totalCount }
      }`);
      expect(dataOf(filters)).toEqual({
        byDraftCondition: { totalCount: 0 },
        byTrashedCondition: { totalCount: 0 },
        byDraftProvider: { totalCount: 0 },
        byTrashedProvider: { totalCount: 0 },
        byDraftLocation: { totalCount: 0 },
        byTrashedLocation: { totalCount: 0 },
        byLiveCondition: { totalCount: 1 },
      });
    });

    it('shows a related draft once it is published, in its place', async () => {
      const treatment = await factory.treatment({ title: 'Waiting Parent' });
      const first = await factory.condition({ name: 'Waiting First', status: DocumentStatus.DRAFT });
      const second = await factory.condition({ name: 'Waiting Second' });
      await factory.treatmentConditions(treatment, [first, second]);
      const faq = await factory.faq({ question: 'Waiting question?', status: DocumentStatus.DRAFT });
      await factory.placeFaqs(DocumentType.TREATMENT, treatment.id, [faq]);
      const provider = await factory.provider({ firstName: 'Waiting', lastName: 'Doctor', status: DocumentStatus.DRAFT });
      await factory.treatmentProviders(treatment, [provider]);
      const location = await factory.location({ name: 'Waiting Office', status: DocumentStatus.DRAFT });
      await factory.treatmentLocations(treatment, [location]);
      const related = await factory.treatment({ title: 'Waiting Related', status: DocumentStatus.DRAFT });
      await factory.relatedTreatments(treatment, [related]);
      const query = `{ treatment(slug: "waiting-parent") { conditions { name } faqs { question } providers { lastName } locations { name } relatedTreatments { title } } }
        `;

      expect(dataOf(await app.graphql(query)).treatment).toEqual({
        conditions: [{ name: 'Waiting Second' }],
        faqs: [],
        providers: [],
        locations: [],
        relatedTreatments: [],
      });

      await factory.publish(Condition, first.id);
      await factory.publish(Faq, faq.id);
      await factory.publish(Provider, provider.id);
      await factory.publish(Location, location.id);
      await factory.publish(Treatment, related.id);

      expect(dataOf(await app.graphql(query)).treatment).toEqual({
        conditions: [{ name: 'Waiting First' }, { name: 'Waiting Second' }],
        faqs: [{ question: 'Waiting question?' }],
        providers: [{ lastName: 'Doctor' }],
        locations: [{ name: 'Waiting Office' }],
        relatedTreatments: [{ title: 'Waiting Related' }],
      });

      const filtered = await app.graphql(`{ treatments(filter: { condition: "waiting-first" }) { edges { node { title } } } }`);
      expect(titlesOf(dataOf(filtered).treatments)).toEqual(['Waiting Parent']);
    });
  });
});
