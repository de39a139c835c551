import { Controller, Get, Header, Req } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { FhirBundle } from './fhir-systems';
import { FhirExportService } from './fhir-export.service';

const HOST_PATTERN = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$/;

/** Read-only FHIR R4 export of the public provider directory, for directories that pull from the practice. */
@Controller('fhir')
export class FhirController {
  constructor(private readonly exporter: FhirExportService) {}

  /** GET /fhir/Bundle: the published, active providers, the published offices and the practice. */
  @Get('Bundle')
  @Header('Content-Type', 'application/fhir+json; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=300')
  // The entries' fullUrl is built from these: a cache must not hand one host's URLs to another.
  @Header('Vary', 'Host, X-Forwarded-Proto')
  bundle(@Req() request: FastifyRequest): Promise<FhirBundle> {
    const forwarded = request.headers['x-forwarded-proto'];
    const protocol = typeof forwarded === 'string' && /^https?$/.test(forwarded) ? forwarded : request.protocol;
    const host = request.headers.host && HOST_PATTERN.test(request.headers.host) ? request.headers.host : 'localhost';
    return this.exporter.bundle(`${protocol}://${host}/fhir`);
  }
}
