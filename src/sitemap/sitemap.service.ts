import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CacheTags, recordRead } from '../common/cache-tags';
import { AppConfig } from '../config/app-config';
import { contentTypes } from '../content/document-descriptor';
import { DocumentType } from '../content/documents/document-status';
import { publicVisibility } from '../content/documents/visibility';
import { SiteUrls } from '../content/site-urls';
import { type SitemapEntry, sitemapIndexXml, urlSetXml } from './sitemap-xml';

interface PageRow {
  type: DocumentType;
  slug: string;
  canonical_url: string | null;
  lastmod: Date | null;
}

/**
 * The site's sitemap: every published page of a type that has a path on the site (SITE_PATHS),
 * except pages asking not to be indexed, inactive providers and pages whose canonical URL is
 * elsewhere (a sitemap lists canonical URLs only). `lastmod` is when the live version was
 * published. Past SITEMAP_MAX_URLS the sitemap becomes an index of numbered files.
 */
@Injectable()
export class SitemapService {
  private readonly maxUrls: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly siteUrls: SiteUrls,
    config: AppConfig,
  ) {
    this.maxUrls = config.SITEMAP_MAX_URLS;
  }

  /** GET /sitemap.xml: the URL set, or the index of the numbered files when there are more URLs than one may hold. */
  async sitemap(): Promise<string> {
    const entries = await this.entries();
    if (entries.length <= this.maxUrls) return urlSetXml(entries);
    const files = chunks(entries, this.maxUrls).map((chunk, index) => ({ loc: this.fileUrl(index + 1), lastmod: latest(chunk) }));
    return sitemapIndexXml(files);
  }

  /** GET /sitemap-<n>.xml: the n-th file (from 1), or null when there is none. */
  async sitemapFile(number: number): Promise<string | null> {
    const chunk = chunks(await this.entries(), this.maxUrls)[number - 1];
    return chunk ? urlSetXml(chunk) : null;
  }

  /** GET /robots.txt: everything may be crawled; the sitemap's address when the site's is known. */
  robots(): string {
    const siteUrl = this.siteUrls.siteUrl;
    return `User-agent: *\nAllow: /\n${siteUrl ? `\nSitemap: ${siteUrl}/sitemap.xml\n` : ''}`;
  }

  private fileUrl(number: number): string {
    return `${this.siteUrls.siteUrl}/sitemap-${number}.xml`;
  }

  private async entries(): Promise<SitemapEntry[]> {
    const types = contentTypes().filter((contentType) => this.siteUrls.hasUrls(contentType.type));
    if (types.length === 0) return [];
    for (const contentType of types) recordRead(CacheTags.list(contentType.table));
    const selects = types.map(
      (contentType) =>
        `SELECT '${contentType.type}' AS type, t.slug, t.canonical_url, COALESCE(t.published_at, t.updated_at) AS lastmod
         FROM ${contentType.table} t
         WHERE ${publicVisibility('t')} AND NOT t.noindex${contentType.type === DocumentType.PROVIDER ? ' AND t.active' : ''}`,
    );
    const rows: PageRow[] = await this.dataSource.query(`${selects.join('\nUNION ALL\n')}\nORDER BY type, slug`);
    const entries: SitemapEntry[] = [];
    for (const row of rows) {
      const loc = this.siteUrls.urlOf(row.type, row.slug);
      if (loc === null || (row.canonical_url && row.canonical_url !== loc)) continue;
      entries.push({ loc, lastmod: row.lastmod === null ? null : new Date(row.lastmod) });
    }
    return entries;
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

function latest(entries: readonly SitemapEntry[]): Date | null {
  let found: Date | null = null;
  for (const entry of entries) if (entry.lastmod && (!found || entry.lastmod > found)) found = entry.lastmod;
  return found;
}
