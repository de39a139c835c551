import { DocumentStatus, DocumentType } from '../../src/common/documents/document-status';
import { ContentFactory } from '../factories/content.factory';
import { startTestApp, TestApp } from '../support/test-app';

describe('treatment queries', () => {
  let app: TestApp;
  let factory: ContentFactory;

  beforeAll(async () => {
    app = await startTestApp();
    factory = new ContentFactory(app.dataSource);
  });

  afterAll(() => app.close());

  it('returns a published treatment by slug with its conditions and FAQs in order', async () => {
    const treatment = await factory.treatment({ title: 'Intrathecal Therapy' });
    const [backPain, neckPain] = [await factory.condition({ name: 'Back Pain' }), await factory.condition({ name: 'Neck Pain' })];
    await factory.treatmentConditions(treatment, [neckPain, backPain]);
    const [first, second] = [await factory.faq({ question: 'What is it?' }), await factory.faq({ question: 'How does it work?' })];
    await factory.placeFaqs(DocumentType.TREATMENT, treatment.id, [second, first], [1, 0]);

    const response = await app.graphql(`{ treatment(slug: "intrathecal-therapy") { title conditions { name } faqs { question } } }`);

    expect(response.errors).toBeUndefined();
    expect(response.data.treatment).toEqual({
      title: 'Intrathecal Therapy',
      conditions: [{ name: 'Neck Pain' }, { name: 'Back Pain' }],
      faqs: [{ question: 'What is it?' }, { question: 'How does it work?' }],
    });
  });

  it('never shows a draft treatment to the public', async () => {
    await factory.treatment({ title: 'Secret Draft', status: DocumentStatus.DRAFT });
    const response = await app.graphql(`{ treatment(slug: "secret-draft") { title } treatments(filter: { text: "Secret" }) { totalCount } }`);
    expect(response.data).toEqual({ treatment: null, treatments: { totalCount: 0 } });
  });
});
