/** Street words as the USPS abbreviates them, so that "1200 Example Parkway" and "1200 EXAMPLE PKWY" compare equal. */
const STREET_WORDS: Record<string, string> = {
  street: 'st',
  avenue: 'ave',
  road: 'rd',
  drive: 'dr',
  boulevard: 'blvd',
  parkway: 'pkwy',
  lane: 'ln',
  court: 'ct',
  circle: 'cir',
  highway: 'hwy',
  place: 'pl',
  square: 'sq',
  terrace: 'ter',
  suite: 'ste',
  building: 'bldg',
  floor: 'fl',
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
  northeast: 'ne',
  northwest: 'nw',
  southeast: 'se',
  southwest: 'sw',
};

function words(value: string | null | undefined): string {
  return (value ?? '')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .map((word) => STREET_WORDS[word] ?? word)
    .join(' ');
}

/**
 * The same office written two ways gives the same key: street line, city, state and five-digit
 * ZIP, in lower case, without punctuation, street words abbreviated. Null without a street line.
 */
export function officeAddressKey(address: { line1?: string | null; city?: string | null; state?: string | null; postalCode?: string | null }): string | null {
  const line = words(address.line1);
  if (!line) return null;
  return [line, words(address.city), words(address.state), (address.postalCode ?? '').replace(/\D/g, '').slice(0, 5)].join('|');
}
