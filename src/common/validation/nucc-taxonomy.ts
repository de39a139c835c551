export const NUCC_TAXONOMY_PATTERN = /^[0-9]{3}[0-9A-Z]{6}X$/;
export const NUCC_TAXONOMY_SYSTEM = 'http://nucc.org/provider-taxonomy';

/** Display names of the NUCC taxonomy codes a pain practice commonly uses; others show their code. */
export const NUCC_TAXONOMY_NAMES: Record<string, string> = {
  '208VP0014X': 'Interventional Pain Medicine',
  '208VP0000X': 'Pain Medicine',
  '207L00000X': 'Anesthesiology',
  '207LP2900X': 'Anesthesiology, Pain Medicine',
  '207LA0401X': 'Anesthesiology, Addiction Medicine',
  '2081P2900X': 'Physical Medicine & Rehabilitation, Pain Medicine',
  '208100000X': 'Physical Medicine & Rehabilitation',
  '2084N0400X': 'Neurology',
  '2084P0800X': 'Psychiatry',
  '207Q00000X': 'Family Medicine',
  '207R00000X': 'Internal Medicine',
  '207X00000X': 'Orthopaedic Surgery',
  '207T00000X': 'Neurological Surgery',
  '363LF0000X': 'Nurse Practitioner, Family',
  '363L00000X': 'Nurse Practitioner',
  '363A00000X': 'Physician Assistant',
  '363AM0700X': 'Physician Assistant, Medical',
  '225100000X': 'Physical Therapist',
  '261QP3300X': 'Pain Clinic',
};

export function isNuccTaxonomyCode(value: string): boolean {
  return NUCC_TAXONOMY_PATTERN.test(value);
}
