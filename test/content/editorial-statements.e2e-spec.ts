import { Role } from '../../src/auth/permissions';
import { DocumentStatus, DocumentType } from '../../src/content/documents/document-status';
import { dataOf } from '../common/expectations';
import { useTestApp } from '../support/use-test-app';

const DRAFT_LIST = `query ($category: String!) {
  treatments(first: 20, stage: DRAFT, filter: { category: $category }) {
    edges { node { title editorial { hasPendingDraft trashedAt unpublishedDependencies { id label } scheduledActions { id } } } }
  }
}`;

describe("editors' workflow facts in lists", () => {
  const app = useTestApp();
  const factory = app.content;
  let editor: Record<string, string>;

  beforeAll(async () => {
    editor = (await app.accounts.signedIn(Role.EDITOR)).headers;
  });
  /** `count` treatments of a category, each linked to a draft condition and a FAQ. */
  async function treatments(category: string, count: number): Promise<void> {
    for (let index = 0; index < count; index++) {
      const treatment = await factory.treatment({ title: `${category} ${index}`, category });
      await factory.treatmentConditions(treatment, [await factory.condition({ name: `${category} hidden ${index}`, status: DocumentStatus.DRAFT })]);
      await factory.placeFaqs(DocumentType.TREATMENT, treatment.id, [await factory.faq()]);
    }
  }

  it('runs as many statements for the editorial field of 8 documents as of 1', async () => {
    await treatments('one-item', 1);
    await treatments('five-items', 5);
    await treatments('eight-items', 8);
    const counts: number[] = [];
    for (const [category, size] of [
      ['one-item', 1],
      ['five-items', 5],
      ['eight-items', 8],
    ] as const) {
      const response = await app.graphql(DRAFT_LIST, { category }, editor);
      const edges = dataOf(response).treatments.edges;
      expect(edges).toHaveLength(size);
      // Each links a condition that is not published yet: the page hides it until it is.
      for (const { node } of edges) expect(node.editorial.unpublishedDependencies).toHaveLength(1);
      counts.push(response.sqlStatements);
    }
    expect(counts[1]).toBe(counts[0]);
    expect(counts[2]).toBe(counts[0]);
  });
});
