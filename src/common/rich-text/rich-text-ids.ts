import { assetImagesIn } from '../images/image.model';

/** The distinct media-library asset ids a Markdown text references. */
export function extractIds(markdown: string): string[] {
  return [...new Set(assetImagesIn(markdown).map((image) => image.assetId))];
}
