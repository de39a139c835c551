import { Permission, Role } from '../../src/auth/permissions';
import { DocumentType } from '../../src/content/documents/document-status';
import { SchedulerService } from '../../src/content/scheduler.service';
import { type EditorialClient } from '../support/editorial-client';
import { sync, validNpi } from '../sync/sync-helpers';
import { useTestApp, signedInClient } from '../support/use-test-app';

const PAGES = {
  nerveBlock: '{ treatment(slug: "nerve-block") { title conditions { name } faqs { question } providers { displayName } } }',
  physicalTherapy: '{ treatment(slug: "physical-therapy") { title summary conditions { name } } }',
  oldProcedure: '{ treatment(slug: "old-procedure") { title } }',
  backPain: '{ condition(slug: "back-pain") { name treatments { title } } }',
  neckPain: '{ condition(slug: "neck-pain") { name treatments { title } } }',
  unrelated: '{ condition(slug: "shingles") { name summary } }',
  office: '{ location(slug: "danville-office") { name providers { displayName } } }',
  treatments: '{ treatments(first: 20) { totalCount edges { node { title } } } }',
};

describe('the response cache (in-process)', () => {
  // Each test on a new app and content: what one test publishes would change the pages of the next.
  const app = useTestApp({ RESPONSE_CACHE: 'on', SCHEDULER_INTERVAL_MS: '60000' }, { eachTest: true });
  let editor: EditorialClient;
  let syncHeaders: Record<string, string>;
  const ids: Record<string, string> = {};

  beforeEach(async () => {
    const content = app.content;
    const backPain = await content.condition({ name: 'Back Pain' });
    const neckPain = await content.condition({ name: 'Neck Pain' });
    await content.condition({ name: 'Shingles' });
    const office = await content.location({ name: 'Danville Office' });
    const provider = await content.provider({ firstName: 'Jane', lastName: 'Roe', npi: validNpi(7) });
    await content.providerLocations(provider, [office]);
    const nerveBlock = await content.treatment({ title: 'Nerve Block' });
    await content.treatmentConditions(nerveBlock, [backPain]);
    await content.treatmentProviders(nerveBlock, [provider]);
    const firstFaq = await content.faq({ question: 'Does a nerve block hurt?' });
    await content.placeFaqs(DocumentType.TREATMENT, nerveBlock.id, [firstFaq]);
    const physicalTherapy = await content.treatment({ title: 'Physical Therapy' });
    await content.treatmentConditions(physicalTherapy, [neckPain]);
    const oldProcedure = await content.treatment({ title: 'Old Procedure' });
    const secondFaq = await content.faq({ question: 'What should I bring?' });
    Object.assign(ids, {
      backPain: backPain.id,
      neckPain: neckPain.id,
      nerveBlock: nerveBlock.id,
      physicalTherapy: physicalTherapy.id,
      oldProcedure: oldProcedure.id,
      firstFaq: firstFaq.id,
      secondFaq: secondFaq.id,
    });

    const accounts = app.accounts;
    editor = await signedInClient(app, Role.ADMIN);
    syncHeaders = { 'x-api-key': (await accounts.apiKey({ scopes: [Permission.PROVIDERS_SYNC] })).secret };
  });

  async function read(query: string): Promise<{ data: any; cache: string }> {
    const response = await app.graphql(query);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return { data: response.data, cache: response.headers['x-cache'] };
  }

  /** Reads each page until it comes from the cache. */
  async function cached(...queries: string[]): Promise<void> {
    for (const query of queries) await read(query);
    for (const query of queries) expect((await read(query)).cache).toBe('HIT');
  }

  async function expectHits(...queries: string[]): Promise<void> {
    for (const query of queries) expect((await read(query)).cache).toBe('HIT');
  }

  async function versionOf(typeName: string, id: string): Promise<number> {
    const field = typeName[0].toLowerCase() + typeName.slice(1);
    return (await editor.ok(`query($id: ID) { ${field}(id: $id, stage: DRAFT) { version } }`, { id }))[field].version;
  }

  /** Saves a draft of the document with the changes, and publishes it. */
  async function publishChange(typeName: string, id: string, changes: Record<string, unknown>): Promise<void> {
    const draft = await editor.mutate(`update${typeName}`, `Update${typeName}Input`, { id, version: await versionOf(typeName, id), ...changes });
    await editor.publish(typeName, draft);
  }

  it('answers a repeated read from the cache: MISS, then HIT with the same body, ETag and an Age', async () => {
    const first = await app.http().post('/graphql').send({ query: PAGES.nerveBlock }).expect(200);
    expect(first.headers['x-cache']).toBe('MISS');
    const second = await app.http().post('/graphql').send({ query: PAGES.nerveBlock }).expect(200);
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.text).toBe(first.text);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers['cache-control']).toBe(first.headers['cache-control']);
    expect(Number(second.headers.age)).toBeGreaterThanOrEqual(0);
    expect(second.headers['x-sql-statements']).toBe('0');
    // The same query over GET shares the entry.
    const overGet = await app.http().get('/graphql').query({ query: PAGES.nerveBlock }).set('apollo-require-preflight', 'true').expect(200);
    expect(overGet.headers['x-cache']).toBe('HIT');
  });

  it('keeps variables apart, whatever their order', async () => {
    const query = 'query($slug: String, $stage: Stage) { condition(slug: $slug, stage: $stage) { name } }';
    const back = await app.graphql(query, { slug: 'back-pain', stage: 'PUBLISHED' });
    expect(back.data.condition.name).toBe('Back Pain');
    const neck = await app.graphql(query, { slug: 'neck-pain', stage: 'PUBLISHED' });
    expect(neck.data.condition.name).toBe('Neck Pain');
    expect(neck.headers['x-cache']).toBe('MISS');
    const reordered = await app.graphql(query, { stage: 'PUBLISHED', slug: 'back-pain' });
    expect(reordered.headers['x-cache']).toBe('HIT');
    expect(reordered.data.condition.name).toBe('Back Pain');
  });

  it('never answers from the cache with a credential, and never keeps errors', async () => {
    await cached(PAGES.backPain);
    const withToken = await app.graphql(PAGES.backPain, {}, editor.headers);
    expect(withToken.headers['x-cache']).toBeUndefined();
    expect(withToken.headers['cache-control']).toBe('private, no-store');
    const failing = '{ condition(slug: "back-pain") { name noSuchField } }';
    expect((await app.graphql(failing)).headers['x-cache']).toBe('MISS');
    expect((await app.graphql(failing)).headers['x-cache']).toBe('MISS');
  });

  it('shows a publish on the very next read, on the page and on every page listing it, and keeps unrelated pages', async () => {
    await cached(PAGES.nerveBlock, PAGES.backPain, PAGES.treatments, PAGES.unrelated, PAGES.neckPain);
    const draft = await editor.mutate('updateTreatment', 'UpdateTreatmentInput', {
      id: ids.nerveBlock,
      version: await versionOf('Treatment', ids.nerveBlock),
      title: 'Lumbar Nerve Block',
    });
    // A draft changes nothing public: the cached page stays.
    expect(await read(PAGES.nerveBlock)).toEqual({ data: { treatment: expect.objectContaining({ title: 'Nerve Block' }) }, cache: 'HIT' });

    await editor.publish('Treatment', draft);
    expect(await read(PAGES.nerveBlock)).toEqual({ data: { treatment: expect.objectContaining({ title: 'Lumbar Nerve Block' }) }, cache: 'MISS' });
    expect(await read(PAGES.backPain)).toEqual({ data: { condition: { name: 'Back Pain', treatments: [{ title: 'Lumbar Nerve Block' }] } }, cache: 'MISS' });
    const list = await read(PAGES.treatments);
    expect(list.cache).toBe('MISS');
    expect(list.data.treatments.edges.map((edge: any) => edge.node.title)).toContain('Lumbar Nerve Block');
    await expectHits(PAGES.unrelated, PAGES.neckPain);
  });

  it('updates both the pages a relation left and the pages it joined', async () => {
    await cached(PAGES.backPain, PAGES.neckPain, PAGES.oldProcedure, PAGES.unrelated);
    await publishChange('Treatment', ids.nerveBlock, { conditions: [{ id: ids.neckPain }] });
    expect(await read(PAGES.backPain)).toEqual({ data: { condition: { name: 'Back Pain', treatments: [] } }, cache: 'MISS' });
    expect(await read(PAGES.neckPain)).toEqual({
      data: { condition: { name: 'Neck Pain', treatments: [{ title: 'Nerve Block' }, { title: 'Physical Therapy' }] } },
      cache: 'MISS',
    });
    await expectHits(PAGES.oldProcedure, PAGES.unrelated);
  });

  it('answers at a new slug on the next read after a rename, where "not found" was cached', async () => {
    const renamed = '{ treatment(slug: "lumbar-block") { title slug } }';
    await cached(renamed, PAGES.nerveBlock, PAGES.unrelated);
    expect((await read(renamed)).data.treatment).toBeNull();
    await publishChange('Treatment', ids.nerveBlock, { slug: 'lumbar-block' });
    expect(await read(renamed)).toEqual({ data: { treatment: { title: 'Nerve Block', slug: 'lumbar-block' } }, cache: 'MISS' });
    // The former slug still finds the page, which names its canonical slug.
    expect((await read('{ treatment(slug: "nerve-block") { slug } }')).data.treatment).toEqual({ slug: 'lumbar-block' });
    await expectHits(PAGES.unrelated);
    await publishChange('Treatment', ids.nerveBlock, { slug: 'nerve-block' });
    expect((await read(renamed)).data.treatment).toEqual({ title: 'Nerve Block', slug: 'nerve-block' });
  });

  it('drops a page at unpublish, and brings it back at a scheduled publish', async () => {
    await cached(PAGES.physicalTherapy, PAGES.neckPain, PAGES.unrelated, PAGES.office);
    await editor.mutate('unpublishTreatment', 'DocumentVersionInput', { id: ids.physicalTherapy, version: await versionOf('Treatment', ids.physicalTherapy) });
    expect(await read(PAGES.physicalTherapy)).toEqual({ data: { treatment: null }, cache: 'MISS' });
    expect((await read(PAGES.neckPain)).data.condition.treatments).toEqual([]);
    await expectHits(PAGES.unrelated, PAGES.office);

    await cached(PAGES.physicalTherapy, PAGES.neckPain);
    await editor.mutate('schedulePublishTreatment', 'ScheduleInput', { id: ids.physicalTherapy, at: new Date().toISOString() }, 'id');
    await app.running.app.get(SchedulerService).tick();
    expect(await read(PAGES.physicalTherapy)).toEqual({ data: { treatment: expect.objectContaining({ title: 'Physical Therapy' }) }, cache: 'MISS' });
    expect((await read(PAGES.neckPain)).data.condition.treatments).toEqual([{ title: 'Physical Therapy' }]);
    await expectHits(PAGES.unrelated, PAGES.office);
  });

  it('drops a page at trash and brings it back at restore; a purge of a trashed page changes nothing public', async () => {
    await cached(PAGES.oldProcedure, PAGES.treatments, PAGES.unrelated);
    await editor.mutate('trashTreatment', 'TrashDocumentInput', { id: ids.oldProcedure }, 'id');
    expect(await read(PAGES.oldProcedure)).toEqual({ data: { treatment: null }, cache: 'MISS' });
    expect((await read(PAGES.treatments)).data.treatments.edges.map((edge: any) => edge.node.title)).not.toContain('Old Procedure');
    await expectHits(PAGES.unrelated);

    await cached(PAGES.oldProcedure, PAGES.treatments);
    await editor.mutate('restoreTreatment', 'DocumentIdInput', { id: ids.oldProcedure }, 'id');
    expect(await read(PAGES.oldProcedure)).toEqual({ data: { treatment: { title: 'Old Procedure' } }, cache: 'MISS' });
    expect((await read(PAGES.treatments)).cache).toBe('MISS');

    await editor.mutate('trashTreatment', 'TrashDocumentInput', { id: ids.oldProcedure }, 'id');
    await cached(PAGES.oldProcedure, PAGES.treatments, PAGES.unrelated);
    await editor.ok('mutation($input: DocumentIdInput!) { purgeTreatment(input: $input) { id } }', { input: { id: ids.oldProcedure } });
    await expectHits(PAGES.oldProcedure, PAGES.treatments, PAGES.unrelated);
    expect((await read(PAGES.oldProcedure)).data.treatment).toBeNull();
  });

  it('keeps the live page while FAQs are placed on its draft, and shows them once it is published', async () => {
    await cached(PAGES.nerveBlock, PAGES.unrelated);
    const attached = await editor.mutate(
      'attachFaq',
      'AttachFaqInput',
      { page: { type: 'TREATMENT', id: ids.nerveBlock }, faq: { id: ids.secondFaq }, version: await versionOf('Treatment', ids.nerveBlock) },
      '... on Treatment { id version }',
    );
    expect(await read(PAGES.nerveBlock)).toEqual({
      data: { treatment: expect.objectContaining({ faqs: [{ question: 'Does a nerve block hurt?' }] }) },
      cache: 'HIT',
    });
    await editor.publish('Treatment', attached);
    expect(await read(PAGES.nerveBlock)).toEqual({
      data: { treatment: expect.objectContaining({ faqs: [{ question: 'Does a nerve block hurt?' }, { question: 'What should I bring?' }] }) },
      cache: 'MISS',
    });
    await expectHits(PAGES.unrelated);
  });

  it('shows a published FAQ on the pages it is placed on', async () => {
    await cached(PAGES.nerveBlock, PAGES.unrelated, PAGES.physicalTherapy);
    await publishChange('Faq', ids.firstFaq, { question: 'Is a nerve block painful?' });
    expect((await read(PAGES.nerveBlock)).data.treatment.faqs[0]).toEqual({ question: 'Is a nerve block painful?' });
    await expectHits(PAGES.unrelated, PAGES.physicalTherapy);
  });

  it('shows what a provider sync changed on the pages of its treatments and offices, and keeps the rest', async () => {
    const record = { externalId: 'crd-1', npi: validNpi(7), firstName: 'Janet', lastName: 'Roe', credentials: ['MD'] };
    await cached(PAGES.nerveBlock, PAGES.office, PAGES.unrelated, PAGES.physicalTherapy);
    const report = await sync(app, syncHeaders, { source: 'credentialing', records: [record] });
    expect(report.counts.updated).toBe(1);
    expect((await read(PAGES.nerveBlock)).data.treatment.providers).toEqual([{ displayName: 'Janet Roe, MD' }]);
    expect(await read(PAGES.office)).toEqual({ data: { location: { name: 'Danville Office', providers: [{ displayName: 'Janet Roe, MD' }] } }, cache: 'MISS' });
    await expectHits(PAGES.unrelated, PAGES.physicalTherapy);

    // The same batch again writes nothing, and drops nothing.
    await cached(PAGES.nerveBlock, PAGES.office);
    expect((await sync(app, syncHeaders, { source: 'credentialing', records: [record] })).counts.unchanged).toBe(1);
    await expectHits(PAGES.nerveBlock, PAGES.office);
  });

  it('shows a provider a sync creates at its slug, where "not found" was cached, and on the office it joins', async () => {
    const newcomer = '{ provider(slug: "alex-newcomer") { displayName } }';
    await cached(newcomer, PAGES.office, PAGES.unrelated);
    expect((await read(newcomer)).data.provider).toBeNull();
    const record = { externalId: 'crd-2', npi: validNpi(8), firstName: 'Alex', lastName: 'Newcomer', locations: [{ slug: 'danville-office' }] };
    expect((await sync(app, syncHeaders, { source: 'credentialing', records: [record] })).counts.created).toBe(1);
    expect(await read(newcomer)).toEqual({ data: { provider: { displayName: 'Alex Newcomer' } }, cache: 'MISS' });
    expect((await read(PAGES.office)).data.location.providers).toEqual([{ displayName: 'Alex Newcomer' }, { displayName: 'Jane Roe, MD' }]);
    await expectHits(PAGES.unrelated);
  });

  it('drops a provider who leaves from the pages of the treatments they performed', async () => {
    const record = { externalId: 'crd-1', npi: validNpi(7), firstName: 'Janet', lastName: 'Roe', credentials: ['MD'] };
    await cached(PAGES.nerveBlock, PAGES.unrelated);
    await sync(app, syncHeaders, { source: 'credentialing', records: [{ ...record, active: false }] });
    expect((await read(PAGES.nerveBlock)).data.treatment.providers).toEqual([]);
    await expectHits(PAGES.unrelated);

    await cached(PAGES.nerveBlock);
    await sync(app, syncHeaders, { source: 'credentialing', records: [{ ...record, active: true }] });
    expect((await read(PAGES.nerveBlock)).data.treatment.providers).toEqual([{ displayName: 'Janet Roe, MD' }]);
  });
});
