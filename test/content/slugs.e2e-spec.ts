import { Role } from '../../src/auth/permissions';
import { type EditorialClient } from '../support/editorial-client';
import { useTestApp, signedInClient } from '../support/use-test-app';

describe('slugs of documents edited through the API', () => {
  const app = useTestApp();
  let editor: EditorialClient;

  beforeAll(async () => {
    editor = await signedInClient(app, Role.EDITOR);
  });

  it('makes the slug from the title when none is given', async () => {
    expect((await editor.createTreatment({ title: 'Intrathecal Pump Therapy: Trial & Implant' })).slug).toBe('intrathecal-pump-therapy-trial-and-implant');
    expect((await editor.createCondition({ name: 'Complex Regional Pain Syndrome (CRPS)' })).slug).toBe('complex-regional-pain-syndrome-crps');
  });

  it('adds "-2", then "-3", when the generated slug is taken', async () => {
    expect((await editor.createTreatment({ title: 'Trigger Point Injection' })).slug).toBe('trigger-point-injection');
    expect((await editor.createTreatment({ title: 'Trigger Point Injection' })).slug).toBe('trigger-point-injection-2');
    expect((await editor.createTreatment({ title: 'Trigger Point Injection' })).slug).toBe('trigger-point-injection-3');
  });

  it("counts a slug held only by another document's pending draft as taken", async () => {
    const live = await editor.createTreatment({ title: 'Caudal Block' });
    const published = await editor.publish('Treatment', live);
    await editor.mutate('updateTreatment', 'UpdateTreatmentInput', { id: live.id, version: published.version, slug: 'caudal-epidural' });

    expect((await editor.createTreatment({ title: 'Caudal Epidural' })).slug).toBe('caudal-epidural-2');
    const explicit = await editor.attempt('createTreatment', 'CreateTreatmentInput', { title: 'Another', slug: 'caudal-epidural' });
    expect(explicit.errors?.[0].extensions.fields).toEqual([{ path: 'input.slug', message: expect.stringContaining('caudal-epidural') }]);
  });

  it('refuses an explicit slug another document uses with BAD_USER_INPUT naming input.slug, on create and on update', async () => {
    await editor.createTreatment({ title: 'Stellate Ganglion Block' });
    const created = await editor.attempt('createTreatment', 'CreateTreatmentInput', { title: 'Something Else', slug: 'stellate-ganglion-block' });
    expect(created.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(created.errors?.[0].extensions.fields).toEqual([
      { path: 'input.slug', message: '"stellate-ganglion-block" is already used by Treatment "Stellate Ganglion Block"' },
    ]);

    const other = await editor.createTreatment({ title: 'Celiac Plexus Block' });
    const updated = await editor.attempt('updateTreatment', 'UpdateTreatmentInput', { id: other.id, version: other.version, slug: 'stellate-ganglion-block' });
    expect(updated.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(updated.errors?.[0].extensions.fields?.map((field) => field.path)).toEqual(['input.slug']);
  });

  it('lets a condition use a slug a treatment has: slugs are unique per type', async () => {
    await editor.createTreatment({ title: 'Shared Name' });
    expect((await editor.createCondition({ name: 'Shared Name' })).slug).toBe('shared-name');
  });

  it('keeps the live slug until the renamed draft is published, then answers the old slug with the new canonical one', async () => {
    const created = await editor.createTreatment({ title: 'Peripheral Nerve Stimulation' });
    const published = await editor.publish('Treatment', created);
    const draft = await editor.mutate(
      'updateTreatment',
      'UpdateTreatmentInput',
      { id: created.id, version: published.version, slug: 'pns' },
      'id version slug',
    );
    expect(draft.slug).toBe('pns');

    const read = (slug: string) => app.graphql(`query($slug: String) { treatment(slug: $slug) { id slug } }`, { slug });
    expect((await read('peripheral-nerve-stimulation')).data.treatment).toEqual({ id: created.id, slug: 'peripheral-nerve-stimulation' });
    expect((await read('pns')).data.treatment).toBeNull();

    await editor.publish('Treatment', draft);
    expect((await read('pns')).data.treatment).toEqual({ id: created.id, slug: 'pns' });
    expect((await read('peripheral-nerve-stimulation')).data.treatment).toEqual({ id: created.id, slug: 'pns' });
  });
});
