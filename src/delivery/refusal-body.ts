import { type ErrorCode } from '../common/errors/app-error';

/** FHIR issue types (http://hl7.org/fhir/issue-type) of the refusals made before a route runs. */
const FHIR_ISSUE: Partial<Record<ErrorCode, string>> = { RATE_LIMITED: 'throttled', TIMEOUT: 'timeout' };

/**
 * The body and content type of a refusal made by a hook before any route runs (rate limit,
 * request timeout): an OperationOutcome on the FHIR API, as its clients read errors, and the
 * GraphQL error shape everywhere else.
 */
export function refusalBody(url: string, code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): { type: string; body: string } {
  if (url === '/fhir' || url.startsWith('/fhir/') || url.startsWith('/fhir?')) {
    const outcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: FHIR_ISSUE[code] ?? 'exception', diagnostics: message }] };
    return { type: 'application/fhir+json; charset=utf-8', body: JSON.stringify(outcome) };
  }
  return { type: 'application/json; charset=utf-8', body: JSON.stringify({ errors: [{ message, extensions: { ...extensions, code } }] }) };
}
