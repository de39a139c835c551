import { Role } from '../../src/auth/permissions';
import { type EditorialClient, namesOf } from '../support/editorial-client';
import { useTestApp, signedInClient } from '../support/use-test-app';

describe('trash, restore and purge keep relations intact', () => {
  const app = useTestApp();
  let editor: EditorialClient;
  let admin: EditorialClient;

  beforeAll(async () => {
    editor = await signedInClient(app, Role.EDITOR);
    admin = await signedInClient(app, Role.ADMIN);
  });

  const publicTreatment = (slug: string) =>
    app.graphql(`query($slug: String) { treatment(slug: $slug) { id title conditions { name } faqs { question } } }`, { slug });
  const draftTreatment = (slug: string) =>
    editor.ok(`query($slug: String) { treatment(slug: $slug, stage: DRAFT) { id title version conditions { name } faqs { question } } }`, { slug });
  const publicCondition = (slug: string) =>
    app.graphql(`query($slug: String) { condition(slug: $slug) { id name treatments { title } faqs { question } } }`, { slug });
  const draftCondition = (slug: string) =>
    editor.ok(`query($slug: String) { condition(slug: $slug, stage: DRAFT) { id name version treatments { title } } }`, { slug });
  const trash = (type: string, id: string, detach?: boolean, client = editor) =>
    client.attempt(`trash${type}`, 'TrashDocumentInput', detach === undefined ? { id } : { id, detach }, 'id version editorial { trashedAt }');
  const restore = (type: string, id: string) => editor.mutate(`restore${type}`, 'DocumentIdInput', { id }, 'id version editorial { trashedAt }');
  const purge = (type: string, id: string, client = admin) => client.attempt(`purge${type}`, 'DocumentIdInput', { id }, 'id type');

  async function publishedCondition(name: string) {
    const condition = await editor.createCondition({ name });
    return { ...condition, ...(await editor.publish('Condition', condition)) };
  }

  async function publishedTreatment(input: Record<string, unknown>) {
    const treatment = await editor.createTreatment(input);
    return { ...treatment, ...(await editor.publish('Treatment', treatment)) };
  }

  it('refuses to trash a condition a published treatment uses, naming the treatment in the message and in extensions.references', async () => {
    const condition = await publishedCondition('Sciatica');
    const treatment = await publishedTreatment({ title: 'Lumbar Epidural', conditions: [{ id: condition.id }] });

    const refused = await trash('Condition', condition.id);
    expect(refused.errors?.[0].extensions.code).toBe('CONFLICT');
    expect(refused.errors?.[0].message).toContain('Treatment "Lumbar Epidural"');
    expect(refused.errors?.[0].extensions.references).toEqual([{ type: 'TREATMENT', id: treatment.id, label: 'Treatment "Lumbar Epidural"' }]);
    // Nothing changed: the condition is still live and still on the page.
    expect(namesOf((await publicTreatment('lumbar-epidural')).data.treatment.conditions)).toEqual(['Sciatica']);
    expect((await publicCondition('sciatica')).data.condition).not.toBeNull();
  });

  it('trashes it with detach: true, and the treatment no longer lists it, publicly or in its draft', async () => {
    const condition = await publishedCondition('Facet Arthropathy');
    const kept = await publishedCondition('Spondylosis');
    await publishedTreatment({ title: 'Medial Branch Block', conditions: [{ id: condition.id }, { id: kept.id }] });

    const trashed = await trash('Condition', condition.id, true);
    expect(trashed.errors).toBeUndefined();
    expect(trashed.data.trashCondition.editorial.trashedAt).toEqual(expect.any(String));

    expect(namesOf((await publicTreatment('medial-branch-block')).data.treatment.conditions)).toEqual(['Spondylosis']);
    expect(namesOf((await draftTreatment('medial-branch-block')).treatment.conditions)).toEqual(['Spondylosis']);
  });

  it("takes a detached document out of a published page's pending draft too, so neither restoring it nor publishing the draft brings the link back", async () => {
    const condition = await publishedCondition('Thoracic Pain');
    const treatment = await publishedTreatment({ title: 'Intercostal Block', summary: 'Live.', conditions: [{ id: condition.id }] });
    const draft = await editor.mutate('updateTreatment', 'UpdateTreatmentInput', { id: treatment.id, version: treatment.version, summary: 'Edited.' });

    expect((await trash('Condition', condition.id, true)).errors).toBeUndefined();
    await restore('Condition', condition.id);
    expect((await draftTreatment('intercostal-block')).treatment.conditions).toEqual([]);
    await editor.publish('Treatment', draft);
    expect((await publicTreatment('intercostal-block')).data.treatment.conditions).toEqual([]);
  });

  it('hides a trashed document from the public and from stage DRAFT, by slug, by id, in lists and through relations', async () => {
    const condition = await editor.createCondition({ name: 'Draft Only Neuralgia' });
    await editor.createTreatment({ title: 'Draft Only Block', conditions: [{ id: condition.id }] });
    expect((await trash('Condition', condition.id)).errors).toBeUndefined();

    expect((await publicCondition('draft-only-neuralgia')).data.condition).toBeNull();
    expect((await draftCondition('draft-only-neuralgia')).condition).toBeNull();
    expect((await editor.ok(`query($id: ID) { condition(id: $id, stage: DRAFT) { id } }`, { id: condition.id })).condition).toBeNull();
    const list = await editor.ok(`{ conditions(stage: DRAFT, first: 100) { edges { node { id } } } }`);
    expect(list.conditions.edges.map((edge: any) => edge.node.id)).not.toContain(condition.id);
    expect((await draftTreatment('draft-only-block')).treatment.conditions).toEqual([]);
  });

  it('brings a trashed treatment back with its conditions and FAQs when restored', async () => {
    const condition = await publishedCondition('Radiculopathy');
    const faq = await editor.createFaq({ question: 'Is the block painful?', answer: 'A little.' });
    await editor.publish('Faq', faq);
    const treatment = await publishedTreatment({ title: 'Transforaminal Injection', conditions: [{ id: condition.id }], faqs: [{ id: faq.id }] });

    expect((await trash('Treatment', treatment.id)).errors).toBeUndefined();
    expect((await publicTreatment('transforaminal-injection')).data.treatment).toBeNull();
    expect((await publicCondition('radiculopathy')).data.condition.treatments).toEqual([]);

    const restored = await restore('Treatment', treatment.id);
    expect(restored.editorial.trashedAt).toBeNull();
    const live = (await publicTreatment('transforaminal-injection')).data.treatment;
    expect(namesOf(live.conditions)).toEqual(['Radiculopathy']);
    expect(namesOf(live.faqs)).toEqual(['Is the block painful?']);
    expect(namesOf((await publicCondition('radiculopathy')).data.condition.treatments)).toEqual(['Transforaminal Injection']);
  });

  it('brings a trashed condition back onto the draft treatments that link to it when restored', async () => {
    const condition = await editor.createCondition({ name: 'Occipital Neuralgia' });
    await editor.createTreatment({ title: 'Occipital Nerve Block', conditions: [{ id: condition.id }] });
    expect((await trash('Condition', condition.id)).errors).toBeUndefined();
    expect((await draftTreatment('occipital-nerve-block')).treatment.conditions).toEqual([]);

    await restore('Condition', condition.id);
    expect(namesOf((await draftTreatment('occipital-nerve-block')).treatment.conditions)).toEqual(['Occipital Neuralgia']);
  });

  it("never deletes a treatment's FAQs when the treatment is trashed", async () => {
    const faq = await editor.createFaq({ question: 'How long does relief last?', answer: 'Months.' });
    await editor.publish('Faq', faq);
    const treatment = await publishedTreatment({ title: 'Genicular Block', faqs: [{ id: faq.id }] });

    expect((await trash('Treatment', treatment.id)).errors).toBeUndefined();
    const stillThere = await app.graphql(`query($id: ID) { faq(id: $id) { question } }`, { id: faq.id });
    expect(stillThere.data.faq).toEqual({ question: 'How long does relief last?' });
  });

  it('refuses to edit a trashed document with CONFLICT', async () => {
    const treatment = await editor.createTreatment({ title: 'Trashed Then Edited' });
    const trashed = await trash('Treatment', treatment.id);
    const attempt = await editor.attempt('updateTreatment', 'UpdateTreatmentInput', {
      id: treatment.id,
      version: trashed.data.trashTreatment.version,
      summary: 'Changed.',
    });
    expect(attempt.errors?.[0].extensions.code).toBe('CONFLICT');
    expect(attempt.errors?.[0].message).toContain('trash');
  });

  it('lets only admins purge (an editor gets FORBIDDEN), and only documents in the trash (else CONFLICT)', async () => {
    const treatment = await editor.createTreatment({ title: 'Purge Candidate' });
    expect((await purge('Treatment', treatment.id)).errors?.[0].extensions.code).toBe('CONFLICT');

    await trash('Treatment', treatment.id);
    expect((await purge('Treatment', treatment.id, editor)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    const purged = await purge('Treatment', treatment.id);
    expect(purged.errors).toBeUndefined();
    expect(purged.data.purgeTreatment).toEqual({ id: treatment.id, type: 'TREATMENT' });
    const [{ count }] = await app.dataSource.query('SELECT count(*)::int AS count FROM treatments WHERE id = $1', [treatment.id]);
    expect(count).toBe(0);
  });

  it("removes a purged treatment's join rows but keeps its shared FAQs, which stay on the other pages", async () => {
    const condition = await publishedCondition('Knee Osteoarthritis');
    const shared = await editor.createFaq({ question: 'Will I need a driver?', answer: 'Yes.' });
    await editor.publish('Faq', shared);
    const other = await publishedTreatment({ title: 'Hyaluronic Acid Injection', faqs: [{ id: shared.id }] });
    const treatment = await publishedTreatment({ title: 'Radiofrequency Ablation', conditions: [{ id: condition.id }], faqs: [{ id: shared.id }] });

    await trash('Treatment', treatment.id);
    expect((await purge('Treatment', treatment.id)).errors).toBeUndefined();

    const joinRows = await app.dataSource.query(
      `SELECT 'condition' AS kind FROM treatment_conditions WHERE treatment_id = $1 UNION ALL SELECT 'faq' FROM faq_placements WHERE owner_id = $1`,
      [treatment.id],
    );
    expect(joinRows).toEqual([]);
    expect((await app.graphql(`query($id: ID) { faq(id: $id) { question } }`, { id: shared.id })).data.faq).toEqual({ question: 'Will I need a driver?' });
    expect(namesOf((await publicTreatment('hyaluronic-acid-injection')).data.treatment.faqs)).toEqual(['Will I need a driver?']);
    expect((await publicCondition('knee-osteoarthritis')).data.condition.treatments).toEqual([]);
    expect(other.id).toBeDefined();
  });

  it('publishes a draft that still links to a document purged since, without the purged link', async () => {
    const condition = await publishedCondition('Piriformis Syndrome');
    const kept = await publishedCondition('Sacroiliac Joint Pain');
    const treatment = await publishedTreatment({ title: 'Piriformis Injection' });
    const edited = await editor.mutate('updateTreatment', 'UpdateTreatmentInput', {
      id: treatment.id,
      version: treatment.version,
      conditions: [{ id: condition.id }, { id: kept.id }],
    });

    // The live treatment does not link to it, so trashing is allowed; the draft still does.
    expect((await trash('Condition', condition.id)).errors).toBeUndefined();
    expect((await purge('Condition', condition.id)).errors).toBeUndefined();

    const published = await editor.attempt(
      'publishTreatment',
      'DocumentVersionInput',
      { id: treatment.id, version: edited.version },
      'id version conditions { name }',
    );
    expect(published.errors).toBeUndefined();
    expect(namesOf((await publicTreatment('piriformis-injection')).data.treatment.conditions)).toEqual(['Sacroiliac Joint Pain']);
  });
});

describe('relations to documents that are not published', () => {
  const app = useTestApp();
  let editor: EditorialClient;

  beforeAll(async () => {
    editor = await signedInClient(app, Role.EDITOR);
  });

  it("keeps a published treatment's link to a draft condition: hidden publicly, shown at DRAFT, reported, and live once the condition is published", async () => {
    const draftCondition = await editor.createCondition({ name: 'Complex Regional Pain Syndrome' });
    const liveCondition = await editor.createCondition({ name: 'Neuropathy' });
    await editor.publish('Condition', liveCondition);
    const treatment = await editor.createTreatment({ title: 'Sympathetic Block', conditions: [{ id: draftCondition.id }, { id: liveCondition.id }] });
    const published = await editor.mutate(
      'publishTreatment',
      'DocumentVersionInput',
      { id: treatment.id, version: treatment.version },
      'id version editorial { unpublishedDependencies { type id label status } }',
    );

    expect(published.editorial.unpublishedDependencies).toEqual([
      { type: 'CONDITION', id: draftCondition.id, label: 'Condition "Complex Regional Pain Syndrome"', status: 'DRAFT' },
    ]);
    const publicRead = () => app.graphql(`{ treatment(slug: "sympathetic-block") { conditions { name } } }`);
    expect(namesOf((await publicRead()).data.treatment.conditions)).toEqual(['Neuropathy']);
    const preview = await editor.ok(
      `{ treatment(slug: "sympathetic-block", stage: DRAFT) { conditions { name } editorial { unpublishedDependencies { id } } } }`,
    );
    expect(namesOf(preview.treatment.conditions)).toEqual(['Complex Regional Pain Syndrome', 'Neuropathy']);
    expect(preview.treatment.editorial.unpublishedDependencies).toEqual([{ id: draftCondition.id }]);

    await editor.publish('Condition', draftCondition);
    expect(namesOf((await publicRead()).data.treatment.conditions)).toEqual(['Complex Regional Pain Syndrome', 'Neuropathy']);
    const after = await editor.ok(`{ treatment(slug: "sympathetic-block", stage: DRAFT) { editorial { unpublishedDependencies { id } } } }`);
    expect(after.treatment.editorial.unpublishedDependencies).toEqual([]);
  });

  it('keeps the link when the condition is unpublished again, and shows it once republished', async () => {
    const condition = await editor.createCondition({ name: 'Post-Laminectomy Syndrome' });
    const live = await editor.publish('Condition', condition);
    await editor.publish('Treatment', await editor.createTreatment({ title: 'Spinal Cord Stimulator Trial', conditions: [{ id: condition.id }] }));
    const publicRead = () => app.graphql(`{ treatment(slug: "spinal-cord-stimulator-trial") { conditions { name } } }`);
    expect(namesOf((await publicRead()).data.treatment.conditions)).toEqual(['Post-Laminectomy Syndrome']);

    const unpublished = await editor.mutate('unpublishCondition', 'DocumentVersionInput', { id: condition.id, version: live.version });
    expect((await publicRead()).data.treatment.conditions).toEqual([]);
    await editor.publish('Condition', unpublished);
    expect(namesOf((await publicRead()).data.treatment.conditions)).toEqual(['Post-Laminectomy Syndrome']);
  });
});
