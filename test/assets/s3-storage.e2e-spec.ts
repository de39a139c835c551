import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { Role } from '../../src/auth/permissions';
import { signedInClient, useTestApp } from '../support/use-test-app';
import { getImage, pathOf, uploadAsset } from './asset-uploads';
import { hasMetadata, jpegWithGpsExif, pngHeaderClaiming } from './image-fixtures';

// s3rver: a real S3-compatible HTTP server (objects on disk), started and stopped by this file.
const S3rver = require('s3rver');

const BUCKET = 'practice-media';
const s3Dir = mkdtempSync(join(tmpdir(), 'cms-s3-'));
let server: { run(): Promise<{ port: number }>; close(): Promise<void> };
let endpoint = '';

beforeAll(async () => {
  server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: s3Dir });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
  await s3().send(new CreateBucketCommand({ Bucket: BUCKET }));
});

afterAll(async () => {
  await server?.close();
  rmSync(s3Dir, { recursive: true, force: true });
});

function s3(): S3Client {
  return new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
}

async function keysInBucket(): Promise<string[]> {
  const listed = await s3().send(new ListObjectsV2Command({ Bucket: BUCKET }));
  return (listed.Contents ?? []).map((object) => object.Key!).sort();
}

describe('Assets in S3-compatible storage (S3_BUCKET set)', () => {
  const app = useTestApp(() => ({ S3_BUCKET: BUCKET, S3_ENDPOINT: endpoint, S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER' }));

  it('keeps the stripped original and its renditions in the bucket, and removes them on purge', async () => {
    const editor = await signedInClient(app, Role.EDITOR);
    const admin = await signedInClient(app, Role.ADMIN);
    const uploaded = await uploadAsset(app, editor.headers, await jpegWithGpsExif(900, 600), { fields: { alt: 'Reception desk' } });
    expect(uploaded.status).toBe(201);
    const id: string = uploaded.body.asset.id;
    expect(await keysInBucket()).toEqual([`originals/${id}.jpg`]);

    const { data } = await app.graphql(
      `query($id: ID!) { asset(id: $id) { url(width: 300, height: 300, fit: COVER, format: AVIF, quality: 50) } }`,
      { id },
      editor.headers,
    );
    const rendition = await getImage(app, pathOf(data.asset.url));
    expect(rendition.status).toBe(200);
    expect(rendition.headers['content-type']).toBe('image/avif');
    expect(await sharp(rendition.body as Buffer).metadata()).toMatchObject({ width: 300, height: 300 });
    expect(await hasMetadata(rendition.body as Buffer)).toBe(false);
    expect(await keysInBucket()).toEqual([`originals/${id}.jpg`, `renditions/${id}/300x300-cover-q50-v1.avif`]);

    const refused = await uploadAsset(app, editor.headers, pngHeaderClaiming(30_000, 30_000), { filename: 'bomb.png', contentType: 'image/png' });
    expect(refused.status).toBe(400);
    expect(await keysInBucket()).toHaveLength(2);

    await editor.mutate('trashAsset', 'TrashAssetInput', { id }, 'id');
    await admin.ok(`mutation($input: AssetIdInput!) { purgeAsset(input: $input) }`, { input: { id } });
    expect(await keysInBucket()).toEqual([]);
  });
});
