import { Role } from '../../src/auth/permissions';
import { type EditorialClient, eventually } from '../support/editorial-client';
import { createSharedTestDatabase, type SharedTestDatabase } from '../support/test-database';
import { useTestApp, signedInClient } from '../support/use-test-app';
import { type AppUnderTest, startTestApp } from '../support/test-app';

const SCHEDULE_SELECTION = 'id action status runAt executedAt createdByLabel';
const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function editorOn(app: AppUnderTest): Promise<EditorialClient> {
  return await signedInClient(app, Role.EDITOR);
}

const publicTreatment = async (app: AppUnderTest, slug: string) =>
  (await app.graphql(`query($slug: String) { treatment(slug: $slug) { id summary } }`, { slug })).data.treatment;

describe('scheduled publishing', () => {
  const app = useTestApp({ SCHEDULER_INTERVAL_MS: '200' });
  let editor: EditorialClient;

  beforeAll(async () => {
    editor = await editorOn(app);
  });

  it('publishes a draft at the time it was scheduled for', async () => {
    const treatment = await editor.createTreatment({ title: 'Scheduled Launch', summary: 'Goes live by itself.' });
    const scheduled = await editor.mutate('schedulePublishTreatment', 'ScheduleInput', { id: treatment.id, at: inSeconds(1) }, SCHEDULE_SELECTION);
    expect(scheduled).toMatchObject({ action: 'PUBLISH', status: 'PENDING', executedAt: null });
    expect(await publicTreatment(app, 'scheduled-launch')).toBeNull();
    const pending = await editor.ok(`query($id: ID) { treatment(id: $id, stage: DRAFT) { editorial { scheduledActions { id status } } } }`, {
      id: treatment.id,
    });
    expect(pending.treatment.editorial.scheduledActions).toEqual([{ id: scheduled.id, status: 'PENDING' }]);

    const live = await eventually(() => publicTreatment(app, 'scheduled-launch'), { what: 'the scheduled publish' });
    expect(live.summary).toBe('Goes live by itself.');
    const [action] = await app.dataSource.query('SELECT status, attempts, executed_at >= run_at AS on_time FROM scheduled_actions WHERE id = $1', [
      scheduled.id,
    ]);
    expect(action).toEqual({ status: 'DONE', attempts: 1, on_time: true });
  });

  it('publishes the pending draft of a live page at its time, leaving the live version alone until then', async () => {
    const treatment = await editor.createTreatment({ title: 'Scheduled Edit', summary: 'Old summary.' });
    const published = await editor.publish('Treatment', treatment);
    await editor.mutate('updateTreatment', 'UpdateTreatmentInput', { id: treatment.id, version: published.version, summary: 'New summary.' });
    await editor.mutate('schedulePublishTreatment', 'ScheduleInput', { id: treatment.id, at: inSeconds(1) }, 'id');
    expect((await publicTreatment(app, 'scheduled-edit')).summary).toBe('Old summary.');

    await eventually(async () => (await publicTreatment(app, 'scheduled-edit')).summary === 'New summary.', { what: 'the scheduled publish of the draft' });
  });

  it('unpublishes a live page at the time it was scheduled for', async () => {
    const treatment = await editor.createTreatment({ title: 'Scheduled Removal' });
    await editor.publish('Treatment', treatment);
    expect(await publicTreatment(app, 'scheduled-removal')).not.toBeNull();
    const scheduled = await editor.mutate('scheduleUnpublishTreatment', 'ScheduleInput', { id: treatment.id, at: inSeconds(1) }, SCHEDULE_SELECTION);
    expect(scheduled.action).toBe('UNPUBLISH');

    await eventually(async () => (await publicTreatment(app, 'scheduled-removal')) === null, { what: 'the scheduled unpublish' });
    const draft = await editor.ok(`{ treatment(slug: "scheduled-removal", stage: DRAFT) { status } }`);
    expect(draft.treatment.status).toBe('DRAFT');
  });

  it('never runs a cancelled action, and refuses to cancel it twice', async () => {
    const treatment = await editor.createTreatment({ title: 'Cancelled Launch' });
    const runAt = Date.now() + 1000;
    const scheduled = await editor.mutate('schedulePublishTreatment', 'ScheduleInput', { id: treatment.id, at: new Date(runAt).toISOString() }, 'id');
    const cancelled = await editor.mutate('cancelScheduledAction', 'DocumentIdInput', { id: scheduled.id }, 'id status');
    expect(cancelled).toEqual({ id: scheduled.id, status: 'CANCELLED' });

    // Well past its time: several scheduler ticks have run since.
    await sleep(runAt + 1500 - Date.now());
    expect(await publicTreatment(app, 'cancelled-launch')).toBeNull();
    const again = await editor.attempt('cancelScheduledAction', 'DocumentIdInput', { id: scheduled.id });
    expect(again.errors?.[0].extensions.code).toBe('CONFLICT');
    const info = await editor.ok(`query($id: ID) { treatment(id: $id, stage: DRAFT) { editorial { scheduledActions { id } } } }`, { id: treatment.id });
    expect(info.treatment.editorial.scheduledActions).toEqual([]);
  });

  it('refuses a time more than a minute in the past, naming input.at', async () => {
    const treatment = await editor.createTreatment({ title: 'Too Late' });
    const refused = await editor.attempt('schedulePublishTreatment', 'ScheduleInput', { id: treatment.id, at: new Date(Date.now() - 3_600_000).toISOString() });
    expect(refused.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0].extensions.fields?.map((field) => field.path)).toEqual(['input.at']);
  });
});

