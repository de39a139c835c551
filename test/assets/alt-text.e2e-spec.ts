import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '../../src/auth/permissions';
import { type EditorialClient } from '../support/editorial-client';
import { signedInClient, useTestApp } from '../support/use-test-app';
import { getImage, pathOf, storedFiles, uploadAsset } from './asset-uploads';
import { png } from './image-fixtures';

const PURGE = `mutation($input: AssetIdInput!) { purgeAsset(input: $input) }`;
const dataDir = mkdtempSync(join(tmpdir(), 'cms-assets-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('Alt text (WCAG 1.1.1) and the uses of an image', () => {
  const app = useTestApp({ DATA_DIR: dataDir });
  let editor: EditorialClient;

  beforeAll(async () => {
    editor = await signedInClient(app, Role.EDITOR);
  });

  async function imageWithoutAlt(filename = 'knee.png'): Promise<string> {
    const response = await uploadAsset(app, editor.headers, await png(1600, 900), { filename, contentType: 'image/png' });
    expect(response.status).toBe(201);
    return response.body.asset.id;
  }

  it('refuses to publish a treatment whose body has an image without alt text, naming it; with alt text it publishes', async () => {
    const assetId = await imageWithoutAlt('knee-injection.png');
    const treatment = await editor.createTreatment({ title: 'Knee Injections', body: `How it is done:\n\n![](asset:${assetId})\n` });

    const refused = await editor.attempt('publishTreatment', 'DocumentVersionInput', { id: treatment.id, version: treatment.version });
    expect(refused.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(refused.errors![0].message).toContain('Treatment "Knee Injections" cannot be published');
    expect(refused.errors![0].extensions.fields).toEqual([
      {
        path: 'body, image 1',
        message: `body, image 1 uses image "knee-injection.png" (asset ${assetId}) without alt text: give it alt text, on the asset or here, or mark it decorative`,
      },
    ]);

    const updated = await editor.mutate('updateTreatment', 'UpdateTreatmentInput', {
      id: treatment.id,
      version: treatment.version,
      body: `How it is done:\n\n![Ultrasound-guided injection into the knee](asset:${assetId})\n`,
    });
    await editor.publish('Treatment', updated);

    const { data } = await app.graphql(`{ treatment(slug: "knee-injections") { body { html } } }`);
    const html: string = data.treatment.body.html;
    const img = /<img [^>]*>/.exec(html)![0];
    expect(img).toContain('alt="Ultrasound-guided injection into the knee"');
    expect(img).toContain('width="1200" height="675"');
    expect(img).toContain('loading="lazy"');
    const src = /src="([^"]+)"/.exec(img)![1].replace(/&amp;/g, '&');
    expect(src).toMatch(new RegExp(`/assets/${assetId}/1200x0-inside-q75-v1\\.webp\\?sig=`));
    expect((await getImage(app, pathOf(src))).status).toBe(200);
  });

  it("takes the asset's own alt text, or decorative at the use, for a provider's photo", async () => {
    const assetId = await imageWithoutAlt();
    const provider = await app.content.provider({ firstName: 'Mona', lastName: 'Reyes', status: undefined });
    const draft = await editor.mutate('updateProvider', 'UpdateProviderInput', { id: provider.id, version: provider.version, photo: { asset: assetId } });
    const refused = await editor.attempt('publishProvider', 'DocumentVersionInput', { id: draft.id, version: draft.version });
    expect(refused.errors![0].extensions.fields).toEqual([expect.objectContaining({ path: 'photo' })]);

    await editor.mutate('updateAsset', 'UpdateAssetInput', { id: assetId, alt: 'Dr. Mona Reyes' }, 'id alt');
    const published = await editor.publish('Provider', draft);
    const { data } = await app.graphql(`query($id: ID!) { provider(id: $id) { photo { alt decorative } } }`, { id: published.id });
    expect(data.provider.photo).toEqual({ alt: 'Dr. Mona Reyes', decorative: false });

    const decorative = await imageWithoutAlt();
    const next = await editor.mutate('updateProvider', 'UpdateProviderInput', {
      id: published.id,
      version: published.version,
      photo: { asset: decorative, decorative: true },
    });
    await editor.publish('Provider', next);
    const after = await app.graphql(`query($id: ID!) { provider(id: $id) { photo { alt decorative } } }`, { id: published.id });
    expect(after.data.provider.photo).toEqual({ alt: '', decorative: true });
  });

  it('refuses to trash an image published pages use unless detached, and to purge one still in use', async () => {
    const admin = await signedInClient(app, Role.ADMIN);
    const assetId = await imageWithoutAlt();
    await editor.mutate('updateAsset', 'UpdateAssetInput', { id: assetId, alt: 'Waiting room' }, 'id');
    const treatment = await editor.createTreatment({ title: 'Nerve Blocks', body: `![](asset:${assetId})` });
    await editor.publish('Treatment', treatment);

    const refused = await editor.attempt('trashAsset', 'TrashAssetInput', { id: assetId });
    expect(refused.errors![0].extensions.code).toBe('CONFLICT');
    expect(refused.errors![0].message).toContain('Treatment "Nerve Blocks"');

    const trashed = await editor.mutate('trashAsset', 'TrashAssetInput', { id: assetId, detach: true }, 'id deletedAt');
    expect(trashed.deletedAt).not.toBeNull();
    const { data } = await app.graphql(`{ treatment(slug: "nerve-blocks") { body { markdown html } } }`);
    expect(data.treatment.body.markdown).not.toContain(assetId);
    expect(data.treatment.body.html).not.toContain('<img');
    // Webhooks (a static site's rebuild) hear that the live page changed.
    const events = await app.dataSource.query(`SELECT 1 FROM outbox_events WHERE event_type = 'document.published' AND payload->>'detachedAsset' = $1`, [
      assetId,
    ]);
    expect(events).toHaveLength(1);

    const purged = await admin.ok(PURGE, { input: { id: assetId } });
    expect(purged.purgeAsset).toBe(assetId);
    expect((await storedFiles(dataDir)).filter((file) => file.includes(assetId))).toEqual([]);
  });

  it('keeps an image in the trash while a document still uses it', async () => {
    const admin = await signedInClient(app, Role.ADMIN);
    const assetId = await imageWithoutAlt();
    await editor.createTreatment({ title: 'Draft Only', body: `![A draft image](asset:${assetId})` });
    await editor.mutate('trashAsset', 'TrashAssetInput', { id: assetId }, 'id');
    const refused = await admin.call(PURGE, { input: { id: assetId } });
    expect(refused.errors![0].extensions.code).toBe('CONFLICT');
    expect(refused.errors![0].message).toContain('Treatment "Draft Only"');
    const restored = await editor.mutate('restoreAsset', 'AssetIdInput', { id: assetId }, 'id deletedAt');
    expect(restored.deletedAt).toBeNull();
  });
});
