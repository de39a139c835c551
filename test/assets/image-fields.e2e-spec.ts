import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '../../src/auth/permissions';
import { type EditorialClient } from '../support/editorial-client';
import { signedInClient, useTestApp } from '../support/use-test-app';
import { getImage, pathOf, uploadAsset } from './asset-uploads';
import { png } from './image-fixtures';

const dataDir = mkdtempSync(join(tmpdir(), 'cms-assets-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const IMAGE = 'alt decorative asset { id }';

describe('Image fields go through drafts, revisions and restore like any other field', () => {
  const app = useTestApp({ DATA_DIR: dataDir });
  let editor: EditorialClient;

  beforeAll(async () => {
    editor = await signedInClient(app, Role.EDITOR);
  });

  async function image(alt: string): Promise<string> {
    const response = await uploadAsset(app, editor.headers, await png(640, 480), { filename: `${alt}.png`, contentType: 'image/png', fields: { alt } });
    return response.body.asset.id;
  }

  it("keeps a treatment's hero and social images in its draft until published, and restores them from a revision", async () => {
    const [first, second, social] = [await image('Ultrasound probe'), await image('Treatment room'), await image('Clinic entrance')];
    const created = await editor.createTreatment({
      title: 'Ultrasound Therapy',
      heroImage: { asset: first },
      seo: { ogImage: { asset: social, alt: 'Our clinic' } },
    });
    const published = await editor.publish('Treatment', created);
    const [firstRevision] = (
      await editor.ok(`query($id: ID!) { revisions(documentType: TREATMENT, documentId: $id) { edges { node { id kind } } } }`, { id: created.id })
    ).revisions.edges;

    const draft = await editor.mutate('updateTreatment', 'UpdateTreatmentInput', { id: created.id, version: published.version, heroImage: { asset: second } });
    const read = (stage: string) =>
      editor.ok(`{ treatment(slug: "ultrasound-therapy", stage: ${stage}) { heroImage { ${IMAGE} } seo { ogImage { ${IMAGE} } } } }`);
    expect((await read('PUBLISHED')).treatment.heroImage).toEqual({ alt: 'Ultrasound probe', decorative: false, asset: { id: first } });
    expect((await read('DRAFT')).treatment.heroImage).toEqual({ alt: 'Treatment room', decorative: false, asset: { id: second } });
    expect((await read('PUBLISHED')).treatment.seo.ogImage).toEqual({ alt: 'Our clinic', decorative: false, asset: { id: social } });

    const republished = await editor.publish('Treatment', draft);
    expect((await read('PUBLISHED')).treatment.heroImage.asset.id).toBe(second);
    const restored = await editor.mutate(
      'restoreTreatmentRevision',
      'RestoreRevisionInput',
      { id: created.id, version: republished.version, revisionId: firstRevision.node.id },
      `id version heroImage { asset { id } }`,
    );
    expect(restored.heroImage.asset.id).toBe(first);
  });

  it("keeps an office's photos in order, each with its alt text", async () => {
    const [outside, waiting] = [await image('Office from the street'), await image('Waiting room')];
    const created = await editor.mutate('createLocation', 'CreateLocationInput', {
      name: 'Paris Office',
      address: { line1: '200 Main St', city: 'Paris', state: 'KY', postalCode: '40361' },
      photos: [{ asset: waiting, alt: 'Bright waiting room with six chairs' }, { asset: outside }],
    });
    await editor.publish('Location', created);
    const { data } = await app.graphql(`{ location(slug: "paris-office") { photos { ${IMAGE} } } }`);
    expect(data.location.photos).toEqual([
      { alt: 'Bright waiting room with six chairs', decorative: false, asset: { id: waiting } },
      { alt: 'Office from the street', decorative: false, asset: { id: outside } },
    ]);
  });
});

describe('Renditions per image are bounded', () => {
  const app = useTestApp({ DATA_DIR: dataDir, ASSET_MAX_RENDITIONS: '2' });

  it('refuses a new size past ASSET_MAX_RENDITIONS and keeps serving the ones made', async () => {
    const editor = await signedInClient(app, Role.EDITOR);
    const uploaded = await uploadAsset(app, editor.headers, await png(800, 600), { contentType: 'image/png', filename: 'x.png' });
    const { data } = await app.graphql(
      `query($id: ID!) { asset(id: $id) { a: url(width: 100) b: url(width: 200) c: url(width: 300) } }`,
      { id: uploaded.body.asset.id },
      editor.headers,
    );
    expect((await getImage(app, pathOf(data.asset.a))).status).toBe(200);
    expect((await getImage(app, pathOf(data.asset.b))).status).toBe(200);
    const refused = await getImage(app, pathOf(data.asset.c));
    expect(refused.status).toBe(429);
    expect((await getImage(app, pathOf(data.asset.a))).status).toBe(200);
  });
});
