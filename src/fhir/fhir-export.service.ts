import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { publicVisibility } from '../content/documents/visibility';
import { NUCC_TAXONOMY_NAMES } from '../common/validation/nucc-taxonomy';
import { PRACTITIONER_ROLE_NAMES } from '../common/validation/practitioner-roles';
import { Location } from '../locations/location.entity';
import { DAYS_OF_WEEK, DayOfWeek, HoursException } from '../locations/opening-hours';
import { Practice } from '../practice/practice.entity';
import { displayNameOf } from '../providers/provider-names';
import { Provider } from '../providers/provider.entity';
import {
  ACCEPTING_PATIENTS,
  FHIR_SYSTEMS,
  FhirBundle,
  FhirContactPoint,
  FhirIdentifier,
  FhirIdentifierSystems,
  FhirResource,
  NEW_PATIENTS_EXTENSION,
  degreeCodingOf,
} from './fhir-systems';

const FHIR_DAYS: Record<DayOfWeek, string> = {
  MONDAY: 'mon',
  TUESDAY: 'tue',
  WEDNESDAY: 'wed',
  THURSDAY: 'thu',
  FRIDAY: 'fri',
  SATURDAY: 'sat',
  SUNDAY: 'sun',
};

/** FHIR `time` is hh:mm:ss below 24:00; our "24:00" (end of day) becomes the last second (a whole day is `allDay`). */
function fhirTime(value: string): string {
  return value === '24:00' ? '23:59:59' : `${value}:00`;
}

const omitEmpty = <T extends Record<string, unknown>>(resource: T): T =>
  Object.fromEntries(
    Object.entries(resource).filter(([, value]) => value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0)),
  ) as T;

function addressOf(location: Location): Record<string, unknown> {
  return omitEmpty({
    use: 'work',
    line: [location.addressLine1, location.addressLine2].filter((line): line is string => Boolean(line)),
    city: location.city,
    state: location.state,
    postalCode: location.postalCode ?? undefined,
    country: location.country,
  });
}

/** Dates from `today` on when the office is closed all day (holidays). */
function closures(location: Location, today: string): HoursException[] {
  return (location.hoursExceptions ?? []).filter((exception) => exception.closed && exception.date >= today).sort((a, b) => a.date.localeCompare(b.date));
}

/** Names of the v3 RoleCode service-delivery-location codes offices commonly have. */
const ROLE_CODE_NAMES: Record<string, string> = {
  PAINCL: 'Pain clinic',
  OF: 'Outpatient facility',
  HOSP: 'Hospital',
  PROFF: "Provider's office",
  SURG: 'Surgery clinic',
  ORTHOCL: 'Orthopedics clinic',
  RH: 'Rehabilitation hospital',
};

interface ExternalIdRow {
  owner: string;
  system: string;
  value: string;
}

/**
 * The public provider directory as a FHIR R4 Bundle (type collection): the practice as an
 * Organization, its published offices as Locations, and each published, active provider as a
 * Practitioner with one PractitionerRole (specialties, offices, phone, accepting new patients).
 * Shapes follow Da Vinci PDex Plan-Net 1.2 over US Core, without claiming conformance.
 */
@Injectable()
export class FhirExportService {
  private readonly systems: FhirIdentifierSystems;

  constructor(
    private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.systems = new FhirIdentifierSystems(config);
  }

  /** `base` is the absolute URL of the FHIR endpoint (".../fhir"), for the entries' fullUrl. */
  async bundle(base: string): Promise<FhirBundle> {
    const resources = await this.resources();
    return {
      resourceType: 'Bundle',
      id: randomUUID(),
      meta: { lastUpdated: new Date().toISOString() },
      type: 'collection',
      timestamp: new Date().toISOString(),
      entry: resources.map((resource) => ({ fullUrl: `${base}/${resource.resourceType}/${resource.id}`, resource })),
    };
  }

