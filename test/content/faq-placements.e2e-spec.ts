import { Role } from '../../src/auth/permissions';
import { type EditorialClient, namesOf } from '../support/editorial-client';
import { useTestApp, signedInClient } from '../support/use-test-app';

const PAGE_SELECTION = '... on Treatment { id version faqs { question } editorial { hasPendingDraft } } ... on Condition { id version faqs { question } }';

describe('placing FAQs on pages', () => {
  const app = useTestApp();
  let editor: EditorialClient;
  const faqs: Record<string, { id: string }> = {};

  beforeAll(async () => {
    editor = await signedInClient(app, Role.EDITOR);
    for (const question of ['What is a trial?', 'Does it hurt?', 'How long does it take?', 'Is it covered by insurance?']) {
      const faq = await editor.createFaq({ question, answer: `Answer: ${question}` });
      await editor.publish('Faq', faq);
      faqs[question] = faq;
    }
  });

  const publicFaqs = async (slug: string) =>
    namesOf((await app.graphql(`query($slug: String) { treatment(slug: $slug) { faqs { question } } }`, { slug })).data.treatment.faqs);
  const draftFaqs = async (slug: string) =>
    namesOf((await editor.ok(`query($slug: String) { treatment(slug: $slug, stage: DRAFT) { faqs { question } } }`, { slug })).treatment.faqs);
  const attach = (pageId: string, version: number, faq: string, position?: number, type = 'TREATMENT') =>
    editor.mutate(
      'attachFaq',
      'AttachFaqInput',
      { page: { type, id: pageId }, version, faq: { id: faqs[faq].id }, ...(position === undefined ? {} : { position }) },
      PAGE_SELECTION,
    );
  const placements = (ownerId: string): Promise<{ question: string; position: number }[]> =>
    app.dataSource.query('SELECT f.question, p.position FROM faq_placements p JOIN faqs f ON f.id = p.faq_id WHERE p.owner_id = $1 ORDER BY p.position', [
      ownerId,
    ]);

  async function publishedTreatment(title: string, faqQuestions: string[] = []) {
    const created = await editor.createTreatment({ title, faqs: faqQuestions.map((question) => ({ id: faqs[question].id })) });
    return { ...created, ...(await editor.publish('Treatment', created)) };
  }

  it('changes only the draft of a published page when a FAQ is attached, until the page is published', async () => {
    const page = await publishedTreatment('Intrathecal Therapy', ['What is a trial?']);

    const attached = await attach(page.id, page.version, 'Does it hurt?', 0);
    expect(namesOf(attached.faqs)).toEqual(['Does it hurt?', 'What is a trial?']);
    expect(attached.editorial.hasPendingDraft).toBe(true);
    expect(attached.version).toBe(page.version + 1);
    expect(await publicFaqs('intrathecal-therapy')).toEqual(['What is a trial?']);
    expect(await placements(page.id)).toEqual([{ question: 'What is a trial?', position: 0 }]);
    expect(await draftFaqs('intrathecal-therapy')).toEqual(['Does it hurt?', 'What is a trial?']);

    await editor.publish('Treatment', attached);
    expect(await publicFaqs('intrathecal-therapy')).toEqual(['Does it hurt?', 'What is a trial?']);
    expect(await placements(page.id)).toEqual([
      { question: 'Does it hurt?', position: 0 },
      { question: 'What is a trial?', position: 1 },
    ]);
  });

  it('changes only the draft when a FAQ is detached or the FAQs are reordered, and keeps the FAQ itself', async () => {
    const page = await publishedTreatment('Spinal Cord Stimulation', ['What is a trial?', 'Does it hurt?', 'How long does it take?']);

    const detached = await editor.mutate(
      'detachFaq',
      'DetachFaqInput',
      { page: { type: 'TREATMENT', id: page.id }, version: page.version, faq: { id: faqs['Does it hurt?'].id } },
      PAGE_SELECTION,
    );
    expect(namesOf(detached.faqs)).toEqual(['What is a trial?', 'How long does it take?']);
    const reordered = await editor.mutate(
      'reorderFaqs',
      'ReorderFaqsInput',
      {
        page: { type: 'TREATMENT', id: page.id },
        version: detached.version,
        faqs: [{ id: faqs['How long does it take?'].id }, { id: faqs['What is a trial?'].id }],
      },
      PAGE_SELECTION,
    );
    expect(namesOf(reordered.faqs)).toEqual(['How long does it take?', 'What is a trial?']);
    expect(await publicFaqs('spinal-cord-stimulation')).toEqual(['What is a trial?', 'Does it hurt?', 'How long does it take?']);

    await editor.publish('Treatment', reordered);
    expect(await publicFaqs('spinal-cord-stimulation')).toEqual(['How long does it take?', 'What is a trial?']);
    expect(await placements(page.id)).toEqual([
      { question: 'How long does it take?', position: 0 },
      { question: 'What is a trial?', position: 1 },
    ]);
    expect((await app.graphql(`query($id: ID) { faq(id: $id) { question } }`, { id: faqs['Does it hurt?'].id })).data.faq).toEqual({
      question: 'Does it hurt?',
    });
  });

  it('writes to the page itself when it was never published', async () => {
    const page = await editor.createTreatment({ title: 'Draft Page' });
    await attach(page.id, page.version, 'Does it hurt?');
    expect(await placements(page.id)).toEqual([{ question: 'Does it hurt?', position: 0 }]);
    expect(await draftFaqs('draft-page')).toEqual(['Does it hurt?']);
  });

  it('keeps one FAQ on two pages at different positions', async () => {
    const first = await publishedTreatment('Kyphoplasty', ['Is it covered by insurance?', 'What is a trial?']);
    const second = await publishedTreatment('Vertebroplasty', ['What is a trial?', 'Does it hurt?', 'How long does it take?']);
    const condition = await editor.createCondition({ name: 'Compression Fracture' });

    const onFirst = await attach(first.id, first.version, 'Does it hurt?', 0);
    await editor.publish('Treatment', onFirst);
    const onCondition = await attach(condition.id, condition.version, 'Does it hurt?', undefined, 'CONDITION');
    expect(namesOf(onCondition.faqs)).toEqual(['Does it hurt?']);

    expect(await publicFaqs('kyphoplasty')).toEqual(['Does it hurt?', 'Is it covered by insurance?', 'What is a trial?']);
    expect(await publicFaqs('vertebroplasty')).toEqual(['What is a trial?', 'Does it hurt?', 'How long does it take?']);
    expect((await placements(first.id)).find((row) => row.question === 'Does it hurt?')?.position).toBe(0);
    expect((await placements(second.id)).find((row) => row.question === 'Does it hurt?')?.position).toBe(1);

    const onPage = await app.graphql(`{ faqs(filter: { page: { type: TREATMENT, slug: "vertebroplasty" } }) { edges { node { question } } } }`);
    expect(onPage.errors).toBeUndefined();
    expect(onPage.data.faqs.edges.map((edge: any) => edge.node.question)).toEqual(['What is a trial?', 'Does it hurt?', 'How long does it take?']);
  });

  it('refuses a stale page version with CONFLICT and changes nothing', async () => {
    const page = await publishedTreatment('Nerve Ablation', ['What is a trial?']);
    await attach(page.id, page.version, 'Does it hurt?');
    const stale = await editor.attempt(
      'attachFaq',
      'AttachFaqInput',
      { page: { type: 'TREATMENT', id: page.id }, version: page.version, faq: { id: faqs['How long does it take?'].id } },
      '__typename',
    );
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: page.version + 1 });
    expect(await draftFaqs('nerve-ablation')).toEqual(['What is a trial?', 'Does it hurt?']);
  });
});