// These run on the test server when TEST_DATABASE_URL is set, else on one embedded PostgreSQL
// served from this process that the apps connect to in turn or side by side.
describe('scheduled publishing across restarts and instances', () => {
  let database: SharedTestDatabase;

  beforeAll(async () => {
    database = await createSharedTestDatabase();
  });

  afterAll(() => database.drop());

  it('runs, after a restart, an action scheduled before it: the schedule lives in the database', async () => {
    // The first app polls rarely, so it is stopped before the action is due.
    const first = await startTestApp({ SCHEDULER_INTERVAL_MS: '60000' }, { database });
    let treatmentId: string;
    let runAt: number;
    try {
      const editor = await editorOn(first);
      treatmentId = (await editor.createTreatment({ title: 'Survives Restart' })).id;
      runAt = Date.now() + 1000;
      await editor.mutate('schedulePublishTreatment', 'ScheduleInput', { id: treatmentId, at: new Date(runAt).toISOString() }, 'id');
    } finally {
      await first.close();
    }
    // Due while no app runs.
    await sleep(Math.max(0, runAt - Date.now() + 200));

    const restartedAt = new Date();
    const second = await startTestApp({ SCHEDULER_INTERVAL_MS: '200' }, { database });
    try {
      const live = await eventually(() => publicTreatment(second, 'survives-restart'), { what: 'the publish scheduled before the restart' });
      expect(live.id).toBe(treatmentId);
      const [action] = await second.dataSource.query('SELECT status, attempts, executed_at FROM scheduled_actions WHERE document_id = $1', [treatmentId]);
      expect(action).toMatchObject({ status: 'DONE', attempts: 1 });
      // The second app ran it: the first was gone before it was due.
      expect(action.executed_at.getTime()).toBeGreaterThanOrEqual(restartedAt.getTime());
    } finally {
      await second.close();
    }
  });

  it('runs each due action exactly once when two instances poll the same database', async () => {
    const instances = [await startTestApp({ SCHEDULER_INTERVAL_MS: '100' }, { database }), await startTestApp({ SCHEDULER_INTERVAL_MS: '100' }, { database })];
    try {
      const editors = [await editorOn(instances[0]), await editorOn(instances[1])];
      const at = inSeconds(1);
      const ids: string[] = [];
      for (let index = 0; index < 6; index++) {
        const editor = editors[index % 2];
        const { id } = await editor.createTreatment({ title: `Twin Instance ${index}` });
        await editor.mutate('schedulePublishTreatment', 'ScheduleInput', { id, at }, 'id');
        ids.push(id);
      }
      const db = instances[0].dataSource;
      await eventually(
        async () => {
          const [{ done }] = await db.query(`SELECT count(*)::int AS done FROM scheduled_actions WHERE document_id = ANY($1::uuid[]) AND status <> 'PENDING'`, [
            ids,
          ]);
          return done === ids.length;
        },
        { what: 'all scheduled publishes' },
      );
      // Give both schedulers more ticks in which a second run would show.
      await sleep(500);

      const actions = await db.query('SELECT status, attempts FROM scheduled_actions WHERE document_id = ANY($1::uuid[])', [ids]);
      expect(actions).toEqual(ids.map(() => ({ status: 'DONE', attempts: 1 })));
      const perDocument = await db.query(
        `SELECT t.id,
           (SELECT count(*)::int FROM revisions r WHERE r.document_id = t.id AND r.kind = 'PUBLISHED') AS revisions,
           (SELECT count(*)::int FROM audit_log a WHERE a.document_id = t.id AND a.action = 'publishTreatment') AS audit_entries,
           (SELECT count(*)::int FROM outbox_events o WHERE o.document_id = t.id AND o.event_type = 'document.published') AS events,
           t.status, t.version
         FROM treatments t WHERE t.id = ANY($1::uuid[])`,
        [ids],
      );
      expect(perDocument).toHaveLength(ids.length);
      for (const row of perDocument) expect(row).toEqual({ id: row.id, revisions: 1, audit_entries: 1, events: 1, status: 'PUBLISHED', version: 2 });
    } finally {
      for (const instance of instances) await instance.close();
    }
  });
});
