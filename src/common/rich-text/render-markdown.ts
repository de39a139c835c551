import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { ASSET_IMAGE_PATTERN } from '../images/image.model';
import { type RichTextImage } from './rich-text-images';

const marked = new Marked({ gfm: true, breaks: false, async: false });

/**
 * Editors paste HTML from Word and the web into Markdown; Markdown passes raw HTML through, so
 * the rendered HTML is sanitized: no scripts, styles, event handlers or non-http(s) links.
 */
const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'del',
    'sup',
    'sub',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'code',
    'pre',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'img',
    'abbr',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'srcset', 'sizes', 'alt', 'title', 'width', 'height', 'loading'],
    abbr: ['title'],
    th: ['align'],
    td: ['align'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // Headings start at h2: the page owns its h1.
    h1: 'h2',
    a: (tagName, attribs) => {
      const external = /^https?:/i.test(attribs.href ?? '');
      return { tagName, attribs: external ? { ...attribs, rel: 'noopener noreferrer' } : attribs };
    },
  },
};

const ATTRIBUTE_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function attribute(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ATTRIBUTE_ESCAPES[character]);
}

/**
 * Media-library images (`![alt](asset:<uuid>)`) become <img> with a signed rendition, its srcset,
 * alt text (the Markdown's, else the asset's), width, height and lazy loading. An image that is
 * not given (trashed since, or no resolver) is left out rather than shown broken.
 */
function withAssetImages(markdown: string, images: ReadonlyMap<string, RichTextImage>): string {
  return markdown.replace(ASSET_IMAGE_PATTERN, (_match, written: string, id: string) => {
    const image = images.get(id.toLowerCase());
    if (!image) return '';
    const alt = written.replace(/\\(.)/g, '$1').trim() || image.alt;
    return `<img src="${attribute(image.src)}" srcset="${attribute(image.srcSet)}" sizes="(max-width: ${image.width}px) 100vw, ${image.width}px" alt="${attribute(alt)}" width="${image.width}" height="${image.height}" loading="lazy">`;
  });
}

export function renderMarkdownToHtml(markdown: string, images: ReadonlyMap<string, RichTextImage> = new Map()): string {
  const html = marked.parse(withAssetImages(markdown, images)) as string;
  return sanitizeHtml(html, SANITIZE_OPTIONS).trim();
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

/** Plain text of rendered HTML: tags dropped, block ends as spaces, whitespace collapsed. */
export function htmlToText(html: string): string {
  const stripped = sanitizeHtml(html.replace(/<\/(p|li|h[1-6]|blockquote|tr|pre)>|<br\s*\/?>/gi, ' '), { allowedTags: [], allowedAttributes: {} });
  return stripped
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/\s+/g, ' ')
    .trim();
}

/** At most `length` characters of the text, ellipsis included, cut at a word boundary when one is near. */
export function excerptOf(text: string, length: number): string {
  if (text.length <= length) return text;
  const room = length - 1;
  const cut = text.slice(0, room + 1);
  const boundary = cut.lastIndexOf(' ');
  const base = (boundary > room * 0.6 ? cut.slice(0, boundary) : text.slice(0, room)).replace(/[\s.,;:!?-]+$/, '');
  return `${base}…`;
}
