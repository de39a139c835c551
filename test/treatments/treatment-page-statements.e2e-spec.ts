import { DocumentType } from '../../src/content/documents/document-status';
import { type Location } from '../../src/locations/location.entity';
import { type Treatment } from '../../src/treatments/treatment.entity';
import { dataOf } from '../common/expectations';
import { useTestApp } from '../support/use-test-app';

const PAGE_QUERY = `query ($slug: String!) {
  treatment(slug: $slug) {
    title
    body { html }
    conditions { name slug }
    faqs { question answer { html } }
    providers { displayName specialties { name } primaryLocation { name } locations { name phone { display } } }
    locations { name address { city } }
  }
}`;

const LIST_QUERY = `query ($category: String!) {
  treatments(first: 50, filter: { category: $category }) {
    totalCount
    edges { node { title conditions { name } faqs { question } providers { locations { name } } } }
  }
}`;

/** The most statements a public page may run, whatever the number of items it shows. */
const PAGE_CEILING = 4;

describe('statements per request', () => {
  const app = useTestApp();
  const factory = app.content;
  /** A published treatment with `count` conditions, FAQs, providers (each at two offices) and offices. */
  const treatmentWith = async (title: string, count: number, shared?: Location[]): Promise<Treatment> => {
    const treatment = await factory.treatment({ title, category: title });
    const conditions = [];
    const faqs = [];
    const providers = [];
    const locations = [];
    for (let index = 0; index < count; index += 1) {
      conditions.push(await factory.condition({ name: `${title} condition ${index}` }));
      faqs.push(await factory.faq({ question: `${title} question ${index}?` }));
      locations.push(await factory.location({ name: `${title} office ${index}`, phone: '+18595550100' }));
      providers.push(
        await factory.provider({
          firstName: `${title}`,
          lastName: `Provider ${index}`,
          slug: `${title}-provider-${index}`.toLowerCase().replace(/\s+/g, '-'),
          specialties: ['208VP0014X'],
        }),
      );
    }
    await factory.treatmentConditions(treatment, conditions);
    await factory.placeFaqs(DocumentType.TREATMENT, treatment.id, faqs);
    await factory.treatmentLocations(treatment, locations);
    await factory.treatmentProviders(treatment, providers);
    for (const [index, provider] of providers.entries()) {
      await factory.providerLocations(
        provider,
        [locations[index], ...(shared ?? [locations[(index + 1) % locations.length]])].filter((location, position, all) => all.indexOf(location) === position),
      );
    }
    return treatment;
  };

  it('runs as many statements for a treatment page with 50 related items of each kind as with 1', async () => {
    const small = await treatmentWith('Small Page', 1);
    const large = await treatmentWith('Large Page', 50);

    const smallResponse = await app.graphql(PAGE_QUERY, { slug: small.slug });
    const largeResponse = await app.graphql(PAGE_QUERY, { slug: large.slug });

    const smallPage = dataOf(smallResponse).treatment;
    const largePage = dataOf(largeResponse).treatment;
    expect(smallPage.conditions).toHaveLength(1);
    expect(smallPage.providers[0].locations).toHaveLength(1);
    expect(largePage.conditions).toHaveLength(50);
    expect(largePage.faqs).toHaveLength(50);
    expect(largePage.locations).toHaveLength(50);
    expect(largePage.providers).toHaveLength(50);
    expect(largePage.providers.every((provider: { locations: unknown[] }) => provider.locations.length === 2)).toBe(true);
    expect(Number.isInteger(smallResponse.sqlStatements)).toBe(true);
    expect(smallResponse.sqlStatements).toBeGreaterThan(0);
    expect(smallResponse.sqlStatements).toBeLessThanOrEqual(PAGE_CEILING);
    expect(largeResponse.sqlStatements).toBe(smallResponse.sqlStatements);
  });

  it('runs as many statements for a list of 50 treatments with their relations as for 2', async () => {
    const offices = [await factory.location({ name: 'List Office A' }), await factory.location({ name: 'List Office B' })];
    const conditions = [await factory.condition({ name: 'List Condition A' }), await factory.condition({ name: 'List Condition B' })];
    const faqs = [await factory.faq({ question: 'List question A?' }), await factory.faq({ question: 'List question B?' })];
    const providers = [
      await factory.provider({ firstName: 'List', lastName: 'Doctor A' }),
      await factory.provider({ firstName: 'List', lastName: 'Doctor B' }),
    ];
    for (const provider of providers) await factory.providerLocations(provider, offices);
    const addTreatments = async (category: string, count: number) => {
      for (let index = 0; index < count; index += 1) {
        const treatment = await factory.treatment({ title: `${category} ${index}`, category });
        await factory.treatmentConditions(treatment, conditions);
        await factory.placeFaqs(DocumentType.TREATMENT, treatment.id, faqs);
        await factory.treatmentProviders(treatment, providers);
      }
    };
    await addTreatments('list-two', 2);
    await addTreatments('list-fifty', 50);

    const two = await app.graphql(LIST_QUERY, { category: 'list-two' });
    const fifty = await app.graphql(LIST_QUERY, { category: 'list-fifty' });

    expect(dataOf(two).treatments.edges).toHaveLength(2);
    const edges = dataOf(fifty).treatments.edges;
    expect(edges).toHaveLength(50);
    for (const { node } of edges) {
      expect(node.conditions).toHaveLength(2);
      expect(node.faqs).toHaveLength(2);
      expect(node.providers.map((provider: { locations: unknown[] }) => provider.locations.length)).toEqual([2, 2]);
    }
    expect(two.sqlStatements).toBeGreaterThan(0);
    expect(two.sqlStatements).toBeLessThanOrEqual(PAGE_CEILING);
    expect(fifty.sqlStatements).toBe(two.sqlStatements);
  });

  it('serves the other pages of a practice site within the ceiling', async () => {
    const office = await factory.location({ name: 'Ceiling Office', latitude: 38.05, longitude: -84.5, phone: '+18595550100' });
    const provider = await factory.provider({ firstName: 'Ceiling', lastName: 'Doctor', specialties: ['208VP0014X'] });
    await factory.providerLocations(provider, [office]);
    const treatment = await factory.treatment({ title: 'Ceiling Treatment' });
    await factory.treatmentProviders(treatment, [provider]);
    await factory.treatmentLocations(treatment, [office]);
    const condition = await factory.condition({ name: 'Ceiling Condition' });
    await factory.treatmentConditions(treatment, [condition]);
    const practice = await factory.practice();
    const faq = await factory.faq({ question: 'Ceiling question?' });
    await factory.placeFaqs(DocumentType.PRACTICE, practice.id, [faq]);
    await factory.placeFaqs(DocumentType.CONDITION, condition.id, [faq]);

    const pages = {
      conditionPage: `{ condition(slug: "${condition.slug}") { name body { html } treatments { title providers { displayName } } faqs { question answer { html } } } }`,
      officesNearby:
        '{ locations(filter: { near: { latitude: 38.05, longitude: -84.5, radiusKm: 80 } }) { edges { distanceKm node { name openStatus { label } address { city } providers { displayName } treatments { title } } } } }',
      providerDirectory:
        '{ providers(first: 20, filter: { acceptingNewPatients: true }) { totalCount edges { node { displayName specialties { name } primaryLocation { name phone { display } } treatments { title } } } } }',
      providerPage: `{ provider(slug: "${provider.slug}") { displayName bio { html } locations { name openNow } treatments { title conditions { name } } faqs { question } } }`,
      practiceFaqs: '{ practice { name mainPhone { display } faqs { question answer { html } } } }',
      faqsOfAPage: `{ faqs(filter: { page: { type: CONDITION, slug: "${condition.slug}" } }) { totalCount edges { node { question answer { html } } } } }`,
    };
    for (const [page, query] of Object.entries(pages)) {
      const response = await app.graphql(query);
      dataOf(response);
      expect({ page, statements: response.sqlStatements <= PAGE_CEILING }).toEqual({ page, statements: true });
    }
  });
});
