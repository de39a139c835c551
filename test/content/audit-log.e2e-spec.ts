import { randomUUID } from 'node:crypto';
import { Permission, Role } from '../../src/auth/permissions';
import { type SignedInUser } from '../factories/accounts.factory';
import { EditorialClient, eventually } from '../support/editorial-client';
import { useTestApp, signedInClient } from '../support/use-test-app';

const ENTRY_FIELDS = 'id createdAt actorKind actorId actorLabel action documentType documentId before after requestId';
const AUDIT_LOG = `query($first: Int!, $after: String, $filter: AuditLogFilter) {
  auditLog(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { ${ENTRY_FIELDS} } } }
}`;

interface Step {
  requestId: string;
  action: string;
  documentType: string;
  documentId: string;
}

describe('the audit log', () => {
  const app = useTestApp({ SCHEDULER_INTERVAL_MS: '200' });
  let editorUser: SignedInUser;
  let editor: EditorialClient;
  let admin: EditorialClient;
  let integration: EditorialClient;
  let apiKeyId: string;
  const steps: Step[] = [];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const accounts = app.accounts;
    editorUser = await accounts.signedIn(Role.EDITOR);
    editor = new EditorialClient(app, editorUser.headers);
    admin = await signedInClient(app, Role.ADMIN);
    const key = await accounts.apiKey({ name: 'EHR sync', scopes: [Permission.CONTENT_WRITE, Permission.CONTENT_PUBLISH] });
    apiKeyId = key.apiKey.id;
    integration = new EditorialClient(app, { 'x-api-key': key.secret });
    await runJourney();
  });
  /** Runs one mutation with its own X-Request-Id and remembers what the log should say about it. */
  async function step(
    client: EditorialClient,
    name: string,
    inputType: string,
    input: Record<string, unknown>,
    documentType: string,
    selection = 'id version',
  ): Promise<any> {
    const requestId = `audit-${randomUUID()}`;
    const result = await client.mutate(name, inputType, input, selection, { 'x-request-id': requestId });
    steps.push({ requestId, action: name, documentType, documentId: String(input.id ?? (input.page as { id?: string } | undefined)?.id ?? result.id) });
    return result;
  }

  async function runJourney() {
    let condition = await step(editor, 'createCondition', 'CreateConditionInput', { name: 'Back Pain' }, 'CONDITION');
    ids.condition = condition.id;
    condition = await step(editor, 'publishCondition', 'DocumentVersionInput', { id: condition.id, version: condition.version }, 'CONDITION');
    let treatment = await step(
      editor,
      'createTreatment',
      'CreateTreatmentInput',
      { title: 'Epidural Injection', summary: 'First.', conditions: [{ id: condition.id }] },
      'TREATMENT',
    );
    ids.treatment = treatment.id;
    treatment = await step(
      editor,
      'updateTreatment',
      'UpdateTreatmentInput',
      { id: treatment.id, version: treatment.version, summary: 'Second.' },
      'TREATMENT',
    );
    treatment = await step(editor, 'publishTreatment', 'DocumentVersionInput', { id: treatment.id, version: treatment.version }, 'TREATMENT');
    const faq = await step(editor, 'createFaq', 'CreateFaqInput', { question: 'Does it hurt?', answer: 'Briefly.' }, 'FAQ');
    ids.faq = faq.id;
    treatment = await step(
      editor,
      'attachFaq',
      'AttachFaqInput',
      { page: { type: 'TREATMENT', id: treatment.id }, version: treatment.version, faq: { id: faq.id } },
      'TREATMENT',
      '... on Treatment { id version }',
    );
    treatment = await step(
      editor,
      'reorderFaqs',
      'ReorderFaqsInput',
      { page: { type: 'TREATMENT', id: treatment.id }, version: treatment.version, faqs: [{ id: faq.id }] },
      'TREATMENT',
      '... on Treatment { id version }',
    );
    treatment = await step(
      editor,
      'detachFaq',
      'DetachFaqInput',
      { page: { type: 'TREATMENT', id: treatment.id }, version: treatment.version, faq: { id: faq.id } },
      'TREATMENT',
      '... on Treatment { id version }',
    );
    treatment = await step(editor, 'discardTreatmentDraft', 'DocumentVersionInput', { id: treatment.id, version: treatment.version }, 'TREATMENT');
    const scheduled = await step(
      editor,
      'scheduleUnpublishTreatment',
      'ScheduleInput',
      { id: treatment.id, at: new Date(Date.now() + 3_600_000).toISOString() },
      'TREATMENT',
      'id',
    );
    await step(editor, 'cancelScheduledAction', 'DocumentIdInput', { id: scheduled.id }, 'TREATMENT', 'id status');
    steps[steps.length - 1].documentId = treatment.id;
    const [firstRevision] = (
      await editor.ok(`query($id: ID!) { revisions(documentType: TREATMENT, documentId: $id) { edges { node { id } } } }`, { id: treatment.id })
    ).revisions.edges;
    treatment = await step(
      editor,
      'restoreTreatmentRevision',
      'RestoreRevisionInput',
      { id: treatment.id, version: treatment.version, revisionId: firstRevision.node.id },
      'TREATMENT',
    );
    treatment = await step(editor, 'unpublishTreatment', 'DocumentVersionInput', { id: treatment.id, version: treatment.version }, 'TREATMENT');
    treatment = await step(editor, 'trashTreatment', 'TrashDocumentInput', { id: treatment.id }, 'TREATMENT');
    treatment = await step(editor, 'restoreTreatment', 'DocumentIdInput', { id: treatment.id }, 'TREATMENT');
    await step(editor, 'trashTreatment', 'TrashDocumentInput', { id: treatment.id }, 'TREATMENT');
    await step(admin, 'purgeTreatment', 'DocumentIdInput', { id: treatment.id }, 'TREATMENT', 'id');
    const fromKey = await step(integration, 'createCondition', 'CreateConditionInput', { name: 'Neck Pain' }, 'CONDITION');
    ids.keyCondition = fromKey.id;
    await step(integration, 'publishCondition', 'DocumentVersionInput', { id: fromKey.id, version: fromKey.version }, 'CONDITION');
  }

  async function allEntries(filter: Record<string, unknown> = {}): Promise<any[]> {
    const response = await admin.ok(AUDIT_LOG, { first: 100, filter });
    return response.auditLog.edges.map((edge: any) => edge.node);
  }

  it('records every mutation of the journey with actor, credential kind, action, document and the request id it came with', async () => {
    const entries = await allEntries();
    for (const expected of steps) {
      const matching = entries.filter((entry) => entry.requestId === expected.requestId);
      expect({ step: expected.action, found: matching.length }).toEqual({ step: expected.action, found: 1 });
      const fromKey = expected.documentId === ids.keyCondition;
      expect(matching[0]).toMatchObject({
        action: expected.action,
        documentType: expected.documentType,
        documentId: expected.documentId,
        actorKind: fromKey ? 'API_KEY' : 'USER',
        actorId: fromKey ? apiKeyId : expected.action === 'purgeTreatment' ? expect.any(String) : editorUser.user.id,
        actorLabel: fromKey ? expect.stringContaining('EHR sync') : expected.action === 'purgeTreatment' ? expect.stringContaining('admin') : editorUser.email,
      });
      expect(matching[0].before !== null || matching[0].after !== null).toBe(true);
    }
  });

  it('keeps the state before and after an edit', async () => {
    const [update] = await allEntries({ action: 'updateTreatment', documentId: ids.treatment });
    expect(update.before.fields.summary).toBe('First.');
    expect(update.after.fields.summary).toBe('Second.');
    expect(update.after.relations['treatment.conditions']).toEqual([ids.condition]);

    const [publish] = await allEntries({ action: 'publishTreatment', documentId: ids.treatment });
    expect(publish.before).toBeNull();
    expect(publish.after.fields).toMatchObject({ title: 'Epidural Injection', summary: 'Second.' });
    const [attach] = await allEntries({ action: 'attachFaq' });
    expect(attach).toMatchObject({ before: { faqs: [] }, after: { faqs: [ids.faq] } });
    const [purge] = await allEntries({ action: 'purgeTreatment' });
    expect(purge.before.fields.title).toBe('Epidural Injection');
  });

  it('names the scheduler, with no request id, for a scheduled publish', async () => {
    const condition = await editor.createCondition({ name: 'Scheduled Condition' });
    await editor.mutate('schedulePublishCondition', 'ScheduleInput', { id: condition.id, at: new Date(Date.now() + 500).toISOString() }, 'id');
    const [entry] = await eventually(
      async () => {
        const found = await allEntries({ action: 'publishCondition', documentId: condition.id });
        return found.length > 0 ? found : null;
      },
      { what: 'the scheduled publish entry' },
    );
    expect(entry).toMatchObject({ actorKind: 'SYSTEM', actorId: null, actorLabel: 'scheduler', requestId: null });
  });

  it('is for admins only: editors and API keys get FORBIDDEN, anonymous callers UNAUTHENTICATED', async () => {
    expect((await editor.call(AUDIT_LOG, { first: 1 })).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await integration.call(AUDIT_LOG, { first: 1 })).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await app.graphql(AUDIT_LOG, { first: 1 })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const allowed = await admin.call(AUDIT_LOG, { first: 1 });
    expect(allowed.errors).toBeUndefined();
    expect(allowed.headers['cache-control']).toBe('private, no-store');
  });

  it('filters by actor, credential kind, action, document type, document and time', async () => {
    const all = await allEntries();
    const byKey = await allEntries({ actorId: apiKeyId });
    expect(byKey.map((entry) => entry.action).sort()).toEqual(['createCondition', 'publishCondition']);
    expect(await allEntries({ actorKind: 'API_KEY' })).toEqual(byKey);
    expect((await allEntries({ actorId: editorUser.user.id })).every((entry) => entry.actorId === editorUser.user.id)).toBe(true);

    const publishes = await allEntries({ action: 'publishCondition' });
    expect(publishes.length).toBeGreaterThanOrEqual(2);
    expect(publishes.every((entry) => entry.action === 'publishCondition')).toBe(true);
    const conditions = await allEntries({ documentType: 'CONDITION' });
    expect(conditions.length).toBe(all.filter((entry) => entry.documentType === 'CONDITION').length);
    const combined = await allEntries({ documentType: 'TREATMENT', actorKind: 'USER', action: 'trashTreatment', documentId: ids.treatment });
    expect(combined).toHaveLength(2);

    const pivot = all[Math.floor(all.length / 2)].createdAt;
    const since = await allEntries({ from: pivot });
    const before = await allEntries({ to: pivot });
    expect(since.every((entry) => entry.createdAt >= pivot)).toBe(true);
    expect(before.every((entry) => entry.createdAt < pivot)).toBe(true);
    expect(since.length + before.length).toBe(all.length);
    expect(since.length).toBeGreaterThan(0);
    expect(before.length).toBeGreaterThan(0);

    const invalid = await admin.call(AUDIT_LOG, { first: 10, filter: { documentId: 'not-a-uuid' } });
    expect(invalid.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('pages through the log newest first with cursors, without repeating or skipping an entry', async () => {
    const all = await allEntries();
    expect(all.length).toBeGreaterThan(10);
    const times = all.map((entry) => entry.createdAt);
    expect([...times].sort().reverse()).toEqual(times);

    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const response: any = await admin.ok(AUDIT_LOG, { first: 4, after });
      expect(response.auditLog.totalCount).toBe(all.length);
      expect(response.auditLog.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...response.auditLog.edges.map((edge: any) => edge.node.id));
      if (!response.auditLog.pageInfo.hasNextPage) break;
      after = response.auditLog.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.map((entry) => entry.id));

    const forged = await admin.call(AUDIT_LOG, { first: 4, after: 'bm90LWEtY3Vyc29y' });
    expect(forged.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('writes outbox events for publish, FAQ placements, unpublish, trash, restore and purge', async () => {
    const events: { event_type: string }[] = await app.dataSource.query('SELECT event_type FROM outbox_events WHERE document_id = $1 ORDER BY created_at', [
      ids.treatment,
    ]);
    expect(events.map((event) => event.event_type)).toEqual([
      'document.published',
      'document.faqs_changed',
      'document.faqs_changed',
      'document.faqs_changed',
      'document.unpublished',
      'document.trashed',
      'document.restored',
      'document.trashed',
      'document.purged',
    ]);
    const [conditionEvent] = await app.dataSource.query(`SELECT payload FROM outbox_events WHERE document_id = $1 AND event_type = 'document.published'`, [
      ids.condition,
    ]);
    expect(conditionEvent.payload).toMatchObject({ slug: 'back-pain' });
  });
});
