/** Code systems and identifier systems of the FHIR R4 provider-directory shapes we read and write. */
export const FHIR_SYSTEMS = {
  npi: 'http://hl7.org/fhir/sid/us-npi',
  nucc: 'http://nucc.org/provider-taxonomy',
  bcp47: 'urn:ietf:bcp:47',
  degree: 'http://terminology.hl7.org/CodeSystem/v2-0360',
  roleCode: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
  organizationType: 'http://hl7.org/fhir/us/davinci-pdex-plan-net/CodeSystem/OrgTypeCS',
  acceptingPatients: 'http://hl7.org/fhir/us/davinci-pdex-plan-net/CodeSystem/AcceptingPatientsCS',
} as const;

/** Plan-Net's complex extension saying whether a role (or location) accepts new patients. */
export const NEW_PATIENTS_EXTENSION = 'http://hl7.org/fhir/us/davinci-pdex-plan-net/StructureDefinition/newpatients';

/** Codes of AcceptingPatientsCS: new patients, no patients, existing patients only. */
export const ACCEPTING_PATIENTS = { yes: 'newpt', no: 'nopt', existingOnly: 'existptonly' } as const;

/**
 * Degree codes of HL7 v2 table 0360 that match credentials as practices write them. Others
 * ("PA-C", "FNP-BC") are exported as text only.
 */
export const V2_0360_DEGREES: Record<string, string> = {
  MD: 'Doctor of Medicine',
  DO: 'Doctor of Osteopathy',
  PA: 'Physician Assistant',
  NP: 'Nurse Practitioner',
  RN: 'Registered Nurse',
  PharmD: 'Doctor of Pharmacy',
  PHD: 'Doctor of Philosophy',
};

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
  entry?: { fullUrl?: string; resource?: FhirResource }[];
}
