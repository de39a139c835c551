import { AppError } from '../../common/errors/app-error';
import { type MappedBatch } from '../sync-records';
import { nameAsWritten, suffixAsWritten } from './person-names';
import { NUCC_TAXONOMY_NAMES } from '../../common/validation/nucc-taxonomy';
import {
  ACCEPTING_PATIENTS,
  FHIR_SYSTEMS,
  type FhirAddress,
  type FhirCodeableConcept,
  type FhirContactPoint,
  type FhirExtension,
  type FhirIdentifierSystems,
  type FhirIdentifier,
  type FhirReference,
  type FhirResource,
  NEW_PATIENTS_EXTENSION,
} from '../../fhir/fhir-systems';

interface HumanName {
  use?: string;
  text?: string;
  family?: string;
  given?: string[];
  prefix?: string[];
  suffix?: string[];
}

const GENERATIONAL_SUFFIX = /^(jr|sr|i{2,3}|iv|v)\.?$/i;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const array = <T>(value: unknown): T[] => (Array.isArray(value) ? (value.filter((item) => item !== null && item !== undefined) as T[]) : []);
const string = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** The external id of a resource in this source: an identifier under the source's name (or its URI or URN), else the resource id. */
function externalIdOf(resource: FhirResource, systems: string[]): string | undefined {
  const own = array<FhirIdentifier>(resource.identifier).find((identifier) => systems.includes(identifier.system ?? '') && string(identifier.value));
  return string(own?.value) ?? string(resource.id);
}

function codesOf(concepts: FhirCodeableConcept[], system: string): string[] {
  return concepts
    .flatMap((concept) =>
      array<{ system?: string; code?: string }>(concept?.coding)
        .filter((coding) => coding.system === system)
        .map((coding) => string(coding.code)),
    )
    .filter((code): code is string => Boolean(code));
}

function telecom(points: FhirContactPoint[], system: string): string | undefined {
  const matching = points.filter((point) => point.system === system && string(point.value));
  const preferred = matching.find((point) => point.use === 'work') ?? [...matching].sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99))[0];
  return string(preferred?.value);
}

const FHIR_DAYS: Record<string, string> = {
  mon: 'MONDAY',
  tue: 'TUESDAY',
  wed: 'WEDNESDAY',
  thu: 'THURSDAY',
  fri: 'FRIDAY',
  sat: 'SATURDAY',
  sun: 'SUNDAY',
};

interface FhirAvailableTime {
  daysOfWeek?: unknown;
  allDay?: unknown;
  openingTime?: unknown;
  closingTime?: unknown;
  availableStartTime?: unknown;
  availableEndTime?: unknown;
}

/** FHIR `time` ("08:00:00") as our "HH:MM"; the last second of the day is the end of the day. */
function hhmm(value: unknown, closing: boolean): string | undefined {
  const match = typeof value === 'string' ? /^(\d{2}):(\d{2})(:\d{2}(\.\d+)?)?$/.exec(value.trim()) : null;
  if (!match) return undefined;
  if (closing && match[1] === '23' && match[2] === '59') return '24:00';
  return `${match[1]}:${match[2]}`;
}

/**
 * Weekly hours from a Location's hoursOfOperation or a role's availableTime (same shape, other
 * names); allDay is 00:00–24:00. Undefined when the resource gives none, so the hours are kept.
 */
function weeklyHours(entries: FhirAvailableTime[], warn: (message: string) => void): { day: string; opens: string; closes: string }[] | undefined {
  if (entries.length === 0) return undefined;
  const hours: { day: string; opens: string; closes: string }[] = [];
  entries.forEach((entry, index) => {
    const allDay = entry.allDay === true;
    const opens = allDay ? '00:00' : hhmm(entry.openingTime ?? entry.availableStartTime, false);
    const closes = allDay ? '24:00' : hhmm(entry.closingTime ?? entry.availableEndTime, true);
    if (!opens || !closes) {
      warn(`[${index}] has no opening and closing time; left out`);
      return;
    }
    for (const day of array<string>(entry.daysOfWeek)) {
      const name = FHIR_DAYS[day];
      if (name) hours.push({ day: name, opens, closes });
      else warn(`[${index}] has an unknown day "${day}"; left out`);
    }
  });
  return hours;
}

