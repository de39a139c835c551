import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { type FieldError } from '../common/errors/app-error';
import { flattenValidationErrors } from '../common/errors/format-graphql-error';
import { LOCATION_TYPE } from '../locations/location.descriptor';
import { type HoursException, type OpeningInterval } from '../locations/opening-hours';
import { PROVIDER_TYPE } from '../providers/provider.descriptor';
import { type ProviderLicense } from '../providers/provider.entity';
import { officeTimeZone } from './office-time-zone';
import { type SyncFieldWarning } from './sync-report';
import { SyncLocationRecordInput, type SyncLocationRefInput, SyncProviderRecordInput } from './sync.inputs';

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
  /** Details left out because they failed validation. */
  warnings: SyncFieldWarning[];
}

export interface LocationRecord {
  index: number;
  sourceRef: string | null;
  externalId: string;
  slug: string | null;
  fields: Record<string, unknown>;
  warnings: SyncFieldWarning[];
}

/** A record that failed validation, with what could be read of its identity. */
export interface InvalidRecord {
  index: number;
  sourceRef: string | null;
  externalId: string | null;
  npi: string | null;
  errors: FieldError[];
  warnings: SyncFieldWarning[];
}

/** What a format mapper hands to the sync: plain records in the JSON format, plus notes. */
export interface MappedBatch {
  records: unknown[];
  locations: unknown[];
  /** Where each record / location came from in the original document, by index. */
  recordRefs?: (string | null)[];
  locationRefs?: (string | null)[];
  warnings: string[];
  /**
   * How the batch's offices find existing ones besides their external id: by normalized address
   * (offices a registry names), and which fields only a new office takes (an existing office keeps its name).
   */
  locationMatch?: { byAddress: boolean; createOnly: string[] };
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * Builds and validates a record with its input class. The class applies the same field rules
 * as the editing inputs (src/common/validation/field-rules.ts), so a valid record comes out with
 * every value already in its canonical form: nothing below rewrites a value.
 */
function validate<T extends object>(type: new () => T, raw: unknown): { value: T; errors: FieldError[] } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { value: new type(), errors: [{ path: 'record', message: 'must be an object' }] };
  const value = plainToInstance(type, raw);
  return { value, errors: flattenValidationErrors(validateSync(value, { forbidUnknownValues: false }), '') };
}

/** Contact details: one that fails validation is left out with a warning, and the record syncs without it. */
const CONTACT_FIELDS = new Set(['phone', 'fax', 'email', 'website']);

