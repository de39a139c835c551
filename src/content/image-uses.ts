import { assetImagesIn, type ImageRef } from '../common/images/image.model';
import { type ContentType } from './document-descriptor';

/** One image a document's fields use: where (for messages), which asset, and the alt text given there. */
export interface ImageUse {
  /** The field, or the field and the image's position in its Markdown ("body, image 2"). */
  path: string;
  assetId: string;
  alt: string | null;
  decorative: boolean;
}

function isImageRef(value: unknown): value is ImageRef {
  return typeof value === 'object' && value !== null && typeof (value as ImageRef).assetId === 'string';
}

/** Every media-library image a state's fields use: its image fields, then the images in its Markdown fields. */
export function imageUsesOf(contentType: ContentType, fields: Record<string, unknown>): ImageUse[] {
  const uses: ImageUse[] = [];
  for (const field of contentType.images) {
    const value = fields[field];
    const refs = Array.isArray(value) ? value.map((ref, index) => ({ ref, path: `${field}[${index}]` })) : [{ ref: value, path: field }];
    for (const { ref, path } of refs) if (isImageRef(ref)) uses.push({ path, assetId: ref.assetId, alt: ref.alt, decorative: ref.decorative });
  }
  for (const field of contentType.richText) {
    const markdown = fields[field];
    if (typeof markdown !== 'string') continue;
    assetImagesIn(markdown).forEach((image, index) =>
      uses.push({ path: `${field}, image ${index + 1}`, assetId: image.assetId, alt: image.alt || null, decorative: false }),
    );
  }
  return uses;
}