  /**
   * Every resource of the public directory, in the bundle's order: the practice, its offices, then
   * each provider's Practitioner and PractitionerRole. The read and search API serve from the same
   * list, so a resource read by id is the very one the bundle holds.
   */
  async resources(): Promise<FhirResource[]> {
    const practice = await this.dataSource.getRepository(Practice).createQueryBuilder('d').where(publicVisibility('d')).orderBy('d.created_at').getOne();
    const locations = await this.dataSource
      .getRepository(Location)
      .createQueryBuilder('d')
      .where(publicVisibility('d'))
      .orderBy('d.name')
      .addOrderBy('d.id')
      .getMany();
    const providers = await this.dataSource
      .getRepository(Provider)
      .createQueryBuilder('d')
      .where(publicVisibility('d'))
      .andWhere('d.active')
      .orderBy('d.last_name')
      .addOrderBy('d.first_name')
      .addOrderBy('d.id')
      .getMany();
    const providerIds = providers.map((provider) => provider.id);
    const locationIds = locations.map((location) => location.id);
    // Only links to published offices: the public never sees the others.
    const links: { provider_id: string; location_id: string }[] = providerIds.length
      ? await this.dataSource.query(
          `SELECT pl.provider_id, pl.location_id FROM provider_locations pl JOIN locations l ON l.id = pl.location_id
           WHERE pl.provider_id = ANY($1::uuid[]) AND ${publicVisibility('l')} ORDER BY pl.provider_id, pl.is_primary DESC, pl.position, l.name`,
          [providerIds],
        )
      : [];
    const providerExternalIds: ExternalIdRow[] = providerIds.length
      ? await this.dataSource.query(
          'SELECT provider_id AS owner, system, value FROM provider_external_ids WHERE provider_id = ANY($1::uuid[]) ORDER BY system, value',
          [providerIds],
        )
      : [];
    const locationExternalIds: ExternalIdRow[] = locationIds.length
      ? await this.dataSource.query(
          'SELECT location_id AS owner, system, value FROM location_external_ids WHERE location_id = ANY($1::uuid[]) ORDER BY system, value',
          [locationIds],
        )
      : [];

    const locationsById = new Map(locations.map((location) => [location.id, location]));
    const officesOf = new Map<string, Location[]>();
    for (const link of links) officesOf.set(link.provider_id, [...(officesOf.get(link.provider_id) ?? []), locationsById.get(link.location_id)!]);
    const identifiersOf = (rows: ExternalIdRow[]) => {
      const map = new Map<string, FhirIdentifier[]>();
      for (const row of rows) map.set(row.owner, [...(map.get(row.owner) ?? []), { system: row.system, value: row.value }]);
      return map;
    };
    const providerIdentifiers = identifiersOf(providerExternalIds);
    const today = new Date().toISOString().slice(0, 10);
    const locationIdentifiers = identifiersOf(locationExternalIds);

    const resources: FhirResource[] = [];
    if (practice) resources.push(this.organization(practice, locations));
    for (const location of locations) resources.push(this.location(location, locationIdentifiers.get(location.id) ?? [], practice));
    for (const provider of providers) {
      const offices = officesOf.get(provider.id) ?? [];
      resources.push(this.practitioner(provider, providerIdentifiers.get(provider.id) ?? []));
      resources.push(this.practitionerRole(provider, offices, practice, today));
    }
    return resources;
  }

  /** The practice: its group NPI when set, its phone and website, and its offices' addresses. */
  private organization(practice: Practice, locations: Location[]): FhirResource {
    const telecom: FhirContactPoint[] = [];
    if (practice.mainPhone) telecom.push({ system: 'phone', value: practice.mainPhone, use: 'work' });
    else {
      const officePhone = locations.find((location) => location.phone)?.phone;
      if (officePhone) telecom.push({ system: 'phone', value: officePhone, use: 'work' });
    }
    if (practice.website) telecom.push({ system: 'url', value: practice.website, use: 'work' });
    return omitEmpty({
      resourceType: 'Organization',
      id: practice.id,
      meta: { lastUpdated: practice.updatedAt.toISOString() },
      identifier: practice.npi ? [{ use: 'official', system: FHIR_SYSTEMS.npi, value: practice.npi }] : undefined,
      active: true,
      type: [{ coding: [{ system: FHIR_SYSTEMS.organizationType, code: 'prvgrp', display: 'Provider Group' }] }],
      name: practice.name,
      telecom,
      address: locations.map((location) => addressOf(location)),
    });
  }

  private location(location: Location, identifiers: FhirIdentifier[], practice: Practice | null): FhirResource {
    const telecom: FhirContactPoint[] = [];
    if (location.phone) telecom.push({ system: 'phone', value: location.phone, use: 'work' });
    if (location.fax) telecom.push({ system: 'fax', value: location.fax, use: 'work' });
    if (location.email) telecom.push({ system: 'email', value: location.email, use: 'work' });
    if (location.website) telecom.push({ system: 'url', value: location.website, use: 'work' });
    // Days with the same hours share one entry, as directories list them.
    const groups = new Map<string, { days: DayOfWeek[]; opens: string; closes: string }>();
    for (const interval of [...(location.openingHours ?? [])].sort((a, b) => DAYS_OF_WEEK.indexOf(a.day) - DAYS_OF_WEEK.indexOf(b.day))) {
      const key = `${interval.opens}-${interval.closes}`;
      const group = groups.get(key) ?? { days: [], opens: interval.opens, closes: interval.closes };
      if (!group.days.includes(interval.day)) group.days.push(interval.day);
      groups.set(key, group);
    }
    return omitEmpty({
      resourceType: 'Location',
      id: location.id,
      meta: { lastUpdated: location.updatedAt.toISOString() },
      identifier: identifiers.map((identifier) => ({ ...identifier, system: this.systems.uriOf(identifier.system!) })),
      status: 'active',
      name: location.name,
      // The office's own types only: a guess here would come back as a change on the next import.
      type: (location.locationTypes ?? []).map((code) => ({ coding: [omitEmpty({ system: FHIR_SYSTEMS.roleCode, code, display: ROLE_CODE_NAMES[code] })] })),
      telecom,
      address: addressOf(location),
      position: location.latitude !== null && location.longitude !== null ? { longitude: location.longitude, latitude: location.latitude } : undefined,
      managingOrganization: practice ? { reference: `Organization/${practice.id}`, display: practice.name } : undefined,
      hoursOfOperation: [...groups.values()].map((group) =>
        group.opens === '00:00' && group.closes === '24:00'
          ? { daysOfWeek: group.days.map((day) => FHIR_DAYS[day]), allDay: true }
          : { daysOfWeek: group.days.map((day) => FHIR_DAYS[day]), openingTime: fhirTime(group.opens), closingTime: fhirTime(group.closes) },
      ),
      availabilityExceptions:
        closures(location, new Date().toISOString().slice(0, 10))
          .map((closure) => `Closed ${closure.date}${closure.note ? ` (${closure.note})` : ''}`)
          .join('; ') || undefined,
    });
  }