const rootOf = (path: string): string => /^[^.[]+/.exec(path)?.[0] ?? path;

function textOf(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Validates like `validate`, but a contact field that fails is dropped (as if the source had left
 * it out: the current value stays) and reported as a warning. Identity and the rest stay hard errors.
 */
function validateKeepingRecord<T extends object>(type: new () => T, raw: unknown): { value: T; errors: FieldError[]; warnings: SyncFieldWarning[] } {
  const first = validate(type, raw);
  const soft = first.errors.filter((error) => CONTACT_FIELDS.has(rootOf(error.path)));
  if (soft.length === 0) return { ...first, warnings: [] };
  const values = raw as Record<string, unknown>;
  const kept = { ...values };
  for (const error of soft) delete kept[rootOf(error.path)];
  const second = validate(type, kept);
  const warnings = soft.map((error) => ({ path: error.path, value: textOf(values[rootOf(error.path)]), message: `${error.message}; left out` }));
  return { ...second, warnings };
}

function locationRef(ref: SyncLocationRefInput | null | undefined, path: string): LocationRef | null {
  if (!ref) return null;
  const externalId = typeof ref.externalId === 'string' ? ref.externalId.trim() || null : null;
  return { externalId, slug: ref.slug ?? null, path };
}

/** The source-owned fields the descriptors list, less those a record maps on its own below. */
function ownedFieldsExcept(owned: readonly string[] | undefined, special: readonly string[]): readonly string[] {
  return (owned ?? []).filter((field) => !special.includes(field));
}

const PROVIDER_PLAIN_FIELDS = ownedFieldsExcept(PROVIDER_TYPE.sync?.owned, ['firstName', 'lastName', 'active', 'licenses', 'acceptingNewPatients']);
const LOCATION_PLAIN_FIELDS = ownedFieldsExcept(LOCATION_TYPE.sync?.owned, ['openingHours', 'hoursExceptions']);

/** The fields a record gave: left out keeps the current value, null clears it (an empty list for lists). */
function givenFields(input: object, names: readonly string[], lists: readonly string[] = []): Record<string, unknown> {
  const values = input as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const name of names) {
    if (values[name] === undefined) continue;
    fields[name] = values[name] === null && lists.includes(name) ? [] : values[name];
  }
  return fields;
}

/** Validates one provider record with the admin mutations' rules; its values come out canonical. */
export function checkProviderRecord(raw: unknown, index: number, sourceRef: string | null): ProviderRecord | InvalidRecord {
  const { value: input, errors, warnings } = validateKeepingRecord(SyncProviderRecordInput, raw);
  if (errors.length > 0) {
    return { index, sourceRef, externalId: text(input.externalId), npi: text(input.npi), errors, warnings };
  }
  const fields: Record<string, unknown> = {
    firstName: input.firstName,
    lastName: input.lastName,
    // A provider in the source's feed practices here unless the source says otherwise.
    active: input.active ?? true,
    ...givenFields(input, PROVIDER_PLAIN_FIELDS, ['credentials', 'specialties', 'roles', 'boardCertifications', 'languages']),
  };
  if (input.licenses !== undefined)
    fields.licenses = (input.licenses ?? []).map(({ number, state, issuer }): ProviderLicense => ({ number, state: state ?? null, issuer: issuer ?? null }));
  // Null means "not known" here: the current value is kept.
  if (input.acceptingNewPatients !== undefined && input.acceptingNewPatients !== null) fields.acceptingNewPatients = input.acceptingNewPatients;
  const record: ProviderRecord = { index, sourceRef, externalId: input.externalId!, npi: input.npi ?? null, fields, warnings };
  if (input.locations !== undefined) record.locations = (input.locations ?? []).map((ref, position) => locationRef(ref, `locations[${position}]`)!);
  if (input.primaryLocation !== undefined) record.primaryLocation = locationRef(input.primaryLocation, 'primaryLocation');
  return record;
}

/** Validates one office record with the admin mutations' rules; its values come out canonical (phones E.164). */
export function checkLocationRecord(raw: unknown, index: number, sourceRef: string | null): LocationRecord | InvalidRecord {
  const { value: input, errors, warnings } = validateKeepingRecord(SyncLocationRecordInput, raw);
  if (errors.length > 0) return { index, sourceRef, externalId: text(input.externalId), npi: null, errors, warnings };
  const fields = givenFields(input, LOCATION_PLAIN_FIELDS, ['locationTypes']);
  if (input.openingHours !== undefined)
    fields.openingHours = (input.openingHours ?? []).map(({ day, opens, closes }): OpeningInterval => ({ day, opens, closes }));
  if (input.hoursExceptions !== undefined)
    fields.hoursExceptions = (input.hoursExceptions ?? []).map(({ date, intervals, note }): HoursException => ({
      date,
      closed: !intervals?.length,
      intervals: (intervals ?? []).map(({ opens, closes }) => ({ opens, closes })),
      note: note ?? null,
    }));
  // The zone follows the office: from where the record says it is, unless it names one.
  if (fields.timezone === undefined || fields.timezone === null) {
    delete fields.timezone;
    if (fields.latitude !== undefined || fields.postalCode !== undefined) {
      const zone = officeTimeZone({ latitude: input.latitude, longitude: input.longitude, postalCode: input.postalCode });
      if (zone) fields.timezone = zone;
    }
  }
  // An office always has these: a record may leave them out (keep) but not clear them.
  for (const required of ['name', 'city', 'state']) {
    if (fields[required] === null)
      return { index, sourceRef, externalId: input.externalId ?? null, npi: null, errors: [{ path: required, message: 'cannot be null' }], warnings };
  }
  return { index, sourceRef, externalId: input.externalId!, slug: input.slug ?? null, fields, warnings };
}

export function isInvalid(record: ProviderRecord | LocationRecord | InvalidRecord): record is InvalidRecord {
  return 'errors' in record;
}
