import { Controller, Get, Header, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { HttpCachePolicy, PRIVATE_NO_STORE } from '../cache/http-cache-policy';
import { AppConfig } from '../config/app-config';
import { FhirBundle } from './fhir-systems';
import { FhirExportService } from './fhir-export.service';

const HOST_PATTERN = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$/;

/** Read-only FHIR R4 export of the public provider directory, for directories that pull from the practice. */
@Controller('fhir')
export class FhirController {
  private readonly cachePolicy: HttpCachePolicy;

  constructor(
    private readonly exporter: FhirExportService,
    config: AppConfig,
  ) {
    this.cachePolicy = new HttpCachePolicy(config);
  }

  /** GET /fhir/Bundle: the published, active providers, the published offices and the practice. */
  @Get('Bundle')
  @Header('Content-Type', 'application/fhir+json; charset=utf-8')
  // Until the bundle is built: an error must never be kept by a browser or a CDN.
  @Header('Cache-Control', PRIVATE_NO_STORE)
  // The entries' fullUrl is built from these: a cache must not hand one host's URLs to another.
  @Header('Vary', 'Host, X-Forwarded-Proto')
  async bundle(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<FhirBundle> {
    const forwarded = request.headers['x-forwarded-proto'];
    const protocol = typeof forwarded === 'string' && /^https?$/.test(forwarded) ? forwarded : request.protocol;
    const host = request.headers.host && HOST_PATTERN.test(request.headers.host) ? request.headers.host : 'localhost';
    const bundle = await this.exporter.bundle(`${protocol}://${host}/fhir`);
    reply.header('cache-control', this.cachePolicy.publicHeader());
    return bundle;
  }
}
