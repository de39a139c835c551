import { FhirError } from './fhir-outcome';
import { FHIR_SYSTEMS, type FhirBundle, type FhirResource } from './fhir-systems';

/** The resource types the API reads and searches. */
export const FHIR_TYPES = ['Practitioner', 'PractitionerRole', 'Location', 'Organization'] as const;
export type FhirType = (typeof FHIR_TYPES)[number];

/** Page size when `_count` is not given, and the most one page may hold. */
export const DEFAULT_COUNT = 20;
export const MAX_COUNT = 100;
/** The deepest page a client may ask for: page × _count stays within what one practice has. */
export const MAX_PAGE = 1000;

type Matcher = (resource: FhirResource, value: string) => boolean;

interface SearchParameter {
  type: 'token' | 'string' | 'reference' | 'date';
  documentation: string;
  matches: Matcher;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);
const fold = (value: string): string => value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** token: "system|code", "|code" (no system), "code" (any system). */
function tokenMatches(codings: { system?: string; code?: string; value?: string }[], query: string): boolean {
  const bar = query.indexOf('|');
  const system = bar >= 0 ? query.slice(0, bar) : undefined;
  const code = bar >= 0 ? query.slice(bar + 1) : query;
  return codings.some((coding) => {
    const value = coding.code ?? coding.value;
    if (system !== undefined && system !== '' && coding.system !== system) return false;
    if (system === '' && coding.system) return false;
    return code === '' ? system !== undefined : value === code;
  });
}

/** string: starts-with on any word of the names, ignoring case and accents (FHIR's default string match). */
function stringMatches(values: string[], query: string): boolean {
  const wanted = fold(query.trim());
  return values.some(
    (value) =>
      fold(value).startsWith(wanted) ||
      fold(value)
        .split(/[\s,-]+/)
        .some((word) => word.startsWith(wanted)),
  );
}

/** reference: "Type/id", an absolute URL ending so, or the bare id. */
function referenceMatches(references: unknown[], query: string, type: string): boolean {
  const id = query.split('/').pop()!;
  const wantedType = query.includes('/') ? query.split('/').slice(-2)[0] : type;
  return references.some((reference) => text((reference as { reference?: string })?.reference) === `${wantedType}/${id}`);
}

const identifierParameter: SearchParameter = {
  type: 'token',
  documentation: `An identifier, "system|value" or the value alone; the NPI system is ${FHIR_SYSTEMS.npi}.`,
  matches: (resource, value) => tokenMatches(list(resource.identifier), value),
};

const namesOf = (resource: FhirResource): string[] => {
  if (typeof resource.name === 'string') return [resource.name];
  return list<{ text?: string; family?: string; given?: string[] }>(resource.name).flatMap((name) =>
    [name.text, name.family, ...list<string>(name.given)].filter((part): part is string => Boolean(part)),
  );
};

const nameParameter: SearchParameter = {
  type: 'string',
  documentation: 'A name, or the start of any word of it, ignoring case and accents.',
  matches: (resource, value) => stringMatches(namesOf(resource), value),
};

/** The search parameters of each type, besides _id and _lastUpdated (which all have). */
export const SEARCH_PARAMETERS: Record<FhirType, Record<string, SearchParameter>> = {
  Practitioner: { identifier: identifierParameter, name: nameParameter },
  PractitionerRole: {
    practitioner: {
      type: 'reference',
      documentation: 'The Practitioner ("Practitioner/{id}").',
      matches: (resource, value) => referenceMatches([resource.practitioner], value, 'Practitioner'),
    },
    location: {
      type: 'reference',
      documentation: 'A Location where the role is practiced ("Location/{id}").',
      matches: (resource, value) => referenceMatches(list(resource.location), value, 'Location'),
    },
    organization: {
      type: 'reference',
      documentation: 'The Organization ("Organization/{id}").',
      matches: (resource, value) => referenceMatches([resource.organization], value, 'Organization'),
    },
    specialty: {
      type: 'token',
      documentation: `A specialty, "${FHIR_SYSTEMS.nucc}|208VP0014X" or the NUCC code alone.`,
      matches: (resource, value) =>
        tokenMatches(
          list<{ coding?: unknown[] }>(resource.specialty).flatMap((concept) => list(concept.coding)),
          value,
        ),
    },
  },
  Location: {
    identifier: identifierParameter,
    name: nameParameter,
    'address-state': {
      type: 'string',
      documentation: 'The two-letter state of the address.',
      matches: (resource, value) => stringMatches([text((resource.address as { state?: string })?.state)], value),
    },
    'address-city': {
      type: 'string',
      documentation: 'The city of the address.',
      matches: (resource, value) => stringMatches([text((resource.address as { city?: string })?.city)], value),
    },
  },
  Organization: { identifier: identifierParameter, name: nameParameter },
};

/** Parameters every type has, besides its own. */
const COMMON = new Set(['_id', '_lastUpdated', '_count', 'page', '_format']);

