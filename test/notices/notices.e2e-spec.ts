import { Role } from '../../src/auth/permissions';
import { dataOf, expectBadUserInput } from '../common/expectations';
import { type EditorialClient } from '../support/editorial-client';
import { signedInClient, useTestApp } from '../support/use-test-app';

const ALL_REQUIRED = ['NONDISCRIMINATION', 'LANGUAGE_ASSISTANCE', 'NO_SURPRISES_ACT', 'GOOD_FAITH_ESTIMATE', 'PRIVACY_PRACTICES'];
const COMPLIANCE = '{ practice(stage: DRAFT) { compliance { missingNotices unpublishedNotices complete } } }';
const NOTICE_FIELDS = 'id version slug status kind title body { markdown html } languages effectiveDate reviewDate';

describe('required notices', () => {
  const app = useTestApp();
  let editor: EditorialClient;

  const createNotice = (input: Record<string, unknown>) => editor.mutate('createNotice', 'CreateNoticeInput', input, NOTICE_FIELDS);
  const compliance = async () => (await editor.ok(COMPLIANCE)).practice.compliance;

  beforeAll(async () => {
    editor = await signedInClient(app, Role.EDITOR);
    // The practice singleton, published: `compliance` and `notices` are fields of it.
    await app.content.practice({ name: 'Bluegrass Pain Clinic' });
  });

  it('reports every required kind missing while there is no notice', async () => {
    expect(await compliance()).toEqual({ missingNotices: ALL_REQUIRED, unpublishedNotices: [], complete: false });
  });

  it('lets an editor write a notice as a draft, which the public cannot see but compliance counts as unpublished', async () => {
    const notice = await createNotice({
      kind: 'PRIVACY_PRACTICES',
      title: 'Notice of Privacy Practices',
      body: 'This notice describes **how medical information about you** may be used.',
      languages: ['EN', 'es-mx'],
      effectiveDate: '2026-01-01',
      reviewDate: '2027-01-01',
    });
    expect(notice).toMatchObject({
      slug: 'notice-of-privacy-practices',
      status: 'DRAFT',
      kind: 'PRIVACY_PRACTICES',
      body: { html: '<p>This notice describes <strong>how medical information about you</strong> may be used.</p>' },
      languages: ['en', 'es-MX'],
      effectiveDate: '2026-01-01',
      reviewDate: '2027-01-01',
    });

    const publicRead = dataOf(await app.graphql('{ notice(slug: "notice-of-privacy-practices") { id } notices { totalCount } practice { notices { id } } }'));
    expect(publicRead).toEqual({ notice: null, notices: { totalCount: 0 }, practice: { notices: [] } });
    // The editor previewing the practice at DRAFT sees the notice it will publish.
    const preview = await editor.ok('{ practice(stage: DRAFT) { notices { kind title status } } }');
    expect(preview.practice.notices).toEqual([{ kind: 'PRIVACY_PRACTICES', title: 'Notice of Privacy Practices', status: 'DRAFT' }]);
    expect(await compliance()).toEqual({
      missingNotices: ALL_REQUIRED.filter((kind) => kind !== 'PRIVACY_PRACTICES'),
      unpublishedNotices: ['PRIVACY_PRACTICES'],
      complete: false,
    });
  });

  it('serves a published notice publicly: by slug, in the list filtered by kind, and on the practice', async () => {
    const draft = await createNotice({ kind: 'NO_SURPRISES_ACT', title: 'Your Rights and Protections Against Surprise Medical Bills', languages: ['en'] });
    await editor.publish('Notice', draft);

    const read = dataOf(
      await app.graphql(`{
        notice(slug: "your-rights-and-protections-against-surprise-medical-bills") { kind title languages effectiveDate }
        notices(filter: { kind: NO_SURPRISES_ACT }, first: 5) { totalCount edges { node { title } } }
        other: notices(filter: { kind: OTHER }) { totalCount }
        practice { notices { kind title } }
      }`),
    );
    expect(read).toEqual({
      notice: { kind: 'NO_SURPRISES_ACT', title: 'Your Rights and Protections Against Surprise Medical Bills', languages: ['en'], effectiveDate: null },
      notices: { totalCount: 1, edges: [{ node: { title: 'Your Rights and Protections Against Surprise Medical Bills' } }] },
      other: { totalCount: 0 },
      practice: { notices: [{ kind: 'NO_SURPRISES_ACT', title: 'Your Rights and Protections Against Surprise Medical Bills' }] },
    });
    const report = await compliance();
    expect(report.missingNotices).not.toContain('NO_SURPRISES_ACT');
    expect(report.unpublishedNotices).not.toContain('NO_SURPRISES_ACT');
  });

  it('is complete once every required kind has a published notice; OTHER notices are never required', async () => {
    for (const kind of ALL_REQUIRED) {
      const { notices } = await editor.ok(`{ notices(stage: DRAFT, filter: { kind: ${kind} }) { edges { node { id version status } } } }`);
      const existing = notices.edges[0]?.node;
      if (existing?.status === 'PUBLISHED') continue;
      await editor.publish('Notice', existing ?? (await createNotice({ kind, title: `Notice ${kind}` })));
    }
    expect(await compliance()).toEqual({ missingNotices: [], unpublishedNotices: [], complete: true });

    // Trashing one (after unpublishing it) makes its kind missing again.
    const { notices } = await editor.ok('{ notices(filter: { kind: GOOD_FAITH_ESTIMATE }) { edges { node { id version } } } }');
    const unpublished = await editor.mutate('unpublishNotice', 'DocumentVersionInput', notices.edges[0].node);
    expect(await compliance()).toMatchObject({ unpublishedNotices: ['GOOD_FAITH_ESTIMATE'], complete: false });
    await editor.mutate('trashNotice', 'TrashDocumentInput', { id: unpublished.id });
    expect(await compliance()).toEqual({ missingNotices: ['GOOD_FAITH_ESTIMATE'], unpublishedNotices: [], complete: false });
  });

  it('tells drafts apart only to editors: compliance needs a credential that reads drafts', async () => {
    const anonymous = await app.graphql('{ practice { compliance { complete } } }');
    expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    // A preview token cannot make this read, so the refusal does not suggest one.
    expect(anonymous.errors?.[0].message).toBe('This needs an editor credential or an API key with content:read-draft');
  });

  it('refuses a language that is not a BCP 47 tag and a date that is not a real date, naming the fields', async () => {
    const badLanguage = await editor.attempt('createNotice', 'CreateNoticeInput', {
      kind: 'LANGUAGE_ASSISTANCE',
      title: 'Language help',
      languages: ['en', 'Spanish!'],
    });
    const error = expectBadUserInput(badLanguage, 'input.languages');
    expect(error.extensions.fields).toContainEqual({ path: 'input.languages', message: expect.stringContaining('BCP 47') });

    const badDate = await editor.attempt('createNotice', 'CreateNoticeInput', {
      kind: 'OTHER',
      title: 'Office closure',
      effectiveDate: '2026-02-30',
      reviewDate: 'soon',
    });
    expectBadUserInput(badDate, 'input.effectiveDate');
    expectBadUserInput(badDate, 'input.reviewDate');

    const noKind = await editor.attempt('createNotice', 'CreateNoticeInput', { kind: 'OTHER', title: '' });
    expectBadUserInput(noKind, 'input.title');
  });

  it('keeps revisions and restores a trashed notice like every other document', async () => {
    const notice = await createNotice({ kind: 'OTHER', title: 'Holiday hours' });
    const updated = await editor.mutate(
      'updateNotice',
      'UpdateNoticeInput',
      { id: notice.id, version: notice.version, reviewDate: '2026-12-31' },
      'id version reviewDate',
    );
    expect(updated.reviewDate).toBe('2026-12-31');
    const trashed = await editor.mutate('trashNotice', 'TrashDocumentInput', { id: updated.id }, 'id editorial { trashedAt }');
    expect(trashed.editorial.trashedAt).not.toBeNull();
    const restored = await editor.mutate('restoreNotice', 'DocumentIdInput', { id: trashed.id }, 'id reviewDate editorial { trashedAt }');
    expect(restored).toMatchObject({ reviewDate: '2026-12-31', editorial: { trashedAt: null } });
  });
});

describe('the demo practice', () => {
  const app = useTestApp({ LOAD_DEMO_CONTENT: 'true' });

  it('ships no notices (it writes no legal text), so its compliance report lists all five required kinds', async () => {
    const editor = await signedInClient(app, Role.EDITOR);
    expect(dataOf(await app.graphql('{ notices { totalCount } practice { name notices { id } } }'))).toMatchObject({
      notices: { totalCount: 0 },
      practice: { notices: [] },
    });
    expect((await editor.ok(COMPLIANCE)).practice.compliance).toEqual({ missingNotices: ALL_REQUIRED, unpublishedNotices: [], complete: false });
  });
});
