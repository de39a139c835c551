/** FHIR's practitioner-role code system: what a practitioner does in a role (PractitionerRole.code). */
export const PRACTITIONER_ROLE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/practitioner-role';

/** The codes of that system, with their display names. */
export const PRACTITIONER_ROLE_NAMES: Record<string, string> = {
  doctor: 'Doctor',
  nurse: 'Nurse',
  pharmacist: 'Pharmacist',
  researcher: 'Researcher',
  teacher: 'Teacher/educator',
  ict: 'ICT professional',
};
