/** Words a search reads at most: more would only slow the correction step down. */
export const MAX_QUERY_WORDS = 12;

/**
 * Spellings and synonyms the English stemmer does not join, searched for each other. Word for
 * word (the stemmer then reduces each variant): "herniated disk" finds "Herniated Discs". Names of
 * conditions belong in the condition's `aliases` ("CRPS"), which editors keep; this list is for
 * words any page may use. Keep it short and uncontroversial: every entry widens every search.
 */
const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['disc', 'disk'],
  ['discs', 'disks'],
  ['spine', 'spinal'],
  ['tumor', 'tumour'],
  ['anesthesia', 'anaesthesia'],
  ['anesthetic', 'anaesthetic'],
  ['orthopedic', 'orthopaedic'],
  ['pediatric', 'paediatric'],
  ['doctor', 'physician'],
  ['injection', 'shot'],
];

const synonymsOf = new Map<string, readonly string[]>(SYNONYM_GROUPS.flatMap((group) => group.map((word) => [word, group] as const)));

/** One word of a search and the words it also finds. */
export interface SearchWord {
  word: string;
  variants: readonly string[];
}

/**
 * The words of a search: letters and digits only (accents dropped, lower case), so that nothing
 * of the tsquery syntax can come from the client; at most MAX_QUERY_WORDS, repeats dropped.
 */
export function searchWords(query: string): SearchWord[] {
  const words = query
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu);
  return [...new Set(words ?? [])].slice(0, MAX_QUERY_WORDS).map((word) => ({ word, variants: synonymsOf.get(word) ?? [word] }));
}

/** The words as a tsquery text: every word (any of its variants) must match; PostgreSQL stems each. */
export function tsqueryText(words: readonly SearchWord[]): string {
  return words.map(({ variants }) => (variants.length === 1 ? variants[0] : `(${variants.join(' | ')})`)).join(' & ');
}
