import { Field, FieldMiddleware, ObjectType } from '@nestjs/graphql';
import { excerptOf, htmlToText, renderMarkdownToHtml } from './render-markdown';

const renderCache = new Map<string, { html: string; text: string }>();
const RENDER_CACHE_LIMIT = 2000;

function rendered(markdown: string): { html: string; text: string } {
  let entry = renderCache.get(markdown);
  if (!entry) {
    const html = renderMarkdownToHtml(markdown);
    entry = { html, text: htmlToText(html) };
    if (renderCache.size >= RENDER_CACHE_LIMIT) renderCache.delete(renderCache.keys().next().value as string);
    renderCache.set(markdown, entry);
  }
  return entry;
}

@ObjectType({ description: 'Formatted text: Markdown as written, with sanitized HTML and plain text rendered on the server.' })
export class RichText {
  constructor(markdown: string) {
    this.markdown = markdown;
  }

  @Field(() => String, { description: 'The source, as the editor wrote it (Markdown).' })
  markdown: string;

  @Field(() => String, { description: 'Sanitized HTML, safe to insert into a page: no scripts, event handlers or unsafe links.' })
  get html(): string {
    return rendered(this.markdown).html;
  }

  @Field(() => String, { description: 'Plain text without markup, for meta descriptions, search and previews.' })
  get text(): string {
    return rendered(this.markdown).text;
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
