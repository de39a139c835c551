import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { Permission, Role } from '../../src/auth/permissions';
import { signedInClient, useTestApp } from '../support/use-test-app';
import { getImage, pathOf, storedFiles, uploadAsset } from './asset-uploads';
import { hasMetadata, jpegWithGpsExif, png, pngHeaderClaiming } from './image-fixtures';

const dataDir = mkdtempSync(join(tmpdir(), 'cms-assets-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const PROVIDER_PHOTO = `
  query ProviderPhoto($slug: String!) {
    provider(slug: $slug) {
      displayName
      photo { alt decorative asset { id width height mimeType placeholder url(width: 400, format: WEBP) srcSet(widths: [200, 400, 2000]) } }
    }
  }`;

describe('Media library: uploads, stripping, renditions and a provider photo', () => {
  const app = useTestApp({ DATA_DIR: dataDir });

  async function assetCount(): Promise<number> {
    const [row] = await app.dataSource.query('SELECT count(*)::int AS count FROM assets');
    return row.count;
  }

  it("stores an editor's JPEG without its GPS EXIF, shows it as Anjum Bux's photo once published, and serves a WebP at the width asked", async () => {
    const editor = await signedInClient(app, Role.EDITOR);
    const original = await jpegWithGpsExif(1200, 800);
    expect(await hasMetadata(original)).toBe(true);

    const uploaded = await uploadAsset(app, editor.headers, original, {
      filename: 'dr-bux-at-the-clinic.jpg',
      fields: { alt: 'Dr. Anjum Bux in the Lexington office' },
    });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.asset).toMatchObject({
      mimeType: 'image/jpeg',
      width: 1200,
      height: 800,
      filename: 'dr-bux-at-the-clinic.jpg',
      alt: 'Dr. Anjum Bux in the Lexington office',
    });
    const assetId: string = uploaded.body.asset.id;
    const [storedOriginal] = (await storedFiles(dataDir)).filter((file) => file.startsWith(`originals/${assetId}`));
    expect(await hasMetadata(await readFile(join(dataDir, 'assets', storedOriginal)))).toBe(false);

    const provider = await app.content.provider({ firstName: 'Anjum', lastName: 'Bux', slug: 'anjum-bux' });
    const updated = await editor.mutate('updateProvider', 'UpdateProviderInput', { id: provider.id, version: provider.version, photo: { asset: assetId } });
    await editor.publish('Provider', updated);

    const response = await app.graphql(PROVIDER_PHOTO, { slug: 'anjum-bux' });
    expect(response.errors).toBeUndefined();
    const photo = response.data.provider.photo;
    expect(photo).toMatchObject({
      alt: 'Dr. Anjum Bux in the Lexington office',
      decorative: false,
      asset: { id: assetId, width: 1200, height: 800, mimeType: 'image/jpeg' },
    });
    expect(photo.asset.placeholder).toMatch(/^data:image\/webp;base64,/);
    expect(photo.asset.url).toMatch(new RegExp(`^http://localhost:3000/assets/${assetId}/400x0-inside-q75-v1\\.webp\\?sig=`));
    // Widths above the original's are left out of the srcset.
    expect(photo.asset.srcSet.split(', ').map((candidate: string) => candidate.split(' ')[1])).toEqual(['200w', '400w']);

    const rendition = await getImage(app, pathOf(photo.asset.url));
    expect(rendition.status).toBe(200);
    expect(rendition.headers['content-type']).toBe('image/webp');
    expect(rendition.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const served = await sharp(rendition.body as Buffer).metadata();
    expect(served).toMatchObject({ format: 'webp', width: 400, height: 267 });
    expect(await hasMetadata(rendition.body as Buffer)).toBe(false);
    // Made once, then served from the storage.
    expect(await storedFiles(dataDir)).toContain(`renditions/${assetId}/400x0-inside-q75-v1.webp`);
    const again = await getImage(app, pathOf(photo.asset.url));
    expect(Buffer.compare(again.body as Buffer, rendition.body as Buffer)).toBe(0);
  });

  it('refuses rendition URLs the API did not sign, before any work', async () => {
    const editor = await signedInClient(app, Role.EDITOR);
    const uploaded = await uploadAsset(app, editor.headers, await png(300, 200), { filename: 'logo.png', contentType: 'image/png' });
    const id = uploaded.body.asset.id;
    const { data } = await app.graphql(`query($id: ID!) { asset(id: $id) { url(width: 100) } }`, { id }, editor.headers);
    const signed = pathOf(data.asset.url);
    const tampered = signed.replace('/100x0-', '/3000x0-');
    const unsigned = signed.split('?')[0];
    for (const path of [tampered, unsigned, `/assets/${id}/100x0-inside-q75-v1.webp?sig=${'A'.repeat(32)}`]) {
      const response = await app.http().get(path);
      expect(response.status).toBe(403);
      expect(response.body.errors[0].extensions.code).toBe('FORBIDDEN');
    }
    expect((await storedFiles(dataDir)).filter((file) => file.startsWith(`renditions/${id}`))).toEqual([]);
  });

  describe('refusals: each a clear BAD_USER_INPUT, nothing stored', () => {
    it.each([
      [
        'a .png that is really an HTML file',
        () => Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>'),
        'index.png',
        400,
        /not an image: its content is not JPEG, PNG, WebP, AVIF or GIF/,
      ],
      [
        'a 30,000 × 30,000 PNG (a decompression bomb)',
        () => pngHeaderClaiming(30_000, 30_000),
        'huge.png',
        400,
        /30000×30000 pixels, more than the 40,000,000-pixel limit/,
      ],
      ['a 50 MB file', () => Buffer.alloc(50 * 1024 * 1024, 0xff), 'big.png', 413, /larger than the 10 MB limit/],
      [
        'an SVG (it can carry scripts)',
        () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'),
        'logo.png',
        400,
        /SVG image, which is refused/,
      ],
    ])('refuses %s', async (_name, make, filename, status, message) => {
      const editor = await signedInClient(app, Role.EDITOR);
      const before = { count: await assetCount(), files: await storedFiles(dataDir) };
      const response = await uploadAsset(app, editor.headers, make(), { filename, contentType: 'image/png' });
      expect(response.status).toBe(status);
      expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(response.body.errors[0].extensions.fields[0].path).toBe('file');
      expect(response.body.errors[0].message).toMatch(message);
      expect(await assetCount()).toBe(before.count);
      expect(await storedFiles(dataDir)).toEqual(before.files);
    });
  });

  it.each([
    [
      'WebP',
      () =>
        sharp({ create: { width: 40, height: 30, channels: 3, background: '#fff' } })
          .webp()
          .toBuffer(),
      'image/webp',
    ],
    [
      'AVIF',
      () =>
        sharp({ create: { width: 40, height: 30, channels: 3, background: '#fff' } })
          .avif()
          .toBuffer(),
      'image/avif',
    ],
    [
      'GIF',
      () =>
        sharp({ create: { width: 40, height: 30, channels: 3, background: '#fff' } })
          .gif()
          .toBuffer(),
      'image/gif',
    ],
  ])('accepts %s, kept in its own format whatever the name says', async (_name, make, mimeType) => {
    const editor = await signedInClient(app, Role.EDITOR);
    const response = await uploadAsset(app, editor.headers, await make(), { filename: 'named-wrong.jpg', contentType: 'application/octet-stream' });
    expect(response.status).toBe(201);
    expect(response.body.asset).toMatchObject({ mimeType, width: 40, height: 30 });
  });

  it('takes no multipart on /graphql: Apollo refuses it as a possible cross-site request', async () => {
    const editor = await signedInClient(app, Role.EDITOR);
    const response = await app
      .http()
      .post('/graphql')
      .set(editor.headers)
      .field('operations', JSON.stringify({ query: '{ __typename }' }))
      .attach('file', await png(10, 10), 'x.png');
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).not.toContain('"__typename"');
  });

  it('refuses details longer than their limits, naming the field', async () => {
    const editor = await signedInClient(app, Role.EDITOR);
    const response = await uploadAsset(app, editor.headers, await png(20, 20), { contentType: 'image/png', fields: { credit: 'x'.repeat(301) } });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.fields).toEqual([{ path: 'credit', message: 'must be at most 300 characters' }]);
  });

  it('lets API keys with media:write upload, and nobody else', async () => {
    const writer = await app.accounts.apiKey({ scopes: [Permission.MEDIA_WRITE] });
    const reader = await app.accounts.apiKey({ scopes: [Permission.CONTENT_READ_DRAFT] });
    const image = await png(64, 64);
    expect((await uploadAsset(app, { 'x-api-key': writer.secret }, image, { contentType: 'image/png' })).status).toBe(201);
    const refused = await uploadAsset(app, { 'x-api-key': reader.secret }, image, { contentType: 'image/png' });
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const anonymous = await uploadAsset(app, {}, image, { contentType: 'image/png' });
    expect(anonymous.status).toBe(401);
  });
});
