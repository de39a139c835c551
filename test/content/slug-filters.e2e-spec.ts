import { DocumentStatus } from '../../src/content/documents/document-status';
import { ContentFactory } from '../factories/content.factory';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * List filters that name a related document by slug: an empty list is the right answer for a slug
 * that exists, and an unknown slug is an error naming the filter, so a typo is never mistaken for
 * "no results".
 */
describe('filters by a related slug', () => {
  let app: TestApp;
  let factory: ContentFactory;

  beforeAll(async () => {
    app = await startTestApp();
    factory = new ContentFactory(app.dataSource);
    const lexington = await factory.location({ name: 'Lexington Office' });
    await factory.location({ name: 'Danville Office' });
    const provider = await factory.provider({ firstName: 'Anna', lastName: 'Reyes' });
    await factory.providerLocations(provider, [lexington]);
    await factory.location({ name: 'Georgetown Office', status: DocumentStatus.DRAFT });
  });

  afterAll(() => app.close());

  const providersAt = (location: string) =>
    app.graphql(`query ($location: String) { providers(filter: { location: $location }) { totalCount edges { node { lastName } } } }`, { location });

  it('lists what is related to a known slug', async () => {
    const response = await providersAt('lexington-office');
    expect(response.errors).toBeUndefined();
    expect(response.data.providers.edges.map((edge: { node: { lastName: string } }) => edge.node.lastName)).toEqual(['Reyes']);
  });

  it('answers an empty list for a known slug with nothing related, and for an unpublished one', async () => {
    for (const slug of ['danville-office', 'georgetown-office']) {
      const response = await providersAt(slug);
      expect(response.errors).toBeUndefined();
      expect(response.data.providers.totalCount).toBe(0);
    }
  });

  it('refuses an unknown slug with BAD_USER_INPUT naming the filter, and suggests a close one', async () => {
    const response = await providersAt('lexington');
    expect(response.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'filter.location', message: 'no Location has the slug "lexington" (did you mean "lexington-office"?)' }],
    });
  });

  it('names the current slug when given a former one', async () => {
    await app.dataSource.query(`UPDATE locations SET slug = 'danville-clinic' WHERE slug = 'danville-office'`);
    await app.dataSource.query(
      `INSERT INTO slug_history (document_type, slug, document_id) SELECT 'LOCATION', 'danville-office', id FROM locations WHERE slug = 'danville-clinic'`,
    );
    const response = await providersAt('danville-office');
    expect(response.errors?.[0].extensions.fields).toEqual([
      { path: 'filter.location', message: '"danville-office" is a former slug: that Location is now "danville-clinic"' },
    ]);
  });

  it('works the same on every slug filter', async () => {
    const treatments = await app.graphql('{ treatments(filter: { condition: "no-such-condition", provider: "no-such-provider" }) { totalCount } }');
    expect(treatments.errors?.[0].extensions.fields).toEqual([
      { path: 'filter.condition', message: 'no Condition has the slug "no-such-condition"' },
      { path: 'filter.provider', message: 'no Provider has the slug "no-such-provider"' },
    ]);
    const conditions = await app.graphql('{ conditions(filter: { treatment: "nope" }) { totalCount } }');
    expect(conditions.errors?.[0].extensions.fields).toEqual([{ path: 'filter.treatment', message: 'no Treatment has the slug "nope"' }]);
  });
});
