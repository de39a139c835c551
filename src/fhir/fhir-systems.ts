import { type AppConfig } from '../config/app-config';
import { PRACTITIONER_ROLE_SYSTEM } from '../common/validation/practitioner-roles';

/** Code systems and identifier systems of the FHIR R4 provider-directory shapes we read and write. */
export const FHIR_SYSTEMS = {
  npi: 'http://hl7.org/fhir/sid/us-npi',
  nucc: 'http://nucc.org/provider-taxonomy',
  bcp47: 'urn:ietf:bcp:47',
  degree: 'http://terminology.hl7.org/CodeSystem/v2-0360',
  roleCode: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
  practitionerRole: PRACTITIONER_ROLE_SYSTEM,
  organizationType: 'http://hl7.org/fhir/us/davinci-pdex-plan-net/CodeSystem/OrgTypeCS',
  acceptingPatients: 'http://hl7.org/fhir/us/davinci-pdex-plan-net/CodeSystem/AcceptingPatientsCS',
} as const;

/** Plan-Net's complex extension saying whether a role (or location) accepts new patients. */
export const NEW_PATIENTS_EXTENSION = 'http://hl7.org/fhir/us/davinci-pdex-plan-net/StructureDefinition/newpatients';

/** Codes of AcceptingPatientsCS: new patients, no patients, existing patients only. */
export const ACCEPTING_PATIENTS = { yes: 'newpt', no: 'nopt', existingOnly: 'existptonly' } as const;

/**
 * Degree codes of HL7 v2 table 0360, by the credential written without punctuation or spaces in
 * capitals ("M.D." and "MD" → MD, "Ph.D." → PHD, "PA-C" → PA). Others ("FACP") are exported as
 * text only.
 */
const V2_0360_DEGREES: Record<string, { code: string; display: string }> = {
  MD: { code: 'MD', display: 'Doctor of Medicine' },
  DO: { code: 'DO', display: 'Doctor of Osteopathy' },
  PHD: { code: 'PHD', display: 'Doctor of Philosophy' },
  PA: { code: 'PA', display: 'Physician Assistant' },
  PAC: { code: 'PA', display: 'Physician Assistant' },
  NP: { code: 'NP', display: 'Nurse Practitioner' },
  CNP: { code: 'CNP', display: 'Certified Nurse Practitioner' },
  FNP: { code: 'FPNP', display: 'Family Practice Nurse Practitioner' },
  FNPC: { code: 'FPNP', display: 'Family Practice Nurse Practitioner' },
  FNPBC: { code: 'FPNP', display: 'Family Practice Nurse Practitioner' },
  CNS: { code: 'CNS', display: 'Certified Nurse Specialist' },
  CNM: { code: 'CNM', display: 'Certified Nurse Midwife' },
  RN: { code: 'RN', display: 'Registered Nurse' },
  LPN: { code: 'LPN', display: 'Licensed Practical Nurse' },
  MSN: { code: 'MSN', display: 'Master of Science - Nursing' },
  BSN: { code: 'BSN', display: 'Bachelor of Science in Nursing' },
  PHARMD: { code: 'PharmD', display: 'Doctor of Pharmacy' },
  RPH: { code: 'RPH', display: 'Registered Pharmacist' },
  MPH: { code: 'MPH', display: 'Master of Public Health' },
  MS: { code: 'MS', display: 'Master of Science' },
  MBA: { code: 'MBA', display: 'Master of Business Administration' },
  EMT: { code: 'EMT', display: 'Emergency Medical Technician' },
};

/** The v2-0360 degree coding of a credential as practices write it, whatever its punctuation; undefined for others. */
export function degreeCodingOf(credential: string): { code: string; display: string } | undefined {
  return V2_0360_DEGREES[credential.replace(/[^A-Za-z]/g, '').toUpperCase()];
}

/** Minimal FHIR shapes: only what the import reads and the export writes. */
export interface FhirCoding {
  system?: string;
  code?: string;
  display?: string;
}

export interface FhirCodeableConcept {
  coding?: FhirCoding[];
  text?: string;
}

export interface FhirIdentifier {
  use?: string;
  type?: FhirCodeableConcept;
  system?: string;
  value?: string;
}

export interface FhirReference {
  reference?: string;
  display?: string;
}

export interface FhirContactPoint {
  system?: 'phone' | 'fax' | 'email' | 'url' | string;
  value?: string;
  use?: string;
  rank?: number;
}

export interface FhirAddress {
  use?: string;
  type?: string;
  text?: string;
  line?: string[];
  city?: string;
  state?: string;
  postalCode?: string;
  country?: string;
}

export interface FhirExtension {
  url: string;
  valueBoolean?: boolean;
  valueCodeableConcept?: FhirCodeableConcept;
  valueReference?: FhirReference;
  valueString?: string;
  extension?: FhirExtension[];
}

export interface FhirResource {
  resourceType: string;
  id?: string;
  [key: string]: unknown;
}

export interface FhirBundle {
  resourceType: 'Bundle';
  id?: string;
  meta?: { lastUpdated?: string };
  type: string;
  timestamp?: string;
  total?: number;
  link?: { relation: string; url: string }[];
  entry?: { fullUrl?: string; resource?: FhirResource; search?: { mode: 'match' | 'include' | 'outcome' } }[];
}

/** The URI prefix of sources FHIR_IDENTIFIER_SYSTEMS does not map. */
export const SOURCE_URN_PREFIX = 'urn:practice-cms:source:';

const ALREADY_URI = /^(https?:\/\/|urn:)\S+$/i;

/**
 * Source names ("credentialing") ↔ the absolute URIs FHIR identifier systems must be: the
 * configured ones, else a URN made from the name; a name that is already a URI stays itself.
 */
export class FhirIdentifierSystems {
  private readonly bySource = new Map<string, string>();
  private readonly byUri = new Map<string, string>();

  constructor(config: Pick<AppConfig, 'FHIR_IDENTIFIER_SYSTEMS'>) {
    for (const pair of config.FHIR_IDENTIFIER_SYSTEMS.split(',')) {
      const [source, uri] = pair.split('=').map((part) => part?.trim());
      if (!source || !uri) continue;
      this.bySource.set(source, uri);
      this.byUri.set(uri, source);
    }
  }

  uriOf(source: string): string {
    return this.bySource.get(source) ?? (ALREADY_URI.test(source) ? source : `${SOURCE_URN_PREFIX}${source}`);
  }

  /** The source an identifier system stands for (its URI, its URN or its bare name). */
  sourceOf(system: string): string {
    if (this.byUri.has(system)) return this.byUri.get(system)!;
    if (system.startsWith(SOURCE_URN_PREFIX)) return system.slice(SOURCE_URN_PREFIX.length);
    return system;
  }
}