/** Plan-Net's accessibility extension on a Location: its codes as the notes patients read. */
const ACCESSIBILITY_EXTENSION = 'http://hl7.org/fhir/us/davinci-pdex-plan-net/StructureDefinition/accessibility';
const ACCESSIBILITY_TEXT: Record<string, string> = {
  handiaccess: 'Handicap accessible',
  adaptsup: 'Adaptive equipment and supplies',
  addrescomm: 'Accessible communication',
  anstaff: 'Staff trained in accessibility',
  pubtrans: 'Public transit options',
  cultcomp: 'Cultural competence',
  mobility: 'Mobility accessible',
};

function accessibilityOf(resource: FhirResource): string | undefined {
  const notes = array<FhirExtension>(resource.extension)
    .filter((extension) => extension.url === ACCESSIBILITY_EXTENSION)
    .map((extension) => {
      const concept = extension.valueCodeableConcept;
      const coding = array<{ code?: string; display?: string }>(concept?.coding)[0];
      return string(concept?.text) ?? string(coding?.display) ?? (coding?.code ? (ACCESSIBILITY_TEXT[coding.code] ?? coding.code) : undefined);
    })
    .filter((note): note is string => Boolean(note));
  return notes.length > 0 ? notes.join('; ') : undefined;
}

/** Plan-Net's extension on a license qualification saying where it is valid (a state). */
const QUALIFICATION_EXTENSION = 'http://hl7.org/fhir/us/davinci-pdex-plan-net/StructureDefinition/practitioner-qualification';

/**
 * Licenses: qualifications with an identifier (the license number), with the state from Plan-Net's
 * whereValid (or a two-letter issuer) and the issuing board's name.
 */
function licensesOf(practitioner: FhirResource): { number: string; state: string | null; issuer: string | null }[] {
  return array<{ identifier?: FhirIdentifier[]; issuer?: FhirReference; extension?: FhirExtension[] }>(practitioner.qualification)
    .map((qualification) => {
      const number = string(array<FhirIdentifier>(qualification.identifier)[0]?.value);
      if (!number) return null;
      const whereValid = array<FhirExtension>(qualification.extension)
        .filter((extension) => extension.url === QUALIFICATION_EXTENSION)
        .flatMap((extension) => array<FhirExtension>(extension.extension))
        .find((part) => part.url === 'whereValid');
      const state = string(array<{ code?: string }>(whereValid?.valueCodeableConcept?.coding)[0]?.code) ?? null;
      return { number, state, issuer: string(qualification.issuer?.display) ?? null };
    })
    .filter((license): license is { number: string; state: string | null; issuer: string | null } => license !== null);
}

/** Whether a PractitionerRole accepts new patients, from Plan-Net's newpatients extension (codes, or an older boolean). */
function acceptingNewPatients(role: FhirResource): boolean | undefined {
  const extension = array<FhirExtension>(role.extension).find((candidate) => candidate.url === NEW_PATIENTS_EXTENSION);
  if (!extension) return undefined;
  const accepting = array<FhirExtension>(extension.extension).find((part) => part.url === 'acceptingPatients');
  if (typeof accepting?.valueBoolean === 'boolean') return accepting.valueBoolean;
  const code = array<{ code?: string }>(accepting?.valueCodeableConcept?.coding)[0]?.code;
  if (code === ACCEPTING_PATIENTS.yes) return true;
  if (code === ACCEPTING_PATIENTS.no || code === ACCEPTING_PATIENTS.existingOnly) return false;
  return undefined;
}

/**
 * Maps a FHIR R4 Bundle onto a sync batch: each Practitioner becomes a provider record (NPI from
 * the us-npi identifier, credentials from qualifications, languages from communication), merged
 * with its PractitionerRoles (NUCC specialties, offices, the newpatients extension); each
 * Location becomes an office keyed by its id in the source. Organizations are read but not
 * synced (the practice is edited in the CMS). Fields a resource leaves out keep their value.
 * Values are passed on as the bundle writes them: the sync's field rules store their canonical
 * forms (phones with extensions, ZIP+4, state codes, credentials, language tags), the same as an
 * editor's input. The source's identifiers are recognised under its name and under the identifier
 * system FHIR_IDENTIFIER_SYSTEMS gives it (or its URN): what the export writes, so a bundle comes
 * back to the same documents whether the API or the CLI imports it.
 */
