import { Role } from '../../src/auth/permissions';
import { DocumentStatus } from '../../src/content/documents/document-status';
import { type Provider } from '../../src/providers/provider.entity';
import { dataOf, expectBadUserInput } from '../common/expectations';
import { type EditorialClient, eventually } from '../support/editorial-client';
import { signedInClient, useTestApp } from '../support/use-test-app';

const REVIEW = 'medicalReview { reviewedBy { displayName } reviewedAt nextReviewDue notes } lastReviewed';

/** A YYYY-MM-DD date `days` from today (UTC). */
function daysFromToday(days: number): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

describe('clinical review of treatments, conditions and FAQs', () => {
  const app = useTestApp({ SCHEDULER_INTERVAL_MS: '200' });
  let editor: EditorialClient;
  let admin: EditorialClient;
  let reviewer: Provider;

  const setPolicy = (policy: 'OFF' | 'WARN' | 'REQUIRE') =>
    admin.mutate('updateMedicalReviewSettings', 'UpdateMedicalReviewSettingsInput', { policy }, 'policy intervalMonths');
  const publishTreatment = ({ id, version }: { id: string; version: number }) =>
    editor.call(`mutation($input: DocumentVersionInput!) { publishTreatment(input: $input) { id version status } }`, { input: { id, version } });

  beforeAll(async () => {
    editor = await signedInClient(app, Role.EDITOR);
    admin = await signedInClient(app, Role.ADMIN);
    reviewer = await app.content.provider({ firstName: 'Anjum', lastName: 'Bux', credentials: ['MD'], slug: 'anjum-bux' });
  });

  it('is edited in the draft, goes live at publish, and comes back with a restored revision', async () => {
    await setPolicy('WARN');
    const created = await editor.createTreatment(
      {
        title: 'Spinal Cord Stimulation',
        medicalReview: { reviewedById: reviewer.id, reviewedAt: '2026-03-01', notes: 'Checked against the device labeling.' },
      },
      `id version ${REVIEW}`,
    );
    // Without a due date, the next review is due after the practice's interval (12 months by default).
    expect(created.medicalReview).toEqual({
      reviewedBy: { displayName: 'Anjum Bux, MD' },
      reviewedAt: '2026-03-01',
      nextReviewDue: '2027-03-01',
      notes: 'Checked against the device labeling.',
    });
    const published = await editor.publish('Treatment', created);

    const publicRead = async () => dataOf(await app.graphql(`{ treatment(slug: "spinal-cord-stimulation") { ${REVIEW} } }`)).treatment;
    expect(await publicRead()).toMatchObject({
      lastReviewed: '2026-03-01',
      medicalReview: { reviewedAt: '2026-03-01', reviewedBy: { displayName: 'Anjum Bux, MD' } },
    });

    const edited = await editor.mutate(
      'updateTreatment',
      'UpdateTreatmentInput',
      {
        id: published.id,
        version: published.version,
        medicalReview: { reviewedById: reviewer.id, reviewedAt: daysFromToday(0), nextReviewDue: daysFromToday(180) },
      },
      `id version ${REVIEW}`,
    );
    expect(edited.medicalReview).toMatchObject({ reviewedAt: daysFromToday(0), nextReviewDue: daysFromToday(180), notes: null });
    expect((await publicRead()).lastReviewed).toBe('2026-03-01');

    const republished = await editor.publish('Treatment', edited);
    expect(await publicRead()).toMatchObject({ lastReviewed: daysFromToday(0), medicalReview: { nextReviewDue: daysFromToday(180), notes: null } });

    const revisions = await editor.ok(`query($id: ID!) { revisions(documentType: TREATMENT, documentId: $id) { edges { node { id version } } } }`, {
      id: published.id,
    });
    const first = revisions.revisions.edges.find((edge: { node: { version: number } }) => edge.node.version === published.version).node;
    const restored = await editor.mutate(
      'restoreTreatmentRevision',
      'RestoreRevisionInput',
      { id: published.id, version: republished.version, revisionId: first.id },
      `id version ${REVIEW}`,
    );
    expect(restored.lastReviewed).toBe('2026-03-01');
    await editor.publish('Treatment', restored);
    expect((await publicRead()).medicalReview.notes).toBe('Checked against the device labeling.');
  });

  it('refuses malformed dates, an unknown reviewer and a next review before the review, naming the field', async () => {
    const review = (medicalReview: Record<string, unknown>) => editor.attempt('createCondition', 'CreateConditionInput', { name: 'Sciatica', medicalReview });
    expectBadUserInput(await review({ reviewedById: reviewer.id, reviewedAt: '2026-02-30' }), 'input.medicalReview.reviewedAt');
    expectBadUserInput(await review({ reviewedById: reviewer.id, reviewedAt: '2026-03-01', nextReviewDue: '03/01/2027' }), 'input.medicalReview.nextReviewDue');
    expectBadUserInput(await review({ reviewedById: '00000000-0000-4000-8000-000000000000', reviewedAt: '2026-03-01' }), 'input.medicalReview.reviewedById');
    expectBadUserInput(await review({ reviewedById: reviewer.id, reviewedAt: '2026-03-01', nextReviewDue: '2026-02-28' }), 'input.medicalReview.nextReviewDue');
  });

  it('shows the public only a published reviewer', async () => {
    const newcomer = await app.content.provider({ firstName: 'Draft', lastName: 'Reviewer', status: DocumentStatus.DRAFT });
    const faq = await editor.createFaq(
      {
        question: 'Does the pump need refilling?',
        answer: 'Yes, at office visits.',
        medicalReview: { reviewedById: newcomer.id, reviewedAt: daysFromToday(0) },
      },
      'id version',
    );
    await editor.publish('Faq', faq);
    const read = dataOf(await app.graphql(`query($id: ID!) { faq(id: $id) { ${REVIEW} } }`, { id: faq.id })).faq;
    expect(read.medicalReview).toMatchObject({ reviewedAt: daysFromToday(0), reviewedBy: null });
  });

  it('lists pages whose review is missing or overdue, most urgent first, for editors only', async () => {
    const overdue = await editor.createCondition(
      { name: 'Failed Back Surgery Syndrome', medicalReview: { reviewedById: reviewer.id, reviewedAt: '2025-01-10', nextReviewDue: '2026-01-10' } },
      'id version',
    );
    const missing = await editor.createFaq({ question: 'Is the trial painful?', answer: 'Most patients feel pressure only.' }, 'id version');
    const current = await editor.createCondition(
      { name: 'Arachnoiditis', medicalReview: { reviewedById: reviewer.id, reviewedAt: daysFromToday(0), nextReviewDue: daysFromToday(300) } },
      'id version',
    );
    const query = `query($status: [MedicalReviewStatus!], $types: [DocumentType!]) {
      medicalReviewsDue(status: $status, types: $types, first: 100) {
        totalCount edges { node { documentType id title slug reviewStatus medicalReview { reviewedAt nextReviewDue reviewedBy { displayName } } } }
      }
    }`;
    const due = (await editor.ok(query)).medicalReviewsDue;
    const ids = due.edges.map((edge: { node: { id: string } }) => edge.node.id);
    expect(ids).toContain(overdue.id);
    expect(ids).toContain(missing.id);
    expect(ids).not.toContain(current.id);
    const nodes = due.edges.map((edge: { node: unknown }) => edge.node);
    expect(nodes.find((node: { id: string }) => node.id === overdue.id)).toEqual({
      documentType: 'CONDITION',
      id: overdue.id,
      title: 'Failed Back Surgery Syndrome',
      slug: 'failed-back-surgery-syndrome',
      reviewStatus: 'OVERDUE',
      medicalReview: { reviewedAt: '2025-01-10', nextReviewDue: '2026-01-10', reviewedBy: { displayName: 'Anjum Bux, MD' } },
    });
    expect(nodes.find((node: { id: string }) => node.id === missing.id)).toMatchObject({ documentType: 'FAQ', reviewStatus: 'MISSING', medicalReview: null });
    // Missing reviews come first, then the overdue ones.
    const statuses = nodes.map((node: { reviewStatus: string }) => node.reviewStatus);
    expect(statuses.lastIndexOf('MISSING')).toBeLessThan(statuses.indexOf('OVERDUE'));

    const soon = (await editor.ok(query, { status: ['DUE_SOON'], types: ['CONDITION'] })).medicalReviewsDue;
    expect(soon.edges.map((edge: { node: { id: string } }) => edge.node.id)).not.toContain(current.id);

    const anonymous = await app.graphql('{ medicalReviewsDue { totalCount } }');
    expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('pages through the list with cursors', async () => {
    const first = (await editor.ok('{ medicalReviewsDue(first: 1) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }'))
      .medicalReviewsDue;
    expect(first.totalCount).toBeGreaterThan(1);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (
      await editor.ok('query($after: String) { medicalReviewsDue(first: 1, after: $after) { edges { node { id } } } }', { after: first.pageInfo.endCursor })
    ).medicalReviewsDue;
    expect(second.edges[0].node.id).not.toBe(first.edges[0].node.id);
    expectBadUserInput(await editor.call('{ medicalReviewsDue(after: "nonsense") { totalCount } }'), 'after');
  });

  it('REQUIRE refuses to publish a page without a current review, naming what is missing, and accepts one with it', async () => {
    expect(await setPolicy('REQUIRE')).toEqual({ policy: 'REQUIRE', intervalMonths: 12 });
    const unreviewed = await editor.createTreatment({ title: 'Radiofrequency Ablation' });
    const refused = expectBadUserInput(await publishTreatment(unreviewed), 'medicalReview.reviewedAt');
    expect(refused.extensions.reason).toBe('MEDICAL_REVIEW_MISSING');
    expect(refused.message).toMatch(/Treatment "Radiofrequency Ablation" cannot be published: it has no medical review/);
    expect(dataOf(await app.graphql('{ treatment(slug: "radiofrequency-ablation") { id } }')).treatment).toBeNull();

    const stale = await editor.mutate('updateTreatment', 'UpdateTreatmentInput', {
      id: unreviewed.id,
      version: unreviewed.version,
      medicalReview: { reviewedById: reviewer.id, reviewedAt: '2024-05-01', nextReviewDue: '2025-05-01' },
    });
    const overdue = expectBadUserInput(await publishTreatment(stale), 'medicalReview.nextReviewDue');
    expect(overdue.extensions.reason).toBe('MEDICAL_REVIEW_OVERDUE');

    const reviewed = await editor.mutate('updateTreatment', 'UpdateTreatmentInput', {
      ...stale,
      medicalReview: { reviewedById: reviewer.id, reviewedAt: daysFromToday(0) },
    });
    const accepted = await publishTreatment(reviewed);
    expect(dataOf(accepted).publishTreatment.status).toBe('PUBLISHED');
    expect(accepted.extensions?.warnings).toBeUndefined();
  });

  it('WARN publishes and says what is missing in extensions.warnings; OFF says nothing', async () => {
    await setPolicy('WARN');
    const warned = await editor.createTreatment({ title: 'Epidural Steroid Injection' });
    const response = await publishTreatment(warned);
    expect(dataOf(response).publishTreatment.status).toBe('PUBLISHED');
    expect(response.extensions?.warnings).toEqual([
      expect.objectContaining({
        code: 'MEDICAL_REVIEW_MISSING',
        documentType: 'TREATMENT',
        documentId: warned.id,
        message: expect.stringMatching(/no medical review/),
      }),
    ]);

    await setPolicy('OFF');
    const silent = await editor.createTreatment({ title: 'Kyphoplasty' });
    const quiet = await publishTreatment(silent);
    expect(dataOf(quiet).publishTreatment.status).toBe('PUBLISHED');
    expect(quiet.extensions?.warnings).toBeUndefined();
    await setPolicy('WARN');
  });

  it('checks conditions and FAQs the same way, and a scheduled publish under REQUIRE fails naming what is missing', async () => {
    const faq = await editor.createFaq({ question: 'Will I feel the pump?', answer: 'Most patients get used to it.' }, 'id version');
    const warned = await editor.call(`mutation($input: DocumentVersionInput!) { publishFaq(input: $input) { status } }`, { input: faq });
    expect(warned.extensions?.warnings).toEqual([expect.objectContaining({ code: 'MEDICAL_REVIEW_MISSING', documentType: 'FAQ', documentId: faq.id })]);

    await setPolicy('REQUIRE');
    const condition = await editor.createCondition({ name: 'Post-Laminectomy Syndrome' }, 'id version');
    const scheduled = await editor.mutate(
      'schedulePublishCondition',
      'ScheduleInput',
      { id: condition.id, at: new Date(Date.now() + 500).toISOString() },
      'id',
    );
    const [failed] = await eventually(
      async () => {
        const rows = await app.dataSource.query(`SELECT status, last_error FROM scheduled_actions WHERE id = $1 AND status <> 'PENDING'`, [scheduled.id]);
        return rows.length ? rows : null;
      },
      { what: 'the scheduled publish to run' },
    );
    expect(failed).toEqual({
      status: 'FAILED',
      last_error: expect.stringMatching(/Condition "Post-Laminectomy Syndrome" cannot be published: it has no medical review/),
    });
    expect(dataOf(await app.graphql('{ condition(slug: "post-laminectomy-syndrome") { id } }')).condition).toBeNull();
    await setPolicy('WARN');
  });

  it('lets only admins change the policy, validating the interval', async () => {
    const refused = await editor.attempt('updateMedicalReviewSettings', 'UpdateMedicalReviewSettingsInput', { policy: 'OFF' }, 'policy');
    expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expectBadUserInput(
      await admin.attempt('updateMedicalReviewSettings', 'UpdateMedicalReviewSettingsInput', { intervalMonths: 0 }, 'policy'),
      'input.intervalMonths',
    );
    expect(await admin.mutate('updateMedicalReviewSettings', 'UpdateMedicalReviewSettingsInput', { intervalMonths: 6 }, 'policy intervalMonths')).toEqual({
      policy: 'WARN',
      intervalMonths: 6,
    });
    const created = await editor.createFaq(
      { question: 'How long does a refill take?', answer: 'A few minutes.', medicalReview: { reviewedById: reviewer.id, reviewedAt: '2026-01-31' } },
      'medicalReview { nextReviewDue }',
    );
    // Six months after January 31st is the last day of July.
    expect(created.medicalReview.nextReviewDue).toBe('2026-07-31');
    expect((await editor.ok('{ medicalReviewSettings { policy intervalMonths } }')).medicalReviewSettings).toEqual({ policy: 'WARN', intervalMonths: 6 });
  });

  it('clears the reviewer of pages and drafts when the provider is purged', async () => {
    const leaving = await app.content.provider({ firstName: 'Leaving', lastName: 'Doctor' });
    const condition = await editor.createCondition(
      { name: 'Phantom Limb Pain', medicalReview: { reviewedById: leaving.id, reviewedAt: daysFromToday(0) } },
      'id version',
    );
    const live = await editor.publish('Condition', condition);
    const draft = await editor.mutate('updateCondition', 'UpdateConditionInput', { ...live, summary: 'Pain felt in a missing limb.' });
    await admin.mutate('trashProvider', 'TrashDocumentInput', { id: leaving.id, detach: true });
    await admin.mutate('purgeProvider', 'DocumentIdInput', { id: leaving.id }, 'id');
    const published = await editor.publish('Condition', draft);
    const read = dataOf(await app.graphql(`query($id: ID!) { condition(id: $id) { ${REVIEW} } }`, { id: published.id })).condition;
    expect(read.medicalReview).toMatchObject({ reviewedAt: daysFromToday(0), reviewedBy: null });
  });
});
