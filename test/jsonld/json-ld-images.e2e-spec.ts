import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { Role } from '../../src/auth/permissions';
import { getImage, pathOf, uploadAsset } from '../assets/asset-uploads';
import { png } from '../assets/image-fixtures';
import { signedInClient, useTestApp } from '../support/use-test-app';
import { DEMO_SITE_ENV } from './demo-site';
import { vocabularyViolations } from './schema-org-vocabulary';

const dataDir = mkdtempSync(join(tmpdir(), 'cms-jsonld-images-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/**
 * A page's images reach its JSON-LD as `image`: a signed JPEG rendition of each, at most 1200 px
 * wide, that a search engine can fetch; decorative uses and images of drafts stay out.
 */
describe('JSON-LD images', () => {
  const app = useTestApp({ ...DEMO_SITE_ENV, DATA_DIR: dataDir });

  async function uploaded(editorHeaders: Record<string, string>, width: number, alt: string): Promise<string> {
    const response = await uploadAsset(app, editorHeaders, await png(width, Math.round(width / 2)), {
      filename: 'image.png',
      contentType: 'image/png',
      fields: { alt },
    });
    expect(response.status).toBe(201);
    return response.body.asset.id;
  }

  it("puts the physician's photo, the treatment's hero and social images and an office's photos in `image`, as fetchable JPEGs", async () => {
    const editor = await signedInClient(app, Role.EDITOR);
    const photo = await uploaded(editor.headers, 2400, 'Dr. Anjum Bux');
    const hero = await uploaded(editor.headers, 800, 'The pump beside a ruler');
    const social = await uploaded(editor.headers, 1200, 'Intrathecal therapy');
    const decorative = await uploaded(editor.headers, 600, 'A pattern');

    const ids = (
      await app.graphql(
        `{ provider(slug: "anjum-bux") { id version } treatment(slug: "intrathecal-therapy", stage: DRAFT) { id version } location(slug: "lexington-office") { id version } }`,
        undefined,
        editor.headers,
      )
    ).data;
    await editor.publish(
      'Provider',
      await editor.mutate('updateProvider', 'UpdateProviderInput', { id: ids.provider.id, version: ids.provider.version, photo: { asset: photo } }),
    );
    await editor.publish(
      'Treatment',
      await editor.mutate('updateTreatment', 'UpdateTreatmentInput', {
        id: ids.treatment.id,
        version: ids.treatment.version,
        heroImage: { asset: hero },
        seo: { ogImage: { asset: social } },
      }),
    );
    await editor.publish(
      'Location',
      await editor.mutate('updateLocation', 'UpdateLocationInput', {
        id: ids.location.id,
        version: ids.location.version,
        photos: [{ asset: decorative, decorative: true }],
      }),
    );

    const data = (
      await app.graphql(
        `{ provider(slug: "anjum-bux") { jsonLd } treatment(slug: "intrathecal-therapy") { jsonLd } location(slug: "lexington-office") { jsonLd } }`,
      )
    ).data;
    for (const document of Object.values(data) as { jsonLd: unknown }[]) expect(vocabularyViolations(document.jsonLd)).toEqual([]);

    const [physicianImage] = data.provider.jsonLd.image;
    expect(physicianImage).toMatch(new RegExp(`/assets/${photo}/1200x0-inside-q80-v1\\.jpg\\?sig=`));
    const fetched = await getImage(app, pathOf(physicianImage));
    expect(fetched.status).toBe(200);
    expect(await sharp(fetched.body as Buffer).metadata()).toMatchObject({ format: 'jpeg', width: 1200 });

    // The page node carries the treatment's images: its own first, then the social one; an 800 px image stays 800.
    const page = data.treatment.jsonLd['@graph'][0];
    expect(page.image).toHaveLength(2);
    expect(page.image[0]).toMatch(new RegExp(`/assets/${hero}/800x0-inside-q80-v1\\.jpg\\?sig=`));
    expect(page.image[1]).toMatch(new RegExp(`/assets/${social}/1200x0-inside-q80-v1\\.jpg\\?sig=`));
    // A decorative photo is no picture of the office.
    expect(data.location.jsonLd).not.toHaveProperty('image');
  });
});
