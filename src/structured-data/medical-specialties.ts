import type { MedicalSpecialty } from 'schema-dts';

/**
 * schema.org MedicalSpecialty values for NUCC taxonomy code prefixes, longest prefix first.
 * schema.org has no pain-medicine specialty: pain medicine maps to Anesthesia (see
 * /work/shared/DOMAIN.md), as do the anesthesiology codes. Codes not listed give no value:
 * a specialty we would have to guess is left out rather than claimed.
 */
const SPECIALTY_BY_TAXONOMY_PREFIX: readonly (readonly [string, MedicalSpecialty])[] = [
  ['208VP', 'Anesthesia'], // Pain Medicine (Interventional, Pain Medicine)
  ['207L', 'Anesthesia'], // Anesthesiology (incl. 207LP2900X Pain Medicine)
  ['2081P2900X', 'Anesthesia'], // PM&R, Pain Medicine
  ['2084P0800X', 'Psychiatric'],
  ['2084N', 'Neurologic'],
  ['2081', 'Musculoskeletal'], // Physical Medicine & Rehabilitation
  ['207X', 'Musculoskeletal'], // Orthopaedic Surgery
  ['207Q', 'PrimaryCare'], // Family Medicine
  ['207R', 'PrimaryCare'], // Internal Medicine
  ['363LF', 'PrimaryCare'], // Family Nurse Practitioner
  ['2085R', 'Radiography'], // Diagnostic Radiology
  ['2086', 'Surgical'],
  ['225100000X', 'Physiotherapy'], // Physical Therapist
];

/** The schema.org specialties of NUCC taxonomy codes, each once, in the codes' order. */
export function medicalSpecialtiesOf(taxonomyCodes: readonly string[]): MedicalSpecialty[] {
  const found: MedicalSpecialty[] = [];
  for (const code of taxonomyCodes) {
    const match = SPECIALTY_BY_TAXONOMY_PREFIX.find(([prefix]) => code.startsWith(prefix));
    if (match && !found.includes(match[1])) found.push(match[1]);
  }
  return found;
}
