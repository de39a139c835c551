import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { publicVisibility } from '../content/documents/visibility';
import { NUCC_TAXONOMY_NAMES } from '../common/validation/nucc-taxonomy';
import { Location } from '../locations/location.entity';
import { DAYS_OF_WEEK, DayOfWeek } from '../locations/opening-hours';
import { Practice } from '../practice/practice.entity';
import { displayNameOf } from '../providers/provider-names';
import { Provider } from '../providers/provider.entity';
import {
  ACCEPTING_PATIENTS,
  FHIR_SYSTEMS,
  FhirBundle,
  FhirContactPoint,
  FhirIdentifier,
  FhirResource,
  NEW_PATIENTS_EXTENSION,
  V2_0360_DEGREES,
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

/** FHIR `time` is hh:mm:ss below 24:00; our "24:00" (end of day) becomes the last second. */
function fhirTime(value: string): string {
  return value === '24:00' ? '23:59:59' : `${value}:00`;
}

const omitEmpty = <T extends Record<string, unknown>>(resource: T): T =>
  Object.fromEntries(
    Object.entries(resource).filter(([, value]) => value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0)),
  ) as T;

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
  constructor(private readonly dataSource: DataSource) {}

  /** `base` is the absolute URL of the FHIR endpoint (".../fhir"), for the entries' fullUrl. */
  async bundle(base: string): Promise<FhirBundle> {
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
    const locationIdentifiers = identifiersOf(locationExternalIds);
    const painClinic = /\bpain\b/i.test(`${practice?.specialty ?? ''} ${practice?.name ?? ''}`);

    const resources: FhirResource[] = [];
    if (practice) resources.push(this.organization(practice));
    for (const location of locations) resources.push(this.location(location, locationIdentifiers.get(location.id) ?? [], practice, painClinic));
    for (const provider of providers) {
      const offices = officesOf.get(provider.id) ?? [];
      resources.push(this.practitioner(provider, providerIdentifiers.get(provider.id) ?? []));
      resources.push(this.practitionerRole(provider, offices, practice));
    }
    return {
      resourceType: 'Bundle',
      id: randomUUID(),
      meta: { lastUpdated: new Date().toISOString() },
      type: 'collection',
      timestamp: new Date().toISOString(),
      entry: resources.map((resource) => ({ fullUrl: `${base}/${resource.resourceType}/${resource.id}`, resource })),
    };
  }

  private organization(practice: Practice): FhirResource {
    const telecom: FhirContactPoint[] = [];
    if (practice.mainPhone) telecom.push({ system: 'phone', value: practice.mainPhone, use: 'work' });
    if (practice.website) telecom.push({ system: 'url', value: practice.website, use: 'work' });
    return omitEmpty({
      resourceType: 'Organization',
      id: practice.id,
      meta: { lastUpdated: practice.updatedAt.toISOString() },
      active: true,
      type: [{ coding: [{ system: FHIR_SYSTEMS.organizationType, code: 'prvgrp', display: 'Provider Group' }] }],
      name: practice.name,
      telecom,
    });
  }

  private location(location: Location, identifiers: FhirIdentifier[], practice: Practice | null, painClinic: boolean): FhirResource {
    const telecom: FhirContactPoint[] = [];
    if (location.phone) telecom.push({ system: 'phone', value: location.phone, use: 'work' });
    if (location.fax) telecom.push({ system: 'fax', value: location.fax, use: 'work' });
    if (location.email) telecom.push({ system: 'email', value: location.email, use: 'work' });
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
      identifier: identifiers,
      status: 'active',
      name: location.name,
      type: painClinic ? [{ coding: [{ system: FHIR_SYSTEMS.roleCode, code: 'PAINCL', display: 'Pain clinic' }] }] : undefined,
      telecom,
      address: omitEmpty({
        use: 'work',
        line: [location.addressLine1, location.addressLine2].filter((line): line is string => Boolean(line)),
        city: location.city,
        state: location.state,
        postalCode: location.postalCode ?? undefined,
        country: location.country,
      }),
      position: location.latitude !== null && location.longitude !== null ? { longitude: location.longitude, latitude: location.latitude } : undefined,
      managingOrganization: practice ? { reference: `Organization/${practice.id}`, display: practice.name } : undefined,
      hoursOfOperation: [...groups.values()].map((group) => ({
        daysOfWeek: group.days.map((day) => FHIR_DAYS[day]),
        openingTime: fhirTime(group.opens),
        closingTime: fhirTime(group.closes),
      })),
    });
  }

  private practitioner(provider: Provider, externalIds: FhirIdentifier[]): FhirResource {
    const identifiers: FhirIdentifier[] = [];
    if (provider.npi) identifiers.push({ use: 'official', system: FHIR_SYSTEMS.npi, value: provider.npi });
    identifiers.push(...externalIds);
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
      qualification: provider.credentials.map((credential) => ({
        code: omitEmpty({
          coding: V2_0360_DEGREES[credential] ? [{ system: FHIR_SYSTEMS.degree, code: credential, display: V2_0360_DEGREES[credential] }] : undefined,
          text: credential,
        }),
      })),
      communication: provider.languages.map((language) => ({ coding: [{ system: FHIR_SYSTEMS.bcp47, code: language }] })),
    });
  }

  private practitionerRole(provider: Provider, offices: Location[], practice: Practice | null): FhirResource {
    // Plan-Net asks for telecom or an endpoint: the main office's phone, else the practice's.
    const phone = offices.find((office) => office.phone)?.phone ?? practice?.mainPhone ?? null;
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
      specialty: provider.specialties.map((code) => ({ coding: [omitEmpty({ system: FHIR_SYSTEMS.nucc, code, display: NUCC_TAXONOMY_NAMES[code] })] })),
      location: offices.map((office) => ({ reference: `Location/${office.id}`, display: office.name })),
      telecom: phone ? [{ system: 'phone', value: phone, use: 'work' }] : undefined,
    });
  }
}
