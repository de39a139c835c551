import { Role } from '../../src/auth/permissions';
import { bearer, type SignedInUser } from '../factories/accounts.factory';
import { useTestApp } from '../support/use-test-app';

const TREATMENT_FIELDS = 'id slug title summary version status conditions { name } faqs { question }';

describe("an editor's day: draft, preview, publish, edit, publish, restore", () => {
  const app = useTestApp();
  let editor: SignedInUser;

  beforeAll(async () => {
    editor = await app.accounts.signedIn(Role.EDITOR);
  });

  const asEditor = (query: string, variables?: Record<string, unknown>) => app.graphql(query, variables, editor.headers);
  const publicRead = (slug: string) => app.graphql(`query($slug: String) { treatment(slug: $slug) { ${TREATMENT_FIELDS} } }`, { slug });
  const draftRead = (slug: string, headers = editor.headers) =>
    app.graphql(`query($slug: String) { treatment(slug: $slug, stage: DRAFT) { ${TREATMENT_FIELDS} } }`, { slug }, headers);

  it('keeps the live page unchanged while a draft is edited, and changes it at publish', async () => {
    const created = await asEditor(`mutation($input: CreateTreatmentInput!) { createTreatment(input: $input) { ${TREATMENT_FIELDS} } }`, {
      input: { title: 'Spinal Cord Stimulation', summary: 'First summary.' },
    });
    expect(created.errors).toBeUndefined();
    const treatment = created.data.createTreatment;
    expect(treatment).toMatchObject({ slug: 'spinal-cord-stimulation', status: 'DRAFT', version: 1 });

    expect((await publicRead('spinal-cord-stimulation')).data.treatment).toBeNull();
    const preview = await draftRead('spinal-cord-stimulation');
    expect(preview.data.treatment.summary).toBe('First summary.');
    expect(preview.headers['cache-control']).toBe('private, no-store');

    const published = await asEditor(`mutation($input: DocumentVersionInput!) { publishTreatment(input: $input) { status version } }`, {
      input: { id: treatment.id, version: 1 },
    });
    expect(published.data.publishTreatment).toEqual({ status: 'PUBLISHED', version: 2 });
    expect((await publicRead('spinal-cord-stimulation')).data.treatment.summary).toBe('First summary.');

    const edited = await asEditor(
      `mutation($input: UpdateTreatmentInput!) { updateTreatment(input: $input) { summary version editorial { hasPendingDraft } } }`,
      { input: { id: treatment.id, version: 2, summary: 'Second summary.' } },
    );
    expect(edited.data.updateTreatment).toEqual({ summary: 'Second summary.', version: 3, editorial: { hasPendingDraft: true } });
    const live = await publicRead('spinal-cord-stimulation');
    expect(live.data.treatment).toMatchObject({ summary: 'First summary.', version: 2 });
    expect((await draftRead('spinal-cord-stimulation')).data.treatment.summary).toBe('Second summary.');

    await asEditor(`mutation($input: DocumentVersionInput!) { publishTreatment(input: $input) { version } }`, { input: { id: treatment.id, version: 3 } });
    expect((await publicRead('spinal-cord-stimulation')).data.treatment).toMatchObject({ summary: 'Second summary.', version: 4 });

    const revisions = await asEditor(
      `query($id: ID!) { revisions(documentType: TREATMENT, documentId: $id) { totalCount edges { node { id kind version } } } }`,
      { id: treatment.id },
    );
    expect(revisions.data.revisions.edges.map((edge: any) => [edge.node.kind, edge.node.version])).toEqual([
      ['PUBLISHED', 4],
      ['PUBLISHED', 2],
    ]);
    const first = revisions.data.revisions.edges[1].node.id;

    const restored = await asEditor(`mutation($input: RestoreRevisionInput!) { restoreTreatmentRevision(input: $input) { summary version } }`, {
      input: { id: treatment.id, version: 4, revisionId: first },
    });
    expect(restored.data.restoreTreatmentRevision).toEqual({ summary: 'First summary.', version: 5 });
    expect((await publicRead('spinal-cord-stimulation')).data.treatment.summary).toBe('Second summary.');
  });

  it('lets a preview token read drafts but not change anything', async () => {
    const token = await asEditor(`mutation { createPreviewToken(input: { documentType: TREATMENT }) { token } }`);
    expect(token.errors).toBeUndefined();
    const previewHeaders = bearer(token.data.createPreviewToken.token);
    const created = await asEditor(`mutation { createTreatment(input: { title: "Preview Only" }) { id } }`);
    expect((await draftRead('preview-only', previewHeaders)).data.treatment).toMatchObject({ title: 'Preview Only' });
    const attempt = await app.graphql(
      `mutation($input: DocumentVersionInput!) { publishTreatment(input: $input) { id } }`,
      { input: { id: created.data.createTreatment.id, version: 1 } },
      previewHeaders,
    );
    expect(attempt.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('refuses draft reads without a credential', async () => {
    const response = await app.graphql(`{ treatment(slug: "preview-only", stage: DRAFT) { id } }`);
    expect(response.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('two editors saving the same page', () => {
  const app = useTestApp();
  let alice: SignedInUser;
  let bob: SignedInUser;

  beforeAll(async () => {
    const accounts = app.accounts;
    [alice, bob] = [await accounts.signedIn(Role.EDITOR), await accounts.signedIn(Role.EDITOR)];
  });

  it("lets exactly one win and tells the other the current version, losing nothing of the winner's change", async () => {
    const created = await app.graphql(`mutation { createTreatment(input: { title: "Nerve Blocks", summary: "Original." }) { id version } }`, {}, alice.headers);
    const { id } = created.data.createTreatment;
    const update = `mutation($input: UpdateTreatmentInput!) { updateTreatment(input: $input) { summary body { markdown } version } }`;
    const [fromAlice, fromBob] = await Promise.all([
      app.graphql(update, { input: { id, version: 1, summary: 'Alice summary.', body: 'Alice body.' } }, alice.headers),
      app.graphql(update, { input: { id, version: 1, summary: 'Bob summary.' } }, bob.headers),
    ]);
    const outcomes = [fromAlice, fromBob];
    const winners = outcomes.filter((response) => !response.errors);
    const losers = outcomes.filter((response) => response.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0].errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2, yourVersion: 1 });

    const current = await app.graphql(`query($id: ID) { treatment(id: $id, stage: DRAFT) { summary body { markdown } version } }`, { id }, alice.headers);
    expect(current.data.treatment).toEqual(winners[0].data.updateTreatment);
  });
});
