import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { type DocumentType } from './documents/document-status';

/**
 * Where documents live on the public website: SITE_URL plus the type's SITE_PATHS template with
 * the slug filled in. One place answers it for `url`, the canonical URL's fallback, JSON-LD and
 * the sitemap, so they can never disagree.
 */
@Injectable()
export class SiteUrls {
  private readonly base: string | null;
  private readonly paths: ReadonlyMap<string, string>;

  constructor(config: AppConfig) {
    this.base = config.siteUrl;
    this.paths = config.sitePaths;
  }

  /** The site's address without a trailing slash, or null when SITE_URL is not set. */
  get siteUrl(): string | null {
    return this.base;
  }

  /** Whether documents of `type` have URLs (SITE_URL and a path for the type are configured). */
  hasUrls(type: DocumentType): boolean {
    return this.base !== null && this.paths.has(type);
  }

  /** The absolute URL of a document's page, or null when its type has no page on the site. */
  urlOf(type: DocumentType, slug: string): string | null {
    const template = this.paths.get(type);
    if (this.base === null || template === undefined) return null;
    return `${this.base}${template.replaceAll('{slug}', encodeURIComponent(slug))}`;
  }
}