  private practitioner(provider: Provider, externalIds: FhirIdentifier[]): FhirResource {
    const identifiers: FhirIdentifier[] = [];
    if (provider.npi) identifiers.push({ use: 'official', system: FHIR_SYSTEMS.npi, value: provider.npi });
    identifiers.push(...externalIds.map((identifier) => ({ ...identifier, system: this.systems.uriOf(identifier.system!) })));
    return omitEmpty({
      resourceType: 'Practitioner',
      id: provider.id,
      meta: { lastUpdated: provider.updatedAt.toISOString() },
      identifier: identifiers,
      active: provider.active,
      name: [
        omitEmpty({
          use: 'official',
          text: displayNameOf(provider),
          family: provider.lastName,
          given: [provider.firstName, provider.middleName].filter((part): part is string => Boolean(part)),
          prefix: provider.prefix ? [provider.prefix] : undefined,
          suffix: provider.suffix ? [provider.suffix] : undefined,
        }),
      ],
      // The credential as the practice writes it is the text; a v2-0360 coding is added when one matches.
      qualification: [
        ...provider.credentials.map((credential) => {
          const coding = degreeCodingOf(credential);
          return { code: omitEmpty({ coding: coding ? [{ system: FHIR_SYSTEMS.degree, ...coding }] : undefined, text: credential }) };
        }),
        // Licenses: the number as the identifier, the state in the text and the board as the issuer.
        ...(provider.licenses ?? []).map((license) =>
          omitEmpty({
            identifier: [{ value: license.number }],
            code: { text: license.state ? `License (${license.state})` : 'License' },
            issuer: license.issuer ? { display: license.issuer } : undefined,
          }),
        ),
      ],
      communication: provider.languages.map((language) => ({ coding: [{ system: FHIR_SYSTEMS.bcp47, code: language }] })),
      telecom: [
        ...(provider.phone ? [{ system: 'phone', value: provider.phone, use: 'work' }] : []),
        ...(provider.email ? [{ system: 'email', value: provider.email, use: 'work' }] : []),
        ...(provider.website ? [{ system: 'url', value: provider.website, use: 'work' }] : []),
      ],
      gender: provider.gender ?? undefined,
    });
  }

  private practitionerRole(provider: Provider, offices: Location[], practice: Practice | null, today: string): FhirResource {
    // Plan-Net's pd-1 asks for telecom or an endpoint: the provider's line, the main office's phone, the practice's, else its website.
    const phone = provider.phone ?? offices.find((office) => office.phone)?.phone ?? practice?.mainPhone ?? null;
    const telecom: FhirContactPoint[] = phone
      ? [{ system: 'phone', value: phone, use: 'work' }]
      : practice?.website
        ? [{ system: 'url', value: practice.website, use: 'work' }]
        : [];
    // The offices' holiday closures: the provider is not available there on those dates.
    const notAvailable = offices.flatMap((office) =>
      closures(office, today).map((closure) => ({
        description: `${office.name} closed${closure.note ? `: ${closure.note}` : ''}`,
        during: { start: closure.date, end: closure.date },
      })),
    );
    return omitEmpty({
      resourceType: 'PractitionerRole',
      id: provider.id,
      meta: { lastUpdated: provider.updatedAt.toISOString() },
      extension: [
        {
          url: NEW_PATIENTS_EXTENSION,
          extension: [
            {
              url: 'acceptingPatients',
              valueCodeableConcept: {
                coding: [{ system: FHIR_SYSTEMS.acceptingPatients, code: provider.acceptingNewPatients ? ACCEPTING_PATIENTS.yes : ACCEPTING_PATIENTS.no }],
              },
            },
          ],
        },
      ],
      active: true,
      practitioner: { reference: `Practitioner/${provider.id}`, display: displayNameOf(provider) },
      organization: practice ? { reference: `Organization/${practice.id}`, display: practice.name } : undefined,
      code: (provider.roles ?? []).map((code) => ({
        coding: [omitEmpty({ system: FHIR_SYSTEMS.practitionerRole, code, display: PRACTITIONER_ROLE_NAMES[code] })],
      })),
      specialty: provider.specialties.map((code) => ({ coding: [omitEmpty({ system: FHIR_SYSTEMS.nucc, code, display: NUCC_TAXONOMY_NAMES[code] })] })),
      location: offices.map((office) => ({ reference: `Location/${office.id}`, display: office.name })),
      telecom,
      notAvailable,
    });
  }
}
