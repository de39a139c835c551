import { Module } from '@nestjs/common';
import { SitemapController } from './sitemap.controller';
import { SitemapService } from './sitemap.service';

/** GET /sitemap.xml (and its numbered files) and GET /robots.txt. */
@Module({ controllers: [SitemapController], providers: [SitemapService] })
export class SitemapModule {}
