import { Controller, Get, Header, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { HttpCachePolicy, PRIVATE_NO_STORE } from '../cache/http-cache-policy';
import { AppConfig } from '../config/app-config';
import { capabilityStatement } from './fhir-capability';
import { FhirExportService } from './fhir-export.service';
import { FhirError, FhirErrorFilter } from './fhir-outcome';
import { FHIR_TYPES, type FhirType, searchBundle, type SearchQuery } from './fhir-search';
import { FhirBundle, FhirResource } from './fhir-systems';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const JSON_FORMATS = new Set(['json', 'application/json', 'application/fhir+json']);
const ID_PATTERN = /^[A-Za-z0-9\-.]{1,64}$/;

/**
 * JSON is the only format served: `_format` (which wins over Accept, as FHIR says) or an Accept
 * header that asks for XML alone gets 406, as an OperationOutcome.
 */
function requireJson(request: FastifyRequest, format: unknown): void {
  if (typeof format === 'string' && format !== '') {
    if (!JSON_FORMATS.has(format.split(';')[0].trim().toLowerCase()))
      throw new FhirError(406, 'not-supported', `_format "${format}" is not served: this server speaks JSON only (application/fhir+json)`);
    return;
  }
  const accept = request.headers.accept;
  if (!accept) return;
  const types = accept.split(',').map((part) => part.split(';')[0].trim().toLowerCase());
  if (types.some((type) => type === '*/*' || type === 'application/*' || type.endsWith('json'))) return;
  throw new FhirError(406, 'not-supported', `Accept "${accept}" cannot be served: this server speaks JSON only (application/fhir+json)`);
}

function fhirType(type: string): FhirType {
  if (!(FHIR_TYPES as readonly string[]).includes(type))
    throw new FhirError(404, 'not-supported', `Resource type "${type}" is not served; this server has ${FHIR_TYPES.join(', ')}`);
  return type as FhirType;
}

/**
 * Read-only FHIR R4 API of the public provider directory, for directories that pull from the
 * practice: the whole directory as one Bundle, the CapabilityStatement, each resource by id (every
 * fullUrl resolves) and searches with paging. Limited like every public route (rate limit and
 * request timeout hooks); answers are public and cacheable, errors are OperationOutcomes kept by no cache.
 */
@Controller('fhir')
@UseFilters(FhirErrorFilter)
export class FhirController {
  private readonly cachePolicy: HttpCachePolicy;
  private readonly software = { name: 'practice-cms' };
  /** fullUrls and paging links start here: from PUBLIC_URL, never from the request's Host. */
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
  @Header('Content-Type', FHIR_JSON)
  // Until the bundle is built: an error must never be kept by a browser or a CDN.
  @Header('Cache-Control', PRIVATE_NO_STORE)
  @Header('Vary', 'Accept')
  async bundle(@Req() request: FastifyRequest, @Query('_format') format: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<FhirBundle> {
    requireJson(request, format);
    const bundle = await this.exporter.bundle(this.base);
    reply.header('cache-control', this.cachePolicy.publicHeader());
    return bundle;
  }

  /** GET /fhir/metadata: what this server supports. */
  @Get('metadata')
  @Header('Content-Type', FHIR_JSON)
  @Header('Cache-Control', PRIVATE_NO_STORE)
  @Header('Vary', 'Accept')
  metadata(@Req() request: FastifyRequest, @Query('_format') format: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    requireJson(request, format);
    reply.header('cache-control', this.cachePolicy.publicHeader());
    return capabilityStatement(this.base, this.software, new Date().toISOString());
  }

  /** GET /fhir/{type}?params: a searchset Bundle, one page of it. */
  @Get(':type')
  @Header('Content-Type', FHIR_JSON)
  @Header('Cache-Control', PRIVATE_NO_STORE)
  @Header('Vary', 'Accept')
  async search(
    @Req() request: FastifyRequest,
    @Param('type') type: string,
    @Query() query: SearchQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FhirBundle> {
    requireJson(request, query._format);
    const resourceType = fhirType(type);
    const bundle = searchBundle(await this.exporter.resources(), resourceType, query, this.base);
    reply.header('cache-control', this.cachePolicy.publicHeader());
    return bundle;
  }

  /** GET /fhir/{type}/{id}: one resource, the same one the Bundle's fullUrl names. */
  @Get(':type/:id')
  @Header('Content-Type', FHIR_JSON)
  @Header('Cache-Control', PRIVATE_NO_STORE)
  @Header('Vary', 'Accept')
  async read(
    @Req() request: FastifyRequest,
    @Param('type') type: string,
    @Param('id') id: string,
    @Query('_format') format: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FhirResource> {
    requireJson(request, format);
    const resourceType = fhirType(type);
    if (!ID_PATTERN.test(id)) throw new FhirError(400, 'invalid', `"${id}" is not a FHIR id (1 to 64 letters, digits, "-" and ".")`);
    const resource = (await this.exporter.resources()).find((candidate) => candidate.resourceType === resourceType && candidate.id === id);
    if (!resource) throw new FhirError(404, 'not-found', `${resourceType}/${id} is not in the public directory`);
    reply.header('cache-control', this.cachePolicy.publicHeader());
    const lastUpdated = (resource.meta as { lastUpdated?: string } | undefined)?.lastUpdated;
    if (lastUpdated) reply.header('last-modified', new Date(lastUpdated).toUTCString());
    return resource;
  }
}