export function mapFhirBundle(bundle: unknown, source: string, identifierSystems: FhirIdentifierSystems): MappedBatch {
  const systems = [...new Set([source, identifierSystems.uriOf(source)])];
  if (!isObject(bundle) || bundle.resourceType !== 'Bundle') {
    throw AppError.badInput([{ path: 'input.bundle', message: 'must be a FHIR Bundle (resourceType "Bundle")' }]);
  }
  const warnings: string[] = [];
  const resources: FhirResource[] = [];
  array<Record<string, unknown>>(bundle.entry).forEach((entry, index) => {
    const resource = entry.resource;
    if (!isObject(resource) || typeof resource.resourceType !== 'string') warnings.push(`entry[${index}] has no resource; skipped`);
    else resources.push({ ...(resource as FhirResource), fullUrl: entry.fullUrl } as FhirResource);
  });

  // References may be relative ("Location/loc-1") or absolute (the entry's fullUrl).
  const byReference = new Map<string, FhirResource>();
  for (const resource of resources) {
    if (resource.id) byReference.set(`${resource.resourceType}/${resource.id}`, resource);
    if (typeof resource.fullUrl === 'string') byReference.set(resource.fullUrl, resource);
  }
  const resolve = (reference: FhirReference | undefined, type: string): { resource?: FhirResource; id?: string } => {
    const text = string(reference?.reference);
    if (!text) return {};
    const found = byReference.get(text) ?? byReference.get(text.split('/').slice(-2).join('/'));
    if (found?.resourceType === type) return { resource: found };
    const [kind, id] = text.split('/').slice(-2);
    return kind === type && id ? { id } : {};
  };

  const locations: unknown[] = [];
  const locationRefs: string[] = [];
  // Locations without hoursOfOperation take the hours of the roles practicing there (availableTime).
  const pendingHours = new Map<FhirResource, Record<string, unknown>>();
  const locationIds = new Map<FhirResource, string>();
  for (const location of resources.filter((resource) => resource.resourceType === 'Location')) {
    const externalId = externalIdOf(location, systems);
    if (externalId) locationIds.set(location, externalId);
    const address = isObject(location.address) ? (location.address as FhirAddress) : undefined;
    const lines = array<string>(address?.line)
      .map((line) => line.trim())
      .filter(Boolean);
    const points = array<FhirContactPoint>(location.telecom);
    const position = isObject(location.position) ? (location.position as { latitude?: unknown; longitude?: unknown }) : undefined;
    const record: Record<string, unknown> = { externalId, name: string(location.name) };
    if (address) {
      record.addressLine1 = lines[0] ?? null;
      record.addressLine2 = lines.length > 1 ? lines.slice(1).join(', ') : null;
      record.city = string(address.city);
      // As the source wrote them: the sync's field rules store the canonical forms ("ky" → "KY", "405031234" → "40503-1234").
      record.state = string(address.state);
      record.postalCode = string(address.postalCode) ?? null;
    }
    const phone = telecom(points, 'phone');
    const fax = telecom(points, 'fax');
    const email = telecom(points, 'email');
    if (phone) record.phone = phone;
    if (fax) record.fax = fax;
    if (email) record.email = email;
    const website = telecom(points, 'url');
    if (website) record.website = website;
    const ref = `Location/${location.id ?? '?'}`;
    const hours = weeklyHours(array<FhirAvailableTime>(location.hoursOfOperation), (message) => warnings.push(`${ref}.hoursOfOperation${message}`));
    if (hours) record.openingHours = hours;
    else pendingHours.set(location, record);
    const types = codesOf(array<FhirCodeableConcept>(location.type), FHIR_SYSTEMS.roleCode);
    if (types.length > 0) record.locationTypes = [...new Set(types)];
    const accessibility = accessibilityOf(location);
    if (accessibility) record.accessibilityNotes = accessibility;
    if (typeof position?.latitude === 'number' && typeof position?.longitude === 'number') {
      record.latitude = position.latitude;
      record.longitude = position.longitude;
    }
    for (const key of Object.keys(record)) if (record[key] === undefined && key !== 'externalId') delete record[key];
    locations.push(record);
    locationRefs.push(`Location/${location.id ?? '?'}`);
  }

  const rolesByPractitioner = new Map<FhirResource, FhirResource[]>();
  for (const role of resources.filter((resource) => resource.resourceType === 'PractitionerRole')) {
    const { resource: practitioner } = resolve(role.practitioner as FhirReference, 'Practitioner');
    if (!practitioner) {
      warnings.push(`PractitionerRole/${role.id ?? '?'} does not point at a Practitioner of the bundle; skipped`);
      continue;
    }
    rolesByPractitioner.set(practitioner, [...(rolesByPractitioner.get(practitioner) ?? []), role]);
    // Only the practitioner-role code system is stored: other codings are named rather than dropped silently.
    array<FhirCodeableConcept>(role.code).forEach((concept, index) => {
      const codings = array<{ system?: string; code?: string }>(concept?.coding);
      if (codings.some((coding) => coding.system === FHIR_SYSTEMS.practitionerRole)) return;
      const what = codings.map((coding) => `${coding.system ?? '(no system)'}|${coding.code ?? ''}`).join(', ') || string(concept?.text) || 'no coding';
      warnings.push(`PractitionerRole/${role.id ?? '?'}.code[${index}] (${what}) is not a ${FHIR_SYSTEMS.practitionerRole} code; left out`);
    });
  }

  for (const [location, record] of pendingHours) {
    const role = resources.find(
      (resource) =>
        resource.resourceType === 'PractitionerRole' &&
        resource.active !== false &&
        array<FhirAvailableTime>(resource.availableTime).length > 0 &&
        array<FhirReference>(resource.location).some((reference) => resolve(reference, 'Location').resource === location),
    );
    if (!role) continue;
    const hours = weeklyHours(array<FhirAvailableTime>(role.availableTime), (message) =>
      warnings.push(`PractitionerRole/${role.id ?? '?'}.availableTime${message}`),
    );
    if (hours) record.openingHours = hours;
  }

  const records: unknown[] = [];
  const recordRefs: string[] = [];
  for (const practitioner of resources.filter((resource) => resource.resourceType === 'Practitioner')) {
    const roles = rolesByPractitioner.get(practitioner) ?? [];
    records.push(
      practitionerRecord(practitioner, roles, systems, (reference) => {
        const { resource, id } = resolve(reference, 'Location');
        if (resource) return locationIds.get(resource) ?? null;
        return id ?? null;
      }),
    );
    recordRefs.push(`Practitioner/${practitioner.id ?? '?'}`);
  }

  const skipped = new Map<string, number>();
  for (const resource of resources) {
    if (!['Practitioner', 'PractitionerRole', 'Location', 'Organization'].includes(resource.resourceType))
      skipped.set(resource.resourceType, (skipped.get(resource.resourceType) ?? 0) + 1);
  }
  for (const [type, count] of skipped)
    warnings.push(`${count} ${type} resource(s) skipped: only Practitioner, PractitionerRole, Location and Organization are read`);
  const organizations = resources.filter((resource) => resource.resourceType === 'Organization').length;
  if (organizations > 0) warnings.push(`${organizations} Organization resource(s) read but not synced: the practice is edited in the CMS`);
  return { records, locations, recordRefs, locationRefs, warnings };
}

