import { DEFAULT_COUNT, FHIR_TYPES, MAX_COUNT, SEARCH_PARAMETERS } from './fhir-search';

const COMMON_PARAMETERS = [
  { name: '_id', type: 'token', documentation: 'The logical id.' },
  { name: '_lastUpdated', type: 'date', documentation: 'When the resource last changed, with a prefix (ge2026-11-01).' },
  { name: '_count', type: 'number', documentation: `Page size, ${DEFAULT_COUNT} by default, at most ${MAX_COUNT}.` },
  { name: 'page', type: 'number', documentation: 'The page to return, from 1; the paging links carry it.' },
];

/**
 * What the API supports, as a CapabilityStatement: read and search-type on each type, with the
 * search parameters the search module actually evaluates (the list is made from it).
 */
export function capabilityStatement(base: string, software: { name: string }, date: string) {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date,
    kind: 'instance',
    software,
    implementation: { description: 'Public provider directory of the practice (read-only)', url: base },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        documentation: `Read-only. JSON only (application/fhir+json); XML is refused with 406. Searches page with _count (at most ${MAX_COUNT}) and page; unknown parameters are refused with 400. Errors are OperationOutcomes.`,
        resource: FHIR_TYPES.map((type) => ({
          type,
          interaction: [{ code: 'read' }, { code: 'search-type' }],
          versioning: 'no-version',
          readHistory: false,
          updateCreate: false,
          searchParam: [
            ...COMMON_PARAMETERS,
            ...Object.entries(SEARCH_PARAMETERS[type]).map(([name, parameter]) => ({ name, type: parameter.type, documentation: parameter.documentation })),
          ],
        })),
      },
    ],
  };
}
