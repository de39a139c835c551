/** A media-library image as rich text shows it: a signed rendition, its candidates, alt text and size. */
export interface RichTextImage {
  src: string;
  srcSet: string;
  /** The asset's alt text ("" when decorative); alt text written in the Markdown wins. */
  alt: string;
  width: number;
  height: number;
}

/**
 * Resolves the `![alt](asset:<uuid>)` images of rich text for one request, batched (one query
 * however many fields and images). The media library provides it; without it, such images are
 * left out of the HTML.
 */
export abstract class RichTextImages {
  abstract load(ids: readonly string[], context: object): Promise<ReadonlyMap<string, RichTextImage>>;
}
