import { type FastifyRequest } from 'fastify';

const HOST_PATTERN = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$/;

/**
 * The absolute URL of the FHIR endpoint (".../fhir") that fullUrls and paging links start with.
 * The one place it is built, so that where it comes from can change in one place.
 */
export function fhirBaseUrl(request: FastifyRequest): string {
  const forwarded = request.headers['x-forwarded-proto'];
  const protocol = typeof forwarded === 'string' && /^https?$/.test(forwarded) ? forwarded : request.protocol;
  const host = request.headers.host && HOST_PATTERN.test(request.headers.host) ? request.headers.host : 'localhost';
  return `${protocol}://${host}/fhir`;
}
