import { Controller, Get, Header, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { HttpCachePolicy, PRIVATE_NO_STORE } from '../cache/http-cache-policy';
import { AppConfig } from '../config/app-config';
import { FhirBundle } from './fhir-systems';
import { FhirExportService } from './fhir-export.service';

/** Read-only FHIR R4 export of the public provider directory, for directories that pull from the practice. */
@Controller('fhir')
export class FhirController {
  private readonly cachePolicy: HttpCachePolicy;
  /** The entries' fullUrls start here: from PUBLIC_URL, never from the request's Host. */
  private readonly base: string;

  constructor(
    private readonly exporter: FhirExportService,
    config: AppConfig,
  ) {
    this.cachePolicy = new HttpCachePolicy(config);
    this.base = `${config.publicUrl}/fhir`;
  }

  /** GET /fhir/Bundle: the published, active providers, the published offices and the practice. */
  @Get('Bundle')
  @Header('Content-Type', 'application/fhir+json; charset=utf-8')
  // Until the bundle is built: an error must never be kept by a browser or a CDN.
  @Header('Cache-Control', PRIVATE_NO_STORE)
  async bundle(@Res({ passthrough: true }) reply: FastifyReply): Promise<FhirBundle> {
    const bundle = await this.exporter.bundle(this.base);
    reply.header('cache-control', this.cachePolicy.publicHeader());
    return bundle;
  }
}
