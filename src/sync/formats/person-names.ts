/**
 * Names as people write them. Registries send names in capitals ("MCDONALD", "VAN DER BERG");
 * a name the source already writes in mixed case is the person's own spelling and is kept.
 */

/** Particles that stay lower case inside a name ("Ludwig van Beethoven", "Maria de la Cruz"). */
const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'du',
  'la',
  'le',
  'dos',
  'das',
  'do',
  'ter',
  'ten',
  'zu',
  'vom',
  'zur',
]);

/** Roman numerals of generational suffixes ("III"), kept in capitals. */
const ROMAN_NUMERAL = /^(?=[ivx])(x{0,3})(ix|iv|v?i{0,3})$/i;

/**
 * Names that start with "Mac" but are not Mac + a name (Machado, Mack, Macias): the usual
 * exception list of name-casing rules, so that only MACDONALD becomes MacDonald.
 */
const NOT_MAC = /^mac(edo|evicius|hado|har|hin|hlin|ias|iel|iulis|kie|kle|klin|kmin|kay|key|quarie|ario|aluso|chia)$/i;

function capitalize(part: string): string {
  return part.charAt(0).toLocaleUpperCase('en-US') + part.slice(1);
}

/** One word without spaces or hyphens: Mc/Mac prefixes, apostrophes (O'Connor, D'Angelo), numerals. */
function caseWord(word: string): string {
  if (ROMAN_NUMERAL.test(word)) return word.toUpperCase();
  const lower = word.toLocaleLowerCase('en-US');
  const apostrophe = /^([\p{L}]{1,2})(['’])(\p{L}.*)$/u.exec(lower);
  if (apostrophe) return `${capitalize(apostrophe[1])}${apostrophe[2]}${caseWord(apostrophe[3])}`;
  if (/^mc\p{L}{2,}/u.test(lower)) return `Mc${capitalize(lower.slice(2))}`;
  if (/^mac\p{L}{3,}/u.test(lower) && !NOT_MAC.test(lower)) return `Mac${capitalize(lower.slice(3))}`;
  return capitalize(lower);
}

/**
 * A name part in the case people write it. Mixed case is kept as the source wrote it; a name in
 * all capitals (or all lower case) gets title case with the usual rules: Mc/Mac ("McDonald",
 * "MacDonald", but "Machado"), apostrophes ("O'Connor"), hyphens ("Mary-Ann"), particles before
 * the surname in lower case ("van der Berg", "de la Cruz", "von Trapp"; a particle that is the
 * whole name stays capitalized), roman numerals and suffixes ("III", "Jr.").
 */
export function nameAsWritten(value: string): string {
  const trimmed = value.trim().replace(/\s+/g, ' ');
  const hasUpper = trimmed !== trimmed.toLocaleLowerCase('en-US');
  const hasLower = trimmed !== trimmed.toLocaleUpperCase('en-US');
  if (hasUpper && hasLower) return trimmed;
  const words = trimmed.split(' ');
  return words
    .map((word, index) => {
      const lower = word.toLocaleLowerCase('en-US');
      // A particle is lower case when a surname follows it ("van der Berg"), not when it is the name ("De").
      if (PARTICLES.has(lower) && index < words.length - 1) return lower;
      return word
        .split('-')
        .map((part) => (part === '' ? part : caseWord(part)))
        .join('-');
    })
    .join(' ');
}

/** Generational suffixes: "JR." → "Jr.", "iii" → "III"; others ("ESQ") by the name rules. */
export function suffixAsWritten(value: string): string {
  const trimmed = value.trim();
  if (ROMAN_NUMERAL.test(trimmed.replace(/\.$/, ''))) return trimmed.replace(/\.$/, '').toUpperCase();
  if (/^(jr|sr)\.?$/i.test(trimmed)) return `${capitalize(trimmed.slice(0, 2).toLowerCase())}.`;
  return nameAsWritten(trimmed);
}
