import { DocumentStatus, DocumentType } from '../../src/content/documents/document-status';
import { BodyRegion } from '../../src/conditions/body-region.enums';
import { type Condition } from '../../src/conditions/condition.entity';
import { dataOf, expectBadUserInput } from '../common/expectations';
import { useTestApp } from '../support/use-test-app';
import { ConditionByIdDocument, ConditionBySlugDocument } from '../operations/generated';

describe('condition queries', () => {
  const app = useTestApp();
  const factory = app.content;
  const namesOf = (connection: { edges: { node: { name: string } }[] }) => connection.edges.map((edge) => edge.node.name);
  const list = async (args: string) => dataOf(await app.graphql(`{ conditions(${args}) { totalCount edges { node { name } } } }`)).conditions;

  describe('one condition', () => {
    let crps: Condition;

    beforeAll(async () => {
      crps = await factory.condition({
        name: 'Complex Regional Pain Syndrome (CRPS)',
        aliases: ['RSD', 'Reflex sympathetic dystrophy'],
        bodyRegion: BodyRegion.NERVES,
        symptoms: ['Burning pain', 'Swelling'],
        icd10Codes: ['G90.50'],
      });
    });

    it('returns a published condition by slug with its fields', async () => {
      const response = await app.graphql(
        `{ condition(slug: "complex-regional-pain-syndrome-crps") { id name aliases bodyRegion symptoms icd10Codes summary body { markdown } } }`,
      );
      expect(dataOf(response).condition).toEqual({
        id: crps.id,
        name: 'Complex Regional Pain Syndrome (CRPS)',
        aliases: ['RSD', 'Reflex sympathetic dystrophy'],
        bodyRegion: 'NERVES',
        symptoms: ['Burning pain', 'Swelling'],
        icd10Codes: ['G90.50'],
        summary: 'Complex Regional Pain Syndrome (CRPS) summary.',
        body: { markdown: '' },
      });
    });

    it('returns a published condition by id', async () => {
      const response = await app.graphql(ConditionByIdDocument, { id: crps.id });
      expect(dataOf(response).condition).toEqual({ slug: 'complex-regional-pain-syndrome-crps' });
    });

    it('answers a former slug with the canonical slug', async () => {
      await factory.formerSlug(DocumentType.CONDITION, crps.id, 'crps');
      const response = await app.graphql(ConditionBySlugDocument, { slug: 'crps' });
      expect(dataOf(response).condition).toEqual({ id: crps.id, slug: 'complex-regional-pain-syndrome-crps' });
    });

    it('does not answer a former slug of a treatment', async () => {
      const treatment = await factory.treatment({ title: 'Only A Treatment' });
      await factory.formerSlug(DocumentType.TREATMENT, treatment.id, 'shared-old-slug');
      const response = await app.graphql(`{ condition(slug: "shared-old-slug") { id } }`);
      expect(dataOf(response).condition).toBeNull();
    });

    it('rejects both id and slug, or neither, as BAD_USER_INPUT', async () => {
      expectBadUserInput(await app.graphql(`query ($id: ID!) { condition(id: $id, slug: "crps") { id } }`, { id: crps.id }));
      expectBadUserInput(await app.graphql(`{ condition { id } }`));
    });

    it('hides draft and trashed conditions', async () => {
      const draft = await factory.condition({ name: 'Draft Condition', status: DocumentStatus.DRAFT });
      const trashed = await factory.condition({ name: 'Trashed Condition', deletedAt: new Date() });
      const response = await app.graphql(
        `query ($draft: ID!, $trashed: ID!) {
          a: condition(slug: "draft-condition") { id }
          b: condition(id: $draft) { id }
          c: condition(slug: "trashed-condition") { id }
          d: condition(id: $trashed) { id }
          conditions(filter: { text: "Condition" }, first: 100) { edges { node { name } } }
        }`,
        { draft: draft.id, trashed: trashed.id },
      );
      const data = dataOf(response);
      expect(data).toMatchObject({ a: null, b: null, c: null, d: null });
      expect(namesOf(data.conditions)).not.toEqual(expect.arrayContaining(['Draft Condition']));
      expect(namesOf(data.conditions)).not.toEqual(expect.arrayContaining(['Trashed Condition']));
    });
  });

  describe('lists', () => {
    beforeAll(async () => {
      const herniated = await factory.condition({
        name: 'List Herniated Disc',
        aliases: ['Slipped disc', 'Bulging disc'],
        bodyRegion: BodyRegion.LOWER_BACK,
        symptoms: ['Sciatica', 'Leg numbness'],
        summary: 'The soft center of a disc pushes out.',
        body: 'Often follows lifting.',
      });

      const neck = await factory.condition({
        name: 'List Neck Pain',
        bodyRegion: BodyRegion.NECK,
        symptoms: ['Stiffness'],
        summary: 'Pain in the cervical spine.',
      });
      await factory.condition({
        name: 'List Back Pain',
        bodyRegion: BodyRegion.LOWER_BACK,
        summary: 'Pain in the lumbar spine.',
        body: 'Very common after forty.',
      });

      const draftTreatmentOnly = await factory.condition({ name: 'List Hidden Link', bodyRegion: BodyRegion.CHEST });
      const epidural = await factory.treatment({ title: 'List Epidural' });
      const draft = await factory.treatment({ title: 'List Draft Treatment', status: DocumentStatus.DRAFT });
      await factory.treatmentConditions(epidural, [neck, herniated]);
      await factory.treatmentConditions(draft, [draftTreatmentOnly]);
    });

    it('sorts by name A to Z by default', async () => {
      expect(namesOf(await list('filter: { text: "List" }'))).toEqual(['List Back Pain', 'List Herniated Disc', 'List Hidden Link', 'List Neck Pain']);
    });

    it('filters by treatment slug, ignoring draft treatments', async () => {
      expect(namesOf(await list('filter: { treatment: "list-epidural" }'))).toEqual(['List Herniated Disc', 'List Neck Pain']);
      expect(await list('filter: { treatment: "list-draft-treatment" }')).toEqual({ totalCount: 0, edges: [] });
    });

    it('filters by body region', async () => {
      expect(namesOf(await list('filter: { bodyRegion: LOWER_BACK }'))).toEqual(['List Back Pain', 'List Herniated Disc']);
    });

    it('finds text in the name, aliases, symptoms, summary and body', async () => {
      expect(namesOf(await list('filter: { text: "herniated" }'))).toEqual(['List Herniated Disc']);
      expect(namesOf(await list('filter: { text: "slipped disc" }'))).toEqual(['List Herniated Disc']);
      expect(namesOf(await list('filter: { text: "Bulging" }'))).toEqual(['List Herniated Disc']);
      expect(namesOf(await list('filter: { text: "numbness" }'))).toEqual(['List Herniated Disc']);
      expect(namesOf(await list('filter: { text: "stiffness" }'))).toEqual(['List Neck Pain']);
      expect(namesOf(await list('filter: { text: "cervical" }'))).toEqual(['List Neck Pain']);
      expect(namesOf(await list('filter: { text: "lifting" }'))).toEqual(['List Herniated Disc']);
    });

    it('combines filters', async () => {
      expect(namesOf(await list('filter: { bodyRegion: LOWER_BACK, text: "lumbar" }'))).toEqual(['List Back Pain']);
    });

    it('sorts by name descending', async () => {
      expect(namesOf(await list('filter: { text: "List" }, orderBy: { field: NAME, direction: DESC }'))).toEqual([
        'List Neck Pain',
        'List Hidden Link',
        'List Herniated Disc',
        'List Back Pain',
      ]);
    });

    it('pages through conditions with cursors', async () => {
      const first = dataOf(
        await app.graphql(`{ conditions(first: 2, filter: { text: "List" }) { edges { node { name } } pageInfo { endCursor hasNextPage } } }`),
      ).conditions;
      expect(first.pageInfo.hasNextPage).toBe(true);
      const second = await list(`first: 2, after: "${first.pageInfo.endCursor}", filter: { text: "List" }`);
      expect([...namesOf(first), ...namesOf(second)]).toEqual(['List Back Pain', 'List Herniated Disc', 'List Hidden Link', 'List Neck Pain']);
    });
  });

  describe('related content', () => {
    it("lists a condition's published treatments by title and its FAQs in position order", async () => {
      const condition = await factory.condition({ name: 'Related Sciatica' });
      const treatments = [
        await factory.treatment({ title: 'Related Zeta Injection' }),
        await factory.treatment({ title: 'Related Alpha Therapy' }),
        await factory.treatment({ title: 'Related Draft', status: DocumentStatus.DRAFT }),
        await factory.treatment({ title: 'Related Trashed', deletedAt: new Date() }),
      ];
      for (const treatment of treatments) await factory.treatmentConditions(treatment, [condition]);
      const faqs = [
        await factory.faq({ question: 'Zeta: is it serious?' }),
        await factory.faq({ question: 'Alpha: will it go away?' }),
        await factory.faq({ question: 'Draft?', status: DocumentStatus.DRAFT }),
      ];
      await factory.placeFaqs(DocumentType.CONDITION, condition.id, faqs, [1, 2, 0]);

      const response = await app.graphql(`{ condition(slug: "related-sciatica") { treatments { title } faqs { question } } }`);

      expect(dataOf(response).condition).toEqual({
        treatments: [{ title: 'Related Alpha Therapy' }, { title: 'Related Zeta Injection' }],
        faqs: [{ question: 'Zeta: is it serious?' }, { question: 'Alpha: will it go away?' }],
      });
    });

    it("does not show a treatment's FAQs on a condition page with the same id space", async () => {
      const condition = await factory.condition({ name: 'Own Faqs Only' });
      const faq = await factory.faq({ question: 'Placed on a treatment?' });
      await factory.placeFaqs(DocumentType.TREATMENT, condition.id, [faq]);
      const response = await app.graphql(`{ condition(slug: "own-faqs-only") { faqs { question } } }`);
      expect(dataOf(response).condition.faqs).toEqual([]);
    });
  });
});
