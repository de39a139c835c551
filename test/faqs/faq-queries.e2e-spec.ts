import { DocumentStatus, DocumentType } from '../../src/content/documents/document-status';
import { type Faq } from '../../src/faqs/faq.entity';
import { type Treatment } from '../../src/treatments/treatment.entity';
import { dataOf, expectBadUserInput } from '../common/expectations';
import { useTestApp } from '../support/use-test-app';
import { FaqByIdDocument } from '../operations/generated';

describe('FAQ queries', () => {
  const app = useTestApp();
  const factory = app.content;
  const questionsOf = (connection: { edges: { node: { question: string } }[] }) => connection.edges.map((edge) => edge.node.question);
  const faqs = async (args: string, extra = '') =>
    dataOf(await app.graphql(`{ faqs(${args}) { totalCount edges { cursor node { question } } pageInfo { hasNextPage endCursor } ${extra} } }`)).faqs;

  describe('one FAQ', () => {
    it('returns a published FAQ by id with its answer and tags', async () => {
      const faq = await factory.faq({ question: 'Does the pump need refills?', answer: 'Yes, every **few months**.', tags: ['pump', 'aftercare'] });
      const response = await app.graphql(FaqByIdDocument, { id: faq.id });
      expect(dataOf(response).faq).toEqual({
        id: faq.id,
        question: 'Does the pump need refills?',
        answer: { markdown: 'Yes, every **few months**.', html: '<p>Yes, every <strong>few months</strong>.</p>' },
        tags: ['pump', 'aftercare'],
      });
    });

    it('hides a draft or trashed FAQ', async () => {
      const draft = await factory.faq({ question: 'Draft FAQ?', status: DocumentStatus.DRAFT });
      const trashed = await factory.faq({ question: 'Trashed FAQ?', deletedAt: new Date() });
      const response = await app.graphql(`query ($a: ID!, $b: ID!) { a: faq(id: $a) { id } b: faq(id: $b) { id } }`, { a: draft.id, b: trashed.id });
      expect(dataOf(response)).toEqual({ a: null, b: null });
    });
  });

  describe('FAQs of a page', () => {
    let treatment: Treatment;
    let ordered: Faq[];

    beforeAll(async () => {
      treatment = await factory.treatment({ title: 'Intrathecal Pump' });
      ordered = [];
      // Questions in reverse alphabetical order, so position order differs from question order.
      for (const letter of ['F', 'E', 'D', 'C', 'B', 'A'])
        ordered.push(await factory.faq({ question: `${letter}: pump question?`, tags: letter < 'D' ? ['pump-early'] : [] }));
      const draft = await factory.faq({ question: 'Draft pump question?', status: DocumentStatus.DRAFT });
      await factory.placeFaqs(DocumentType.TREATMENT, treatment.id, [draft, ...ordered], [0, 10, 20, 30, 40, 50, 60]);
    });

    it('lists the FAQs placed on a treatment in their position order', async () => {
      const result = await faqs('filter: { page: { type: TREATMENT, slug: "intrathecal-pump" } }');
      expect(result.totalCount).toBe(6);
      expect(questionsOf(result)).toEqual(ordered.map((faq) => faq.question));
    });

    it("pages through a page's FAQs in position order", async () => {
      const seen: string[] = [];
      let after: string | null = null;
      for (let request = 0; request < 3; request += 1) {
        const result: any = await faqs(`first: 2, ${after ? `after: "${after}", ` : ''}filter: { page: { type: TREATMENT, slug: "intrathecal-pump" } }`);
        seen.push(...questionsOf(result));
        expect(result.pageInfo.hasNextPage).toBe(request < 2);
        after = result.pageInfo.endCursor;
      }
      expect(seen).toEqual(ordered.map((faq) => faq.question));
    });

    it("sorts a page's FAQs by position descending when asked", async () => {
      const result = await faqs('filter: { page: { type: TREATMENT, slug: "intrathecal-pump" } }, orderBy: { field: POSITION, direction: DESC }');
      expect(questionsOf(result)).toEqual(ordered.map((faq) => faq.question).reverse());
    });

    it("sorts a page's FAQs by question when asked", async () => {
      const result = await faqs('filter: { page: { type: TREATMENT, slug: "intrathecal-pump" } }, orderBy: { field: QUESTION }');
      expect(questionsOf(result)).toEqual(ordered.map((faq) => faq.question).sort());
    });

    it('returns no FAQs for a page slug nobody has', async () => {
      expect(await faqs('filter: { page: { type: TREATMENT, slug: "no-such-page" } }')).toMatchObject({ totalCount: 0, edges: [] });
    });

    it('shows no FAQs for a draft page', async () => {
      const draftPage = await factory.treatment({ title: 'Draft Pump Page', status: DocumentStatus.DRAFT });
      await factory.placeFaqs(DocumentType.TREATMENT, draftPage.id, ordered.slice(0, 2));
      expect(await faqs('filter: { page: { type: TREATMENT, slug: "draft-pump-page" } }')).toMatchObject({ totalCount: 0, edges: [] });
    });

    it('combines the page with a tag', async () => {
      const result = await faqs('filter: { page: { type: TREATMENT, slug: "intrathecal-pump" }, tag: "pump-early" }');
      expect(questionsOf(result)).toEqual(['C: pump question?', 'B: pump question?', 'A: pump question?']);
    });

    it('requires a slug for every page type but PRACTICE', async () => {
      expectBadUserInput(await app.graphql(`{ faqs(filter: { page: { type: TREATMENT } }) { totalCount } }`), 'filter.page.slug');
    });

    it('refuses a page type FAQs cannot be placed on', async () => {
      expectBadUserInput(await app.graphql(`{ faqs(filter: { page: { type: FAQ, slug: "x" } }) { totalCount } }`), 'filter.page.type');
    });
  });

  it('gives a FAQ shared between two pages its own position on each', async () => {
    const first = await factory.treatment({ title: 'Shared First Page' });
    const second = await factory.condition({ name: 'Shared Second Page' });
    const [shared, other] = [
      await factory.faq({ question: 'Shared: is it covered by insurance?' }),
      await factory.faq({ question: 'Other: how long is the visit?' }),
    ];
    await factory.placeFaqs(DocumentType.TREATMENT, first.id, [shared, other], [0, 1]);
    await factory.placeFaqs(DocumentType.CONDITION, second.id, [other, shared], [0, 1]);

    const onTreatment = await faqs('filter: { page: { type: TREATMENT, slug: "shared-first-page" } }');
    const onCondition = await faqs('filter: { page: { type: CONDITION, slug: "shared-second-page" } }');
    expect(questionsOf(onTreatment)).toEqual([shared.question, other.question]);
    expect(questionsOf(onCondition)).toEqual([other.question, shared.question]);

    const pages = await app.graphql(`{
      treatment(slug: "shared-first-page") { faqs { question } }
      condition(slug: "shared-second-page") { faqs { question } }
    }`);
    expect(dataOf(pages)).toEqual({
      treatment: { faqs: [{ question: shared.question }, { question: other.question }] },
      condition: { faqs: [{ question: other.question }, { question: shared.question }] },
    });
  });

  it('lists practice-wide FAQs with page type PRACTICE and no slug', async () => {
    const practice = await factory.practice({ name: 'FAQ Practice' });
    const [billing, parking] = [
      await factory.faq({ question: 'Practice: how do I pay my bill?' }),
      await factory.faq({ question: 'Practice: where do I park?' }),
    ];
    await factory.placeFaqs(DocumentType.PRACTICE, practice.id, [parking, billing]);
    const result = await faqs('filter: { page: { type: PRACTICE } }');
    expect(questionsOf(result)).toEqual([parking.question, billing.question]);
  });

  it('filters by tag', async () => {
    await factory.faq({ question: 'Tag: does insurance cover it?', tags: ['insurance-tag', 'billing'] });
    await factory.faq({ question: 'Tag: what about Medicare?', tags: ['insurance-tag'] });
    await factory.faq({ question: 'Tag: draft insurance?', tags: ['insurance-tag'], status: DocumentStatus.DRAFT });
    const result = await faqs('filter: { tag: "insurance-tag" }');
    expect(questionsOf(result)).toEqual(['Tag: does insurance cover it?', 'Tag: what about Medicare?']);
  });

  it('finds text in the question and the answer', async () => {
    await factory.faq({ question: 'Text: can I drive home?', answer: 'No: bring a **chaperone** with you.' });
    expect(questionsOf(await faqs('filter: { text: "drive home" }'))).toEqual(['Text: can I drive home?']);
    expect(questionsOf(await faqs('filter: { text: "chaperone" }'))).toEqual(['Text: can I drive home?']);
  });

  it('refuses POSITION order without a page filter', async () => {
    const response = await app.graphql(`{ faqs(orderBy: { field: POSITION }) { totalCount } }`);
    expectBadUserInput(response, 'orderBy.field');
  });

  it('lists all published FAQs by question by default', async () => {
    const result = await faqs('first: 100');
    const questions = questionsOf(result);
    const rows: { question: string }[] = await app.dataSource.query(
      `SELECT question FROM faqs WHERE status = 'PUBLISHED' AND deleted_at IS NULL ORDER BY lower(question), id`,
    );
    expect(questions).toEqual(rows.map((row) => row.question));
    expect(questions).not.toContain('Draft pump question?');
    expect(questions).not.toContain('Tag: draft insurance?');
  });
});