function practitionerRecord(
  practitioner: FhirResource,
  roles: FhirResource[],
  systems: string[],
  locationExternalId: (reference: FhirReference) => string | null,
): Record<string, unknown> {
  const names = array<HumanName>(practitioner.name);
  const name = names.find((candidate) => candidate.use === 'official') ?? names.find((candidate) => candidate.use !== 'old') ?? names[0];
  const given = array<string>(name?.given)
    .map((part) => part.trim())
    .filter(Boolean)
    .map(nameAsWritten);
  const suffixes = array<string>(name?.suffix)
    .map((part) => part.trim())
    .filter(Boolean);
  const boardCertifications = array<{ code?: FhirCodeableConcept; issuer?: FhirReference }>(practitioner.qualification)
    .filter((qualification) => array<{ system?: string }>(qualification.code?.coding).some((coding) => coding.system === FHIR_SYSTEMS.nucc))
    .map((qualification) => {
      const coding = array<{ system?: string; code?: string; display?: string }>(qualification.code?.coding).find(
        (candidate) => candidate.system === FHIR_SYSTEMS.nucc,
      );
      const what =
        string(qualification.code?.text) ?? string(coding?.display) ?? (coding?.code ? (NUCC_TAXONOMY_NAMES[coding.code] ?? coding.code) : undefined);
      const issuer = string(qualification.issuer?.display);
      return [issuer, what].filter(Boolean).join(': ');
    })
    .filter((certification) => certification !== '');
  const qualifications = array<{ code?: FhirCodeableConcept; identifier?: unknown }>(practitioner.qualification)
    // A license (an identifier) is not a credential unless it is coded as a degree.
    .filter(
      (qualification) =>
        array(qualification.identifier).length === 0 ||
        array<{ system?: string }>(qualification.code?.coding).some((coding) => coding.system === FHIR_SYSTEMS.degree),
    )
    .map((qualification) => qualification.code)
    .filter((code) => !array<{ system?: string }>(code?.coding).some((coding) => coding.system === FHIR_SYSTEMS.nucc))
    .map(
      (code) =>
        string(code?.text) ??
        string(array<{ system?: string; code?: string }>(code?.coding).find((coding) => coding.system === FHIR_SYSTEMS.degree)?.code) ??
        string(array<{ code?: string }>(code?.coding)[0]?.code),
    )
    .filter((credential): credential is string => Boolean(credential));
  // Some directories put degrees in the name's suffix ("MD"): they are credentials unless qualifications list them.
  const credentialSuffixes = suffixes.filter((part) => !GENERATIONAL_SUFFIX.test(part));
  const credentials = qualifications.length > 0 ? qualifications : credentialSuffixes;

  const record: Record<string, unknown> = {
    externalId: externalIdOf(practitioner, systems),
    npi: string(array<FhirIdentifier>(practitioner.identifier).find((identifier) => identifier.system === FHIR_SYSTEMS.npi)?.value),
    firstName: given[0],
    middleName: given.length > 1 ? given.slice(1).join(' ') : null,
    lastName: string(name?.family) && nameAsWritten(string(name?.family)!),
    prefix: array<string>(name?.prefix).join(' ').trim() || null,
    suffix:
      suffixes
        .filter((part) => GENERATIONAL_SUFFIX.test(part))
        .map(suffixAsWritten)
        .join(' ') || null,
  };
  if (qualifications.length > 0 || credentialSuffixes.length > 0) record.credentials = credentials;
  if (boardCertifications.length > 0) record.boardCertifications = boardCertifications;
  const licenses = licensesOf(practitioner);
  if (licenses.length > 0) record.licenses = licenses;
  if (typeof practitioner.gender === 'string' && ['male', 'female', 'other', 'unknown'].includes(practitioner.gender)) record.gender = practitioner.gender;
  const points = array<FhirContactPoint>(practitioner.telecom);
  const phone = telecom(points, 'phone');
  const email = telecom(points, 'email');
  if (phone) record.phone = phone;
  if (email) record.email = email;
  const website = telecom(points, 'url');
  if (website) record.website = website;
  // R4's communication is a CodeableConcept; R5's wraps it in `language`. A coding without a system is taken as BCP 47.
  const languages = array<FhirCodeableConcept & { language?: FhirCodeableConcept }>(practitioner.communication)
    .flatMap((entry) => array<{ system?: string; code?: string }>((entry.language ?? entry).coding))
    .filter((coding) => coding.system === FHIR_SYSTEMS.bcp47 || coding.system === undefined)
    .map((coding) => string(coding.code))
    .filter((code): code is string => Boolean(code));
  if (languages.length > 0) record.languages = languages;
  if (typeof practitioner.active === 'boolean') record.active = practitioner.active;

  if (roles.length > 0) {
    const activeRoles = roles.filter((role) => role.active !== false);
    const specialties = codesOf(
      activeRoles.flatMap((role) => array<FhirCodeableConcept>(role.specialty)),
      FHIR_SYSTEMS.nucc,
    );
    if (specialties.length > 0) record.specialties = specialties;
    const roleCodes = codesOf(
      activeRoles.flatMap((role) => array<FhirCodeableConcept>(role.code)),
      FHIR_SYSTEMS.practitionerRole,
    );
    if (roleCodes.length > 0) record.roles = [...new Set(roleCodes)];
    const refs = activeRoles
      .flatMap((role) => array<FhirReference>(role.location))
      .map(locationExternalId)
      .filter((id): id is string => Boolean(id));
    record.locations = [...new Set(refs)].map((externalId) => ({ externalId }));
    const accepting = activeRoles.map(acceptingNewPatients).filter((value): value is boolean => value !== undefined);
    if (accepting.length > 0) record.acceptingNewPatients = accepting.includes(true);
  }
  for (const key of Object.keys(record)) if (record[key] === undefined && !['externalId', 'firstName', 'lastName'].includes(key)) delete record[key];
  return record;
}
