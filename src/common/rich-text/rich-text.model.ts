import { Field, FieldMiddleware, ObjectType } from '@nestjs/graphql';
import { excerptOf, htmlToText, renderMarkdownToHtml } from './render-markdown';
import { type RichTextImage } from './rich-text-images';

const renderCache = new Map<string, { html: string; text: string }>();
const RENDER_CACHE_LIMIT = 2000;
const NO_IMAGES: ReadonlyMap<string, RichTextImage> = new Map();

function rendered(markdown: string, images: ReadonlyMap<string, RichTextImage>): { html: string; text: string } {
  // The images' URLs and alt text are part of the output: they are part of the key.
  const key = images.size === 0 ? markdown : `${markdown}\u0000${JSON.stringify([...images])}`;
  let entry = renderCache.get(key);
  if (!entry) {
    const html = renderMarkdownToHtml(markdown, images);
    entry = { html, text: htmlToText(html) };
    if (renderCache.size >= RENDER_CACHE_LIMIT) renderCache.delete(renderCache.keys().next().value as string);
    renderCache.set(key, entry);
  }
  return entry;
}

/** Whether Markdown references media-library images (which need resolving before it renders). */
export function referencesAssets(markdown: string): boolean {
  return markdown.includes('](asset:');
}

@ObjectType({ description: 'Formatted text: Markdown as written, with sanitized HTML and plain text rendered on the server.' })
export class RichText {
  constructor(
    markdown: string,
    private readonly images: ReadonlyMap<string, RichTextImage> = NO_IMAGES,
  ) {
    this.markdown = markdown;
  }

  /** The same text with its media-library images resolved. */
  withImages(images: ReadonlyMap<string, RichTextImage>): RichText {
    return new RichText(this.markdown, images);
  }

  @Field(() => String, { description: 'The source, as the editor wrote it (Markdown).' })
  markdown: string;

  /** Sanitized HTML (the `html` field resolves media-library images first: RichTextResolver). */
  get html(): string {
    return rendered(this.markdown, this.images).html;
  }

  @Field(() => String, { description: 'Plain text without markup, for meta descriptions, search and previews.' })
  get text(): string {
    return rendered(this.markdown, this.images).text;
  }

  excerpt(length: number): string {
    return excerptOf(this.text, length);
  }
}

/** Wraps a Markdown column into a RichText object when a RichText field is read. */
export const richTextMiddleware: FieldMiddleware = (context, next) => {
  // Synchronous for plain properties (the usual case): no promise per rich-text field.
  const value = next();
  return value instanceof Promise ? value.then(toRichText) : toRichText(value);
};

function toRichText(value: unknown): RichText | null {
  if (value === null || value === undefined) return null;
  return value instanceof RichText ? value : new RichText(String(value));
}

/** A GraphQL field of type RichText backed by a Markdown string property. */
export function RichTextField(options: { description: string; nullable?: boolean }): PropertyDecorator {
  return Field(() => RichText, { nullable: options.nullable ?? false, description: options.description, middleware: [richTextMiddleware] });
}
