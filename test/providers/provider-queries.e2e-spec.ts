import { DocumentStatus, DocumentType } from '../../src/content/documents/document-status';
import { type Provider } from '../../src/providers/provider.entity';
import { dataOf, expectBadUserInput } from '../common/expectations';
import { useTestApp } from '../support/use-test-app';
import { ProviderBySlugDocument, ProviderExperienceDocument } from '../operations/generated';

describe('provider queries', () => {
  const app = useTestApp();
  const factory = app.content;
  let bux: Provider;

  beforeAll(async () => {
    bux = await factory.provider({
      firstName: 'Anjum',
      lastName: 'Bux',
      credentials: ['MD'],
      title: 'Medical Director',
      npi: '1234567893',
      specialties: ['207L00000X', '208VP0014X', '261QX0000X'],
      boardCertifications: ['American Board of Anesthesiology'],
      practiceStartYear: 2003,
      languages: ['en'],
    });
  });

  const namesOf = (connection: { edges: { node: { displayName: string } }[] }) => connection.edges.map((edge) => edge.node.displayName);
  const providers = async (args: string) => dataOf(await app.graphql(`{ providers(${args}) { totalCount edges { node { displayName } } } }`)).providers;

  describe('one provider', () => {
    it('returns a provider by slug, id and NPI', async () => {
      const response = await app.graphql(
        `query ($id: ID!) {
          bySlug: provider(slug: "anjum-bux") { id }
          byId: provider(id: $id) { slug }
          byNpi: provider(npi: "1234567893") { id npi }
        }`,
        { id: bux.id },
      );
      expect(dataOf(response)).toEqual({ bySlug: { id: bux.id }, byId: { slug: 'anjum-bux' }, byNpi: { id: bux.id, npi: '1234567893' } });
    });

    it('answers a former slug with the canonical slug', async () => {
      await factory.formerSlug(DocumentType.PROVIDER, bux.id, 'dr-bux');
      expect(dataOf(await app.graphql(ProviderBySlugDocument, { slug: 'dr-bux' })).provider).toEqual({ id: bux.id, slug: 'anjum-bux' });
    });

    it('refuses more than one key, or none, or a malformed NPI', async () => {
      expectBadUserInput(await app.graphql(`{ provider(slug: "anjum-bux", npi: "1234567893") { id } }`));
      expectBadUserInput(await app.graphql(`{ provider { id } }`));
      expectBadUserInput(await app.graphql(`{ provider(npi: "12345") { id } }`), 'npi');
    });

    it('hides draft and trashed providers, also by NPI', async () => {
      await factory.provider({ firstName: 'Draft', lastName: 'Doctor', npi: '1245319599', status: DocumentStatus.DRAFT });
      await factory.provider({ firstName: 'Trashed', lastName: 'Doctor', npi: '1003000126', deletedAt: new Date() });
      const response = await app.graphql(`{
        a: provider(slug: "draft-doctor") { id } b: provider(npi: "1245319599") { id }
        c: provider(slug: "trashed-doctor") { id } d: provider(npi: "1003000126") { id }
      }`);
      expect(dataOf(response)).toEqual({ a: null, b: null, c: null, d: null });
    });

    it('builds the display name from the name parts', async () => {
      await factory.provider({ firstName: 'John', middleName: 'A', lastName: 'Smith', suffix: 'Jr.', credentials: ['MD', 'PhD'], slug: 'john-smith' });
      await factory.provider({ firstName: 'Maria', middleName: 'Elena', lastName: 'Garcia', credentials: ['DO'], slug: 'maria-garcia' });
      await factory.provider({ firstName: 'Sam', lastName: 'Lee', credentials: ['PA-C'], displayNameOverride: 'Samuel "Sam" Lee, PA-C', slug: 'sam-lee' });
      await factory.provider({ firstName: 'No', lastName: 'Credentials', credentials: [], slug: 'no-credentials' });
      const response = await app.graphql(`{
        bux: provider(slug: "anjum-bux") { displayName }
        smith: provider(slug: "john-smith") { displayName }
        garcia: provider(slug: "maria-garcia") { displayName }
        lee: provider(slug: "sam-lee") { displayName firstName lastName }
        none: provider(slug: "no-credentials") { displayName }
      }`);
      expect(dataOf(response)).toEqual({
        bux: { displayName: 'Anjum Bux, MD' },
        smith: { displayName: 'John A. Smith Jr., MD, PhD' },
        garcia: { displayName: 'Maria Elena Garcia, DO' },
        lee: { displayName: 'Samuel "Sam" Lee, PA-C', firstName: 'Sam', lastName: 'Lee' },
        none: { displayName: 'No Credentials' },
      });
    });

    it('derives years of experience from the practice start year', async () => {
      const response = await app.graphql(ProviderExperienceDocument, { slug: 'anjum-bux' });
      expect(dataOf(response).provider).toEqual({ practiceStartYear: 2003, yearsOfExperience: new Date().getUTCFullYear() - 2003 });
      const unknown = await factory.provider({ firstName: 'New', lastName: 'Hire' });
      const none = await app.graphql(`{ provider(id: "${unknown.id}") { yearsOfExperience experienceLabel } }`);
      expect(dataOf(none).provider).toEqual({ yearsOfExperience: null, experienceLabel: null });
    });

    it('repeats a stated "more than N years" without inventing a start year', async () => {
      const stated = await factory.provider({ firstName: 'Stated', lastName: 'Experience', experienceMinimumYears: 20 });
      const response = await app.graphql(`{ provider(id: "${stated.id}") { practiceStartYear experienceMinimumYears yearsOfExperience experienceLabel } }`);
      expect(dataOf(response).provider).toEqual({
        practiceStartYear: null,
        experienceMinimumYears: 20,
        yearsOfExperience: null,
        experienceLabel: 'More than 20 years',
      });
      const exact = await app.graphql(`{ provider(slug: "anjum-bux") { experienceLabel } }`);
      expect(dataOf(exact).provider).toEqual({ experienceLabel: `${new Date().getUTCFullYear() - 2003} years` });
    });

    it('names specialties from the NUCC taxonomy, keeping the code when the name is unknown', async () => {
      const response = await app.graphql(`{ provider(slug: "anjum-bux") { specialties { code name system } } }`);
      expect(dataOf(response).provider.specialties).toEqual([
        { code: '207L00000X', name: 'Anesthesiology', system: 'http://nucc.org/provider-taxonomy' },
        { code: '208VP0014X', name: 'Interventional Pain Medicine', system: 'http://nucc.org/provider-taxonomy' },
        { code: '261QX0000X', name: '261QX0000X', system: 'http://nucc.org/provider-taxonomy' },
      ]);
    });

    it('lists locations with the primary first, and the primary location', async () => {
      const offices = [
        await factory.location({ name: 'Cynthiana Office' }),
        await factory.location({ name: 'Danville Office' }),
        await factory.location({ name: 'Lexington Office' }),
      ];
      const provider = await factory.provider({ firstName: 'Located', lastName: 'Doctor' });
      await factory.providerLocations(provider, offices, 2);
      const noPrimary = await factory.provider({ firstName: 'Unplaced', lastName: 'Doctor' });
      const response = await app.graphql(`{
        located: provider(slug: "located-doctor") { locations { name } primaryLocation { name } }
        unplaced: provider(id: "${noPrimary.id}") { locations { name } primaryLocation { name } }
      }`);
      expect(dataOf(response)).toEqual({
        located: {
          locations: [{ name: 'Lexington Office' }, { name: 'Cynthiana Office' }, { name: 'Danville Office' }],
          primaryLocation: { name: 'Lexington Office' },
        },
        unplaced: { locations: [], primaryLocation: null },
      });
    });

    it('does not show a draft primary location', async () => {
      const hidden = await factory.location({ name: 'Unpublished Office', status: DocumentStatus.DRAFT });
      const shown = await factory.location({ name: 'Published Office' });
      const provider = await factory.provider({ firstName: 'Hidden', lastName: 'Primary' });
      await factory.providerLocations(provider, [hidden, shown], 0);
      const response = await app.graphql(`{ provider(slug: "hidden-primary") { locations { name } primaryLocation { name } } }`);
      expect(dataOf(response).provider).toEqual({ locations: [{ name: 'Published Office' }], primaryLocation: null });
    });

    it('lists external ids by system', async () => {
      const provider = await factory.provider({ firstName: 'External', lastName: 'Ids' });
      await factory.externalId(provider, 'urn:ehr:athena', 'A-77');
      await factory.externalId(provider, 'urn:credentialing:caqh', '12345');
      const response = await app.graphql(`{ provider(slug: "external-ids") { externalIds { system value } } }`);
      expect(dataOf(response).provider.externalIds).toEqual([
        { system: 'urn:credentialing:caqh', value: '12345' },
        { system: 'urn:ehr:athena', value: 'A-77' },
      ]);
    });

    it("lists the provider's treatments and FAQs", async () => {
      const provider = await factory.provider({ firstName: 'Treating', lastName: 'Doctor' });
      const [pump, block] = [await factory.treatment({ title: 'Provider Pump' }), await factory.treatment({ title: 'Provider Block' })];
      await factory.treatmentProviders(pump, [provider]);
      await factory.treatmentProviders(block, [provider]);
      const faq = await factory.faq({ question: 'Provider: does the doctor see children?' });
      await factory.placeFaqs(DocumentType.PROVIDER, provider.id, [faq]);
      const response = await app.graphql(`{ provider(slug: "treating-doctor") { treatments { title } faqs { question } } }`);
      expect(dataOf(response).provider).toEqual({ treatments: [{ title: 'Provider Block' }, { title: 'Provider Pump' }], faqs: [{ question: faq.question }] });
    });
  });

  describe('lists', () => {
    beforeAll(async () => {
      const [lexington, maysville] = [await factory.location({ name: 'List Lexington' }), await factory.location({ name: 'List Maysville' })];
      const pump = await factory.treatment({ title: 'List Pump Therapy' });
      const spanish = await factory.provider({
        firstName: 'Lucia',
        lastName: 'Alvarez',
        credentials: ['MD'],
        languages: ['en', 'es-MX'],
        specialties: ['208VP0000X'],
        acceptingNewPatients: false,
        bio: 'Fellowship trained in regional anesthesia.',
      });

      const castilian = await factory.provider({ firstName: 'Pablo', lastName: 'Baez', credentials: ['MD'], languages: ['es'], specialties: ['207L00000X'] });
      const english = await factory.provider({
        firstName: 'Carl',
        lastName: 'Cole',
        credentials: ['PA-C'],
        languages: ['en'],
        specialties: ['363A00000X'],
        title: 'Physician assistant',
      });
      await factory.provider({ firstName: 'Estonian', lastName: 'Speaker', languages: ['et'], specialties: ['363A00000X'] });
      await factory.provider({ firstName: 'Gone', lastName: 'Away', languages: ['es'], specialties: ['208VP0000X'], active: false });
      await factory.providerLocations(spanish, [lexington]);
      await factory.providerLocations(castilian, [maysville, lexington]);
      await factory.providerLocations(english, [maysville]);
      await factory.treatmentProviders(pump, [english, spanish]);
    });

    it('filters by location slug', async () => {
      expect(namesOf(await providers('filter: { location: "list-lexington" }'))).toEqual(['Lucia Alvarez, MD', 'Pablo Baez, MD']);
    });

    it('filters by treatment slug', async () => {
      expect(namesOf(await providers('filter: { treatment: "list-pump-therapy" }'))).toEqual(['Lucia Alvarez, MD', 'Carl Cole, PA-C']);
    });

    it('filters by specialty code', async () => {
      expect(namesOf(await providers('filter: { specialty: "208VP0000X" }'))).toEqual(['Lucia Alvarez, MD']);
    });

    it('filters by language: "es" also matches regional tags like "es-MX", but not "et"', async () => {
      expect(namesOf(await providers('filter: { language: "es" }'))).toEqual(['Lucia Alvarez, MD', 'Pablo Baez, MD']);
      expect(namesOf(await providers('filter: { language: "ES-mx" }'))).toEqual(['Lucia Alvarez, MD']);
    });

    it('filters by whether new patients are accepted', async () => {
      const notAccepting = namesOf(await providers('first: 100, filter: { acceptingNewPatients: false }'));
      expect(notAccepting).toEqual(['Lucia Alvarez, MD']);
      const accepting = namesOf(await providers('first: 100, filter: { acceptingNewPatients: true }'));
      expect(accepting).toContain('Pablo Baez, MD');
      expect(accepting).not.toContain('Lucia Alvarez, MD');
    });

    it('hides inactive providers unless asked for them', async () => {
      const all = namesOf(await providers('first: 100'));
      expect(all).not.toContain('Gone Away, MD');
      expect(namesOf(await providers('filter: { language: "es", active: false }'))).toEqual(['Gone Away, MD']);
    });

    it('finds text in the name, title and biography', async () => {
      expect(namesOf(await providers('filter: { text: "Lucia Alvarez" }'))).toEqual(['Lucia Alvarez, MD']);
      expect(namesOf(await providers('filter: { text: "physician assistant" }'))).toEqual(['Carl Cole, PA-C']);
      expect(namesOf(await providers('filter: { text: "regional anesthesia" }'))).toEqual(['Lucia Alvarez, MD']);
    });

    it('rejects a malformed specialty code or language tag', async () => {
      expectBadUserInput(await app.graphql(`{ providers(filter: { specialty: "pain" }) { totalCount } }`), 'filter.specialty');
      expectBadUserInput(await app.graphql(`{ providers(filter: { language: "spanish language" }) { totalCount } }`), 'filter.language');
    });
  });
});
