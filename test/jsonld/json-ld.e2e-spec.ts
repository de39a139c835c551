import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '../../src/auth/permissions';
import { DocumentStatus, DocumentType } from '../../src/content/documents/document-status';
import { Condition } from '../../src/conditions/condition.entity';
import { Location } from '../../src/locations/location.entity';
import { Provider } from '../../src/providers/provider.entity';
import { Treatment } from '../../src/treatments/treatment.entity';
import { signedInClient, useTestApp } from '../support/use-test-app';
import { DEMO_OFFICES, DEMO_SITE_ENV, DEMO_SITE_URL } from './demo-site';
import { typesUsedIn, vocabularyViolations } from './schema-org-vocabulary';

const README = join(__dirname, '../../README.md');

/** The README's printed JSON-LD: each ```json block after a `<!-- json-ld: <query> -->` marker. */
const README_BLOCK = /<!-- json-ld: (.+?) -->\n```json\n([\s\S]*?)\n```/g;

/** Values that change with every load of the demo: the review date is the day the demo was loaded. */
function normalized(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, item) => (key === 'lastReviewed' && typeof item === 'string' ? '<date>' : item));
}

describe('JSON-LD of the demo practice', () => {
  const app = useTestApp(DEMO_SITE_ENV);

  async function jsonLdOf(query: string, headers: Record<string, string> = {}): Promise<any> {
    const response = await app.graphql(`{ ${query} { jsonLd } }`, undefined, headers);
    expect(response.errors).toBeUndefined();
    return Object.values(response.data as Record<string, { jsonLd: unknown }>)[0].jsonLd;
  }

  it('describes the treatment page, the physician, each office and the practice in the schema.org vocabulary', async () => {
    const documents = {
      treatment: await jsonLdOf('treatment(slug: "intrathecal-therapy")'),
      condition: await jsonLdOf('condition(slug: "back-pain")'),
      physician: await jsonLdOf('provider(slug: "anjum-bux")'),
      practice: await jsonLdOf('practice'),
      faq: await jsonLdOf('faq(slug: "what-is-intrathecal-therapy")'),
      ...Object.fromEntries(await Promise.all(DEMO_OFFICES.map(async (slug) => [slug, await jsonLdOf(`location(slug: "${slug}")`)]))),
    };
    for (const [name, document] of Object.entries(documents)) expect({ name, violations: vocabularyViolations(document) }).toEqual({ name, violations: [] });

    expect([...typesUsedIn(documents.treatment)].sort()).toEqual([
      'Answer',
      'FAQPage',
      'MedicalCode',
      'MedicalCondition',
      'MedicalTherapy',
      'MedicalWebPage',
      'Person',
      'Question',
    ]);
    const [page, therapy, ...rest] = documents.treatment['@graph'];
    expect(page).toMatchObject({ '@type': 'MedicalWebPage', url: `${DEMO_SITE_URL}/treatments/intrathecal-therapy` });
    // The demo's clinical review: Anjum Bux, MD reviewed the page the day the demo was loaded.
    expect(page.lastReviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(page.reviewedBy).toEqual({ '@type': 'Person', name: 'Anjum Bux, MD', url: `${DEMO_SITE_URL}/providers/anjum-bux` });
    // A page nobody reviewed says nothing about review.
    expect(documents.condition['@graph'][0]).not.toHaveProperty('lastReviewed');
    expect(therapy).toMatchObject({ '@type': 'MedicalTherapy', relevantSpecialty: ['Anesthesia'] });
    const conditions = rest.filter((node: { '@type': string }) => node['@type'] === 'MedicalCondition');
    expect(conditions).toHaveLength(8);
    for (const condition of conditions) expect(condition.possibleTreatment).toEqual({ '@id': therapy['@id'] });
    expect(rest.find((node: { '@type': string }) => node['@type'] === 'FAQPage').mainEntity).toHaveLength(5);

    expect(documents.physician).toMatchObject({
      '@type': 'IndividualPhysician',
      url: `${DEMO_SITE_URL}/providers/anjum-bux`,
      medicalSpecialty: ['Anesthesia'],
      practicesAt: DEMO_OFFICES.map((slug) => expect.objectContaining({ '@id': `${DEMO_SITE_URL}/locations/${slug}#clinic` })),
    });
    expect(documents.practice).toMatchObject({ '@type': 'MedicalOrganization', url: `${DEMO_SITE_URL}/`, subOrganization: expect.any(Array) });
    expect(documents['lexington-office']).toMatchObject({
      '@type': 'MedicalClinic',
      geo: { '@type': 'GeoCoordinates', latitude: 38.0406, longitude: -84.5037 },
      isAcceptingNewPatients: true,
      medicalSpecialty: ['Anesthesia'],
      parentOrganization: { '@id': `${DEMO_SITE_URL}/#organization` },
    });
  });

  it('claims no opening hours for an office that has not published any (its open status is UNKNOWN)', async () => {
    const response = await app.graphql(`{ location(slug: "danville-office") { openStatus { state } jsonLd } }`);
    expect(response.data.location.openStatus.state).toBe('UNKNOWN');
    expect(response.data.location.jsonLd).not.toHaveProperty('openingHoursSpecification');
    expect(response.data.location.jsonLd).not.toHaveProperty('specialOpeningHoursSpecification');
  });

  it("lists an office's weekly hours and its coming exceptions when it has them", async () => {
    await app.content.location({
      name: 'Paris Office',
      openingHours: [
        { day: 'MONDAY', opens: '08:00', closes: '17:00' },
        { day: 'WEDNESDAY', opens: '08:00', closes: '17:00' },
      ],
      hoursExceptions: [
        { date: '2099-12-25', closed: true, intervals: [], note: 'Christmas Day' },
        { date: '2001-01-01', closed: true, intervals: [] },
      ],
    });
    const jsonLd = await jsonLdOf('location(slug: "paris-office")');
    expect(vocabularyViolations(jsonLd)).toEqual([]);
    expect(jsonLd.openingHoursSpecification).toEqual([
      { '@type': 'OpeningHoursSpecification', dayOfWeek: ['Monday', 'Wednesday'], opens: '08:00', closes: '17:00' },
    ]);
    expect(jsonLd.specialOpeningHoursSpecification).toEqual([
      { '@type': 'OpeningHoursSpecification', opens: '00:00', closes: '00:00', validFrom: '2099-12-25', validThrough: '2099-12-25' },
    ]);
  });

  it('shows no draft or trashed related document, not even in a preview of the page at stage DRAFT', async () => {
    const treatment = await app.dataSource.getRepository(Treatment).findOneByOrFail({ slug: 'intrathecal-therapy' });
    const provider = await app.dataSource.getRepository(Provider).findOneByOrFail({ slug: 'anjum-bux' });
    const lexington = await app.dataSource.getRepository(Location).findOneByOrFail({ slug: 'lexington-office' });
    const draftCondition = await app.content.condition({ name: 'Unpublished Condition', status: DocumentStatus.DRAFT });
    const trashedCondition = await app.content.condition({ name: 'Trashed Condition', deletedAt: new Date() });
    await app.content.treatmentConditions(treatment, [draftCondition, trashedCondition]);
    const draftFaq = await app.content.faq({ question: 'An unpublished question?', status: DocumentStatus.DRAFT });
    await app.content.placeFaqs(DocumentType.TREATMENT, treatment.id, [draftFaq], [99]);
    const draftProvider = await app.content.provider({
      firstName: 'Unpublished',
      lastName: 'Doctor',
      specialties: ['2084N0400X'],
      status: DocumentStatus.DRAFT,
    });
    await app.content.treatmentProviders(treatment, [draftProvider]);
    await app.content.providerLocations(draftProvider, [lexington]);
    const backPain = await app.dataSource.getRepository(Condition).findOneByOrFail({ slug: 'back-pain' });
    await app.content.treatmentConditions(await app.content.treatment({ title: 'Unpublished Treatment', status: DocumentStatus.DRAFT }), [backPain]);
    const draftOffice = await app.content.location({ name: 'Unpublished Office', status: DocumentStatus.DRAFT });
    await app.content.providerLocations(provider, [lexington, draftOffice]);

    const editor = await signedInClient(app, Role.EDITOR);
    const preview = await editor.ok(`{
      treatment(slug: "intrathecal-therapy", stage: DRAFT) { conditions { name } faqs { question } jsonLd }
      provider(slug: "anjum-bux", stage: DRAFT) { jsonLd }
      location(slug: "lexington-office", stage: DRAFT) { jsonLd }
      condition(slug: "back-pain", stage: DRAFT) { jsonLd }
    }`);
    // The preview's own lists show the drafts: the JSON-LD beside them does not.
    expect(preview.treatment.conditions.map((condition: { name: string }) => condition.name)).toContain('Unpublished Condition');
    const published = {
      treatment: await jsonLdOf('treatment(slug: "intrathecal-therapy")'),
      provider: await jsonLdOf('provider(slug: "anjum-bux")'),
      location: await jsonLdOf('location(slug: "lexington-office")'),
      condition: await jsonLdOf('condition(slug: "back-pain")'),
    };
    const previews = [preview.treatment.jsonLd, preview.provider.jsonLd, preview.location.jsonLd, preview.condition.jsonLd];
    for (const output of [...previews, ...Object.values(published)]) {
      const text = JSON.stringify(output);
      for (const hidden of [
        'Unpublished Condition',
        'Trashed Condition',
        'An unpublished question?',
        'Unpublished Doctor',
        'Unpublished Office',
        'Unpublished Treatment',
        'Neurologic',
      ])
        expect(text).not.toContain(hidden);
    }
  });

  it('reads the related documents of a whole list in a fixed number of statements', async () => {
    const query =
      '{ locations(first: 50) { edges { node { jsonLd } } } providers(first: 50) { edges { node { jsonLd } } } treatments(first: 50) { edges { node { jsonLd } } } }';
    const before = await app.graphql(query);
    expect(before.errors).toBeUndefined();
    const provider = await app.content.provider({ specialties: ['207LP2900X'] });
    const offices: Location[] = [];
    for (let index = 0; index < 4; index += 1) {
      offices.push(await app.content.location({ name: `Extra Office ${index}` }));
      const treatment = await app.content.treatment({ title: `Extra Treatment ${index}` });
      await app.content.treatmentProviders(treatment, [provider]);
      await app.content.treatmentConditions(treatment, [await app.content.condition({ name: `Extra Condition ${index}` })]);
    }
    await app.content.providerLocations(provider, offices);
    const after = await app.graphql(query);
    expect(after.errors).toBeUndefined();
    expect(after.data.locations.edges.length).toBeGreaterThan(before.data.locations.edges.length + 3);
    expect(after.sqlStatements).toBe(before.sqlStatements);
  });
});

describe('document URLs', () => {
  const app = useTestApp(DEMO_SITE_ENV);

  it('answers `url` from SITE_URL and SITE_PATHS, and fills an empty canonical URL with it', async () => {
    await app.content.treatment({ title: 'Moved Elsewhere', canonicalUrl: 'https://partner.example/moved' });
    const data = (
      await app.graphql(`{
        treatment(slug: "intrathecal-therapy") { url seo { canonicalUrl } }
        moved: treatment(slug: "moved-elsewhere") { url seo { canonicalUrl } }
        practice { url }
        faq(slug: "what-is-intrathecal-therapy") { url seo { canonicalUrl } }
      }`)
    ).data;
    expect(data).toEqual({
      treatment: { url: `${DEMO_SITE_URL}/treatments/intrathecal-therapy`, seo: { canonicalUrl: `${DEMO_SITE_URL}/treatments/intrathecal-therapy` } },
      moved: { url: `${DEMO_SITE_URL}/treatments/moved-elsewhere`, seo: { canonicalUrl: 'https://partner.example/moved' } },
      practice: { url: `${DEMO_SITE_URL}/` },
      // FAQs have no page of their own in this site's SITE_PATHS.
      faq: { url: null, seo: { canonicalUrl: null } },
    });
  });
});

describe('document URLs without a site address', () => {
  const app = useTestApp({ LOAD_DEMO_CONTENT: 'true' });

  it('are null, and JSON-LD names nodes by URN instead', async () => {
    const data = (await app.graphql('{ provider(slug: "anjum-bux") { id url seo { canonicalUrl } jsonLd } }')).data;
    expect(data.provider.url).toBeNull();
    expect(data.provider.seo.canonicalUrl).toBeNull();
    expect(data.provider.jsonLd['@id']).toBe(`urn:uuid:${data.provider.id}`);
    expect(data.provider.jsonLd).not.toHaveProperty('url');
  });
});

describe('the README', () => {
  const app = useTestApp(DEMO_SITE_ENV);

  it("prints the demo's JSON-LD exactly as the API returns it (WRITE_README=1 rewrites it)", async () => {
    const readme = readFileSync(README, 'utf8');
    const blocks = [...readme.matchAll(README_BLOCK)];
    expect(blocks.map((block) => block[1])).toEqual([
      'treatment(slug: "intrathecal-therapy")',
      'provider(slug: "anjum-bux")',
      ...DEMO_OFFICES.map((slug) => `location(slug: "${slug}")`),
    ]);
    const answers = new Map<string, unknown>();
    for (const [, query] of blocks) {
      const response = await app.graphql(`{ ${query} { jsonLd } }`);
      expect(response.errors).toBeUndefined();
      answers.set(query, Object.values(response.data as Record<string, { jsonLd: unknown }>)[0].jsonLd);
    }
    if (process.env.WRITE_README === '1') {
      writeFileSync(
        README,
        readme.replace(README_BLOCK, (_all, query: string) => `<!-- json-ld: ${query} -->\n\`\`\`json\n${JSON.stringify(answers.get(query), null, 2)}\n\`\`\``),
      );
      return;
    }
    for (const [, query, printed] of blocks)
      expect({ query, jsonLd: normalized(JSON.parse(printed)) }).toEqual({ query, jsonLd: normalized(answers.get(query)) });
  });
});