/** _lastUpdated: "2026-11-01", "ge2026-11-01T00:00:00Z" (prefixes eq, ne, gt, lt, ge, le, sa, eb). */
function lastUpdatedMatcher(value: string): (resource: FhirResource) => boolean {
  const match = /^(eq|ne|gt|lt|ge|le|sa|eb)?(\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?)$/.exec(value);
  if (!match) throw new FhirError(400, 'invalid', `_lastUpdated: "${value}" is not a FHIR date with an optional prefix (eq, ne, gt, lt, ge, le, sa, eb)`);
  const prefix = match[1] ?? 'eq';
  const date = match[2];
  // The date stands for a range: the whole year, month, day or second written.
  const start = Date.parse(
    date.length === 4 ? `${date}-01-01T00:00:00Z` : date.length === 7 ? `${date}-01T00:00:00Z` : date.length === 10 ? `${date}T00:00:00Z` : date,
  );
  const end =
    date.length === 4
      ? Date.parse(`${Number(date) + 1}-01-01T00:00:00Z`)
      : date.length === 7
        ? Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 1)
        : date.length === 10
          ? start + 86_400_000
          : start + (date.includes('.') ? 1 : 1000);
  if (Number.isNaN(start) || Number.isNaN(end)) throw new FhirError(400, 'invalid', `_lastUpdated: "${value}" is not a valid date`);
  return (resource) => {
    const at = Date.parse(text((resource.meta as { lastUpdated?: string })?.lastUpdated));
    switch (prefix) {
      case 'ne':
        return at < start || at >= end;
      case 'gt':
      case 'sa':
        return at >= end;
      case 'lt':
      case 'eb':
        return at < start;
      case 'ge':
        return at >= start;
      case 'le':
        return at < end;
      default:
        return at >= start && at < end;
    }
  };
}

function integerParameter(name: string, value: string, min: number, max: number): number {
  if (!/^\d{1,9}$/.test(value) || Number(value) < min)
    throw new FhirError(400, 'invalid', `${name}: "${value}" must be a whole number from ${min} to ${max.toLocaleString('en-US')}`);
  if (Number(value) > max)
    throw new FhirError(400, 'too-costly', `${name}: ${value} is more than this server allows (${max.toLocaleString('en-US')}); ask for smaller pages`);
  return Number(value);
}

/** A search as the query string gives it: repeated parameters are ANDed, commas within one are ORed. */
export type SearchQuery = Record<string, string | string[] | undefined>;

/**
 * A searchset Bundle of the resources of `type` matching the query, one page of it, with `self`,
 * `first`, `previous` and `next` links that give the same query. Unknown parameters are refused
 * (400) rather than ignored, so that a client never takes an unfiltered list for a filtered one.
 */
export function searchBundle(resources: FhirResource[], type: FhirType, query: SearchQuery, base: string): FhirBundle {
  const parameters = SEARCH_PARAMETERS[type];
  const filters: ((resource: FhirResource) => boolean)[] = [];
  let count = DEFAULT_COUNT;
  let page = 1;
  const kept: [string, string][] = [];
  for (const [name, raw] of Object.entries(query)) {
    if (raw === undefined) continue;
    const values = Array.isArray(raw) ? raw : [raw];
    const modifier = name.includes(':') ? name.slice(name.indexOf(':')) : '';
    const bare = name.slice(0, name.length - modifier.length);
    if (!COMMON.has(bare) && !parameters[bare])
      throw new FhirError(400, 'not-supported', `${type} has no search parameter "${name}"; supported: ${[...COMMON, ...Object.keys(parameters)].join(', ')}`);
    if (modifier) throw new FhirError(400, 'not-supported', `The modifier "${modifier}" of "${bare}" is not supported`);
    for (const value of values) {
      if (bare === '_format') continue;
      if (bare === '_count') count = integerParameter('_count', value, 0, MAX_COUNT);
      else if (bare === 'page') page = integerParameter('page', value, 1, MAX_PAGE);
      else if (bare === '_lastUpdated') filters.push(lastUpdatedMatcher(value));
      else if (bare === '_id') {
        const ids = value.split(',');
        filters.push((resource) => ids.includes(resource.id ?? ''));
      } else {
        const parameter = parameters[bare];
        const alternatives = value.split(',').filter((part) => part !== '');
        if (alternatives.length === 0) throw new FhirError(400, 'invalid', `${name} needs a value`);
        filters.push((resource) => alternatives.some((alternative) => parameter.matches(resource, alternative)));
      }
      kept.push([name, value]);
    }
  }
  const matching = resources.filter((resource) => resource.resourceType === type && filters.every((filter) => filter(resource)));
  const total = matching.length;
  const pageOf = matching.slice((page - 1) * count, page * count);
  const link = (pageNumber: number) => {
    const search = new URLSearchParams([
      ...kept.filter(([name]) => name !== '_count' && name !== 'page'),
      ['_count', String(count)],
      ['page', String(pageNumber)],
    ]);
    return `${base}/${type}?${search.toString()}`;
  };
  const links = [{ relation: 'self', url: link(page) }];
  if (count > 0) {
    links.push({ relation: 'first', url: link(1) });
    if (page > 1) links.push({ relation: 'previous', url: link(page - 1) });
    if (page * count < total) links.push({ relation: 'next', url: link(page + 1) });
    links.push({ relation: 'last', url: link(Math.max(1, Math.ceil(total / count))) });
  }
  return {
    resourceType: 'Bundle',
    meta: { lastUpdated: new Date().toISOString() },
    type: 'searchset',
    total,
    link: links,
    entry: pageOf.map((resource) => ({ fullUrl: `${base}/${type}/${resource.id}`, resource, search: { mode: 'match' } })),
  };
}
