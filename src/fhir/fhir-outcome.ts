import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { type FastifyReply } from 'fastify';
import { PRIVATE_NO_STORE } from '../cache/http-cache-policy';

/** FHIR issue types (http://hl7.org/fhir/issue-type) the API answers with. */
export type FhirIssueCode = 'not-found' | 'invalid' | 'not-supported' | 'too-costly' | 'exception' | 'timeout' | 'throttled';

/** A refusal of the FHIR API: answered as an OperationOutcome with its HTTP status. */
export class FhirError extends Error {
  constructor(
    readonly status: number,
    readonly code: FhirIssueCode,
    readonly diagnostics: string,
  ) {
    super(diagnostics);
  }
}

export function operationOutcome(code: FhirIssueCode, diagnostics: string, severity: 'error' | 'fatal' = 'error') {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code, diagnostics }] };
}

/**
 * Every error of the FHIR routes as an OperationOutcome (application/fhir+json) with the matching
 * status, never kept by a cache: a FhirError as it says, an HTTP error by its status, anything
 * else as a 500 that tells nothing of the server's insides.
 */
@Catch()
export class FhirErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('FHIR');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    let status = 500;
    let body = operationOutcome('exception', 'The server could not answer this request', 'fatal');
    if (error instanceof FhirError) {
      status = error.status;
      body = operationOutcome(error.code, error.diagnostics);
    } else if (error instanceof HttpException) {
      status = error.getStatus();
      body = operationOutcome(status === 404 ? 'not-found' : status === 406 ? 'not-supported' : status < 500 ? 'invalid' : 'exception', error.message);
    } else {
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    void reply.code(status).header('content-type', 'application/fhir+json; charset=utf-8').header('cache-control', PRIVATE_NO_STORE).send(body);
  }
}
