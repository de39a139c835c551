import { type Provider } from './provider.entity';

type NameParts = Pick<Provider, 'firstName' | 'middleName' | 'lastName' | 'suffix' | 'credentials' | 'displayNameOverride'>;

/** "Anjum Bux, MD"; "John A. Smith Jr., MD, PhD": the override when an editor set one. */
export function displayNameOf(provider: NameParts): string {
  if (provider.displayNameOverride) return provider.displayNameOverride;
  const middle = provider.middleName ? (provider.middleName.length === 1 ? `${provider.middleName}.` : provider.middleName) : null;
  const name = [provider.firstName, middle, provider.lastName].filter(Boolean).join(' ');
  const withSuffix = provider.suffix ? `${name} ${provider.suffix}` : name;
  return [withSuffix, ...provider.credentials].join(', ');
}

/** Whole years of practice since `startYear`, as of `now`. */
export function yearsOfExperienceOf(startYear: number | null, now: Date = new Date()): number | null {
  if (startYear === null || startYear === undefined) return null;
  return Math.max(0, now.getUTCFullYear() - startYear);
}

/**
 * Experience as a page may state it. A known start year gives the exact count; otherwise only what
 * the practice said ("more than 20 years") is repeated, never turned into a guessed start year.
 */
export function experienceLabelOf(provider: Pick<Provider, 'practiceStartYear' | 'experienceMinimumYears'>, now: Date = new Date()): string | null {
  const years = yearsOfExperienceOf(provider.practiceStartYear, now);
  if (years !== null) return years === 1 ? '1 year' : `${years} years`;
  const minimum = provider.experienceMinimumYears;
  if (minimum === null || minimum === undefined) return null;
  return minimum === 1 ? 'More than 1 year' : `More than ${minimum} years`;
}
