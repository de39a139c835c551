import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { FastifyReply } from 'fastify';
import { HttpCachePolicy, PRIVATE_NO_STORE } from '../cache/http-cache-policy';
import { RESPONSE_CACHE_ROUTE } from '../cache/http-caching';
import { AppConfig } from '../config/app-config';
import { SitemapService } from './sitemap.service';

const XML = 'application/xml; charset=utf-8';
const FILE_NUMBER = /^[1-9][0-9]{0,5}$/;

/**
 * The site's sitemap and robots.txt, for the website to serve at its own root (proxied, or
 * fetched at build time): the URLs in them are the site's (SITE_URL), not the API's. Public and
 * cached like GraphQL reads (Cache-Control, the response cache, invalidated when a page is
 * published or unpublished); rate-limited like every route.
 */
@Controller()
export class SitemapController {
  private readonly cachePolicy: HttpCachePolicy;

  constructor(
    private readonly sitemaps: SitemapService,
    config: AppConfig,
  ) {
    this.cachePolicy = new HttpCachePolicy(config);
  }

  @Get('sitemap.xml')
  @RouteConfig(RESPONSE_CACHE_ROUTE)
  @Header('Content-Type', XML)
  @Header('Cache-Control', PRIVATE_NO_STORE)
  async sitemap(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const xml = await this.sitemaps.sitemap();
    reply.header('cache-control', this.cachePolicy.publicHeader());
    return xml;
  }

  @Get('sitemap-:number.xml')
  @RouteConfig(RESPONSE_CACHE_ROUTE)
  @Header('Content-Type', XML)
  @Header('Cache-Control', PRIVATE_NO_STORE)
  async sitemapFile(@Param('number') number: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const xml = FILE_NUMBER.test(number) ? await this.sitemaps.sitemapFile(Number(number)) : null;
    if (xml === null) throw new NotFoundException(`There is no sitemap file ${number}; /sitemap.xml lists the files there are`);
    reply.header('cache-control', this.cachePolicy.publicHeader());
    return xml;
  }

  @Get('robots.txt')
  @RouteConfig(RESPONSE_CACHE_ROUTE)
  @Header('Content-Type', 'text/plain; charset=utf-8')
  robots(@Res({ passthrough: true }) reply: FastifyReply): string {
    reply.header('cache-control', this.cachePolicy.publicHeader());
    return this.sitemaps.robots();
  }
}
