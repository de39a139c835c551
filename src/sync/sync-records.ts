import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { FieldError } from '../common/errors/app-error';
import { flattenValidationErrors } from '../common/errors/format-graphql-error';
import { SyncLocationRecordInput, SyncLocationRefInput, SyncProviderRecordInput } from './sync.inputs';

/** A reference from a provider record to an office, with its path in the record for errors. */
export interface LocationRef {
  externalId: string | null;
  slug: string | null;
  path: string;
}

/** A provider record that passed validation, normalized; `fields` holds only what the source gave. */
export interface ProviderRecord {
  index: number;
  sourceRef: string | null;
  externalId: string;
  npi: string | null;
  fields: Record<string, unknown>;
  locations?: LocationRef[];
  primaryLocation?: LocationRef | null;
}

export interface LocationRecord {
  index: number;
  sourceRef: string | null;
  externalId: string;
  slug: string | null;
  fields: Record<string, unknown>;
}

/** A record that failed validation, with what could be read of its identity. */
export interface InvalidRecord {
  index: number;
  sourceRef: string | null;
  externalId: string | null;
  npi: string | null;
  errors: FieldError[];
}

/** What a format mapper hands to the sync: plain records in the JSON format, plus notes. */
export interface MappedBatch {
  records: unknown[];
  locations: unknown[];
  /** Where each record / location came from in the original document, by index. */
  recordRefs?: (string | null)[];
  locationRefs?: (string | null)[];
  warnings: string[];
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function optionalText(value: string | null | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function list(values: string[] | null | undefined, normalize: (value: string) => string = (value) => value.trim()): string[] | undefined {
  if (values === undefined) return undefined;
  const seen = new Set<string>();
  for (const value of values ?? []) {
    const normalized = normalize(value);
    if (normalized) seen.add(normalized);
  }
  return [...seen];
}

/** "EN" and "en-us" are the same languages as "en" and "en-US": stored canonical, so they compare equal. */
function canonicalLanguage(tag: string): string {
  return Intl.getCanonicalLocales(tag.trim())[0] ?? tag.trim();
}

function validate<T extends object>(type: new () => T, raw: unknown): { value: T; errors: FieldError[] } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { value: new type(), errors: [{ path: 'record', message: 'must be an object' }] };
  const value = plainToInstance(type, raw);
  return { value, errors: flattenValidationErrors(validateSync(value, { forbidUnknownValues: false }), '') };
}

function locationRef(ref: SyncLocationRefInput | null | undefined, path: string): LocationRef | null {
  if (!ref) return null;
  return { externalId: optionalText(ref.externalId) ?? null, slug: ref.slug ?? null, path };
}

/** Validates one provider record with the admin mutations' rules and normalizes it. */
export function checkProviderRecord(raw: unknown, index: number, sourceRef: string | null): ProviderRecord | InvalidRecord {
  const { value: input, errors } = validate(SyncProviderRecordInput, raw);
  if (errors.length > 0) {
    return { index, sourceRef, externalId: text(input.externalId), npi: text(input.npi), errors };
  }
  const fields: Record<string, unknown> = {
    firstName: input.firstName!.trim(),
    lastName: input.lastName!.trim(),
    // A provider in the source's feed practices here unless the source says otherwise.
    active: input.active ?? true,
  };
  const optional: Record<string, unknown> = {
    prefix: optionalText(input.prefix),
    middleName: optionalText(input.middleName),
    suffix: optionalText(input.suffix),
    npi: optionalText(input.npi),
    credentials: list(input.credentials),
    specialties: list(input.specialties),
    languages: list(input.languages, canonicalLanguage),
    acceptingNewPatients: input.acceptingNewPatients ?? undefined,
  };
  for (const [field, value] of Object.entries(optional)) if (value !== undefined) fields[field] = value;
  const record: ProviderRecord = { index, sourceRef, externalId: input.externalId!.trim(), npi: (fields.npi as string | null | undefined) ?? null, fields };
  if (input.locations !== undefined) record.locations = (input.locations ?? []).map((ref, position) => locationRef(ref, `locations[${position}]`)!);
  if (input.primaryLocation !== undefined) record.primaryLocation = locationRef(input.primaryLocation, 'primaryLocation');
  if (!record.fields.firstName || !record.fields.lastName) {
    return { index, sourceRef, externalId: record.externalId, npi: record.npi, errors: [{ path: record.fields.firstName ? 'lastName' : 'firstName', message: 'must not be blank' }] };
  }
  return record;
}

/** Validates one office record and normalizes it (phones to E.164). */
export function checkLocationRecord(raw: unknown, index: number, sourceRef: string | null): LocationRecord | InvalidRecord {
  const { value: input, errors } = validate(SyncLocationRecordInput, raw);
  if (errors.length > 0) return { index, sourceRef, externalId: text(input.externalId), npi: null, errors };
  const fields: Record<string, unknown> = {};
  const values: Record<string, unknown> = {
    name: optionalText(input.name),
    addressLine1: optionalText(input.addressLine1),
    addressLine2: optionalText(input.addressLine2),
    city: optionalText(input.city),
    state: input.state,
    postalCode: input.postalCode,
    phone: input.phone,
    fax: input.fax,
    latitude: input.latitude,
    longitude: input.longitude,
  };
  for (const [field, value] of Object.entries(values)) if (value !== undefined) fields[field] = value;
  for (const required of ['name', 'city', 'state']) {
    if (required in fields && fields[required] === null) return { index, sourceRef, externalId: input.externalId ?? null, npi: null, errors: [{ path: required, message: 'cannot be null' }] };
  }
  return { index, sourceRef, externalId: input.externalId!.trim(), slug: input.slug ?? null, fields };
}

export function isInvalid(record: ProviderRecord | LocationRecord | InvalidRecord): record is InvalidRecord {
  return 'errors' in record;
}
